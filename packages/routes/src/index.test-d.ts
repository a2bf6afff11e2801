import type { Addr, Prefix } from '@podnet/ip';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CompiledLpm,
  compileLpm,
  type ForwardResult,
  formatIpRoute,
  forwardPacket,
  type NetworkMode,
  nodeRoutes,
  parseIpRoute,
  type Route,
  type RoutesError,
  safeParseIpRoute,
  selectRoute,
} from './index.ts';

describe('public types', () => {
  it('parse/format', () => {
    expectTypeOf(parseIpRoute).returns.toEqualTypeOf<Route[]>();
    expectTypeOf(formatIpRoute).parameter(0).toEqualTypeOf<readonly Route[]>();
    const r = safeParseIpRoute('x');
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<Route[]>();
    else expectTypeOf(r.error).toEqualTypeOf<RoutesError>();
  });

  it('routes carry @podnet/ip values', () => {
    expectTypeOf<Route['dst']>().toEqualTypeOf<Prefix>();
    expectTypeOf<Route['via']>().toEqualTypeOf<Addr | undefined>();
    expectTypeOf<Route['metric']>().toEqualTypeOf<number | undefined>();
  });

  it('selection and LPM', () => {
    expectTypeOf(selectRoute).returns.toEqualTypeOf<Route | undefined>();
    expectTypeOf(compileLpm).returns.toEqualTypeOf<CompiledLpm>();
    expectTypeOf<CompiledLpm['lookupBatch']>().returns.toEqualTypeOf<Int32Array>();
    expectTypeOf<CompiledLpm['lookupBatch']>().parameter(0).toEqualTypeOf<Uint32Array>();
  });

  it('modes and forwarding', () => {
    expectTypeOf<'weave'>().toExtend<NetworkMode>();
    // @ts-expect-error not a mode
    nodeRoutes('ovn', [], 'a');
    expectTypeOf(forwardPacket).returns.toEqualTypeOf<ForwardResult>();
  });
});
