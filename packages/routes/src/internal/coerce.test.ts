import { describe, expect, it } from 'vitest';
import { connectedRoutes } from '../connected-routes.ts';
import { formatRoute } from '../format-ip-route.ts';
import { forwardPacket } from '../forward-packet.ts';
import { nodeRoutes } from '../node-routes.ts';
import { podRoutes } from '../pod-routes.ts';
import { policyLookup } from '../policy-lookup.ts';
import type { Route } from '../route.ts';
import { isRoutesError, type RoutesError } from '../routes-error.ts';
import { selectRoute } from '../select-route.ts';
import { toAddr, toPrefix } from './coerce.ts';

const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
];

function thrown(f: () => unknown): RoutesError {
  try {
    f();
  } catch (e) {
    if (isRoutesError(e)) return e;
    throw e;
  }
  throw new Error('expected a RoutesError');
}

describe('toAddr and toPrefix', () => {
  it('accept text and values, and refuse anything else at the given path', () => {
    expect(toAddr('10.0.0.1').family).toBe(4);
    expect(toPrefix('10.0.0.1', 'x').bits).toBe(32);
    expect(toPrefix('default', 'x', 6).bits).toBe(0);
    const a = thrown(() => toAddr('10.0.0.256', 'gateway', ['gw']));
    expect([a.code, a.message, a.path]).toEqual(['INVALID_ADDRESS', 'invalid gateway "10.0.0.256"', ['gw']]);
    expect(thrown(() => toAddr(7)).path).toEqual([]);
    const p = thrown(() => toPrefix('10.0.0.1/24', 'range', undefined, ['r', 0]));
    expect([p.code, p.path]).toEqual(['HOST_BITS_SET', ['r', 0]]);
    expect(thrown(() => toPrefix({}, 'range', 4, ['q'])).path).toEqual(['q']);
  });
});

// Every bad field of structured input is named by the error's path (the package's convention: option names at
// the top, `nodes`/index for lists).
describe('errors in options and structured input carry their path', () => {
  const cases: readonly [string, () => unknown, string, readonly (string | number)[]][] = [
    [
      'router.ip',
      () => nodeRoutes('bridge-gateway', nodes, 'router', { router: { ip: 'nope' } }),
      'INVALID_ADDRESS',
      ['router', 'ip'],
    ],
    [
      'podRange',
      () => nodeRoutes('weave', nodes, 'node01', { podRange: '10.32.0.0/99' }),
      'INVALID_PREFIX',
      ['podRange'],
    ],
    [
      'defaultGateway',
      () => nodeRoutes('flannel-host-gw', nodes, 'node01', { defaultGateway: '1.2.3' }),
      'INVALID_ADDRESS',
      ['defaultGateway'],
    ],
    [
      'nodeSubnet as text',
      () => nodeRoutes('bridge-static', nodes, 'node01', { nodeSubnet: 'x/24' }),
      'INVALID_PREFIX',
      ['nodeSubnet'],
    ],
    [
      'a calico workload',
      () => nodeRoutes('calico-ipip', nodes, 'node01', { workloads: [{ dev: 'cali1', ip: 'bad' }] }),
      'INVALID_ADDRESS',
      ['workloads', 0, 'ip'],
    ],
    [
      'podRoutes podIp',
      () => podRoutes('bridge-static', nodes, 'node01', '10.244.1.x'),
      'INVALID_ADDRESS',
      ['podIp'],
    ],
    [
      'podRoutes clusterCidr',
      () => podRoutes('flannel-vxlan', nodes, 'node01', '10.244.1.5', { clusterCidr: '10.244.0.1/16' }),
      'HOST_BITS_SET',
      ['clusterCidr'],
    ],
    [
      'forwardPacket dst',
      () => forwardPacket([{ name: 'a', routes: [], addresses: [] }], { from: 'a', dst: 'x' }),
      'INVALID_ADDRESS',
      ['dst'],
    ],
    [
      'a forwarding node address',
      () =>
        forwardPacket([{ name: 'a', routes: [], addresses: ['10.0.0.1', 'y'] }], {
          from: 'a',
          dst: '10.0.0.9',
        }),
      'INVALID_ADDRESS',
      ['nodes', 0, 'addresses', 1],
    ],
    [
      'a forwarding node attached prefix',
      () =>
        forwardPacket([{ name: 'a', routes: [], addresses: [], attached: ['10.0.0.0/33'] }], {
          from: 'a',
          dst: '10.0.0.9',
        }),
      'INVALID_PREFIX',
      ['nodes', 0, 'attached', 0],
    ],
    ['policyLookup dst', () => policyLookup([], [], { dst: '' }), 'INVALID_ADDRESS', ['dst']],
    [
      'policyLookup src',
      () => policyLookup([], [], { dst: '1.1.1.1', src: '1.1.1' }),
      'INVALID_ADDRESS',
      ['src'],
    ],
    [
      'formatRoute dst',
      () => formatRoute({ dst: '10.0.0.0/40' } as unknown as Route),
      'INVALID_PREFIX',
      ['dst'],
    ],
    [
      'formatRoute via',
      () => formatRoute({ dst: '10.0.0.0/8', via: 'gw' } as unknown as Route),
      'INVALID_ADDRESS',
      ['via'],
    ],
    [
      'formatRoute src',
      () => formatRoute({ dst: '10.0.0.0/8', src: 5 } as unknown as Route),
      'INVALID_ADDRESS',
      ['src'],
    ],
    [
      'selectRoute: a route dst',
      () => selectRoute([{ dst: '10.0.0.0/8' }, { dst: 'x' }] as unknown as Route[], '10.0.0.1'),
      'INVALID_PREFIX',
      [1, 'dst'],
    ],
    [
      'connectedRoutes: an address object',
      () => connectedRoutes([{ dev: 'eth0', address: { family: 4 } as never }]),
      'INVALID_ADDRESS',
      [0, 'address'],
    ],
  ];
  it.each(cases)('%s', (_name, f, code, path) => {
    const e = thrown(f);
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
  });
});
