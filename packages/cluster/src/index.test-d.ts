import { describe, expectTypeOf, it } from 'vitest';
import {
  type Cluster,
  type ClusterError,
  type DiffRecord,
  defineCluster,
  diagram,
  diff,
  type Finding,
  lint,
  type Reachability,
  reachability,
  render,
  safeDefineCluster,
  type TraceResult,
  trace,
  withoutNode,
} from './index.ts';

describe('public types', () => {
  it('builds a Cluster and answers with typed results', () => {
    expectTypeOf(defineCluster).returns.toEqualTypeOf<Cluster>();
    expectTypeOf(withoutNode).returns.toEqualTypeOf<Cluster>();
    expectTypeOf(trace).returns.toEqualTypeOf<TraceResult>();
    expectTypeOf(lint).returns.toEqualTypeOf<Finding[]>();
    expectTypeOf(diff).returns.toEqualTypeOf<DiffRecord[]>();
    expectTypeOf(reachability).returns.toEqualTypeOf<Reachability>();
    expectTypeOf(render).returns.toEqualTypeOf<string>();
    expectTypeOf(diagram).returns.toEqualTypeOf<string>();
  });

  it('keeps results readonly and safe parsers discriminated', () => {
    const r = safeDefineCluster({});
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<Cluster>();
    else expectTypeOf(r.error).toEqualTypeOf<ClusterError>();
    expectTypeOf<TraceResult['hops'][number]['kind']>().toEqualTypeOf<
      'dns' | 'veth' | 'bridge' | 'route' | 'nat' | 'filter' | 'encap' | 'underlay' | 'deliver' | 'drop'
    >();
    expectTypeOf<Cluster['nodes']>().toEqualTypeOf<Cluster['nodes']>();
    // @ts-expect-error a Cluster is readonly
    defineCluster({}).nodes.push();
  });
});

describe('sibling namespaces', () => {
  it('re-exports the composed packages as namespaces', async () => {
    const facade = await import('./index.ts');
    expectTypeOf(facade.cni.safeParseNetConfList).toBeFunction();
    expectTypeOf(facade.ip.parsePrefix).toBeFunction();
    expectTypeOf(facade.routes.selectRoute).toBeFunction();
    expectTypeOf(facade.proxy.evaluatePacket).toBeFunction();
    expectTypeOf(facade.dns.answer).toBeFunction();
  });
});
