import { parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { type ForwardingNode, forwardPacket } from './forward-packet.ts';
import { forwardingNodes } from './forwarding-nodes.ts';
import { parseIpRule } from './ip-rule.ts';
import { nodeRoutes } from './node-routes.ts';
import { parseIpRoute } from './parse-ip-route.ts';

const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
  { name: 'node03', ip: '192.168.1.13', podCidr: '10.244.3.0/24' },
];
const path = (r: ReturnType<typeof forwardPacket>): string[] => r.hops.map((h) => `${h.node}:${h.action}`);

describe('forwardPacket', () => {
  it('bridge-static and host-gw: one hop to the owning node, delivered on its bridge', () => {
    for (const mode of ['bridge-static', 'flannel-host-gw'] as const) {
      const r = forwardPacket(forwardingNodes(mode, nodes), { from: 'node01', dst: '10.244.3.7' });
      expect(r.disposition).toBe('DELIVERED');
      expect(path(r)).toEqual(['node01:forward', 'node03:deliver-link']);
      expect(r.hops[0]).toMatchObject({ dev: 'eth0', nextNode: 'node03', ttl: 64 });
      expect(r.hops[1]).toMatchObject({ dev: 'cni0', ttl: 63 });
    }
  });

  it('bridge-gateway: through the router', () => {
    const r = forwardPacket(forwardingNodes('bridge-gateway', nodes), { from: 'node01', dst: '10.244.2.7' });
    expect(path(r)).toEqual(['node01:forward', 'router:forward', 'node02:deliver-link']);
  });

  it('vxlan modes: via the remote VTEP address over the tunnel device', () => {
    const r = forwardPacket(forwardingNodes('flannel-vxlan', nodes), { from: 'node02', dst: '10.244.1.9' });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops[0]).toMatchObject({ dev: 'flannel.1', nextNode: 'node01' });
  });

  it('weave: across the overlay bridge to the node whose share holds the pod', () => {
    const shares = nodes.map((n, i) => ({ ...n, podCidr: `10.32.${i * 64}.0/18` }));
    const graph = forwardingNodes('weave', shares, { podRange: '10.32.0.0/16' });
    const r = forwardPacket(graph, { from: 'node01', dst: '10.32.130.4' });
    expect(path(r)).toEqual(['node01:forward', 'node03:deliver-link']);
    expect(r.hops[0]?.dev).toBe('weave');
  });

  it('calico: a pod missing from the remote node hits its block blackhole', () => {
    const r = forwardPacket(forwardingNodes('calico-ipip', nodes), { from: 'node01', dst: '10.244.2.5' });
    expect(r.disposition).toBe('DROPPED');
    expect(r.hops.at(-1)?.route?.type).toBe('blackhole');
  });

  it('calico: delivered to the workload route when the pod exists (workloadsByNode)', () => {
    const workloadsByNode = new Map([['node02', [{ ip: '10.244.2.5', dev: 'calia1b2c3d4e5f' }]]]);
    const r = forwardPacket(forwardingNodes('calico-vxlan', nodes, { workloadsByNode }), {
      from: 'node01',
      dst: '10.244.2.5',
    });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.map((h) => h.dev)).toEqual(['vxlan.calico', 'calia1b2c3d4e5f']);
  });

  it('delivers to node addresses and leaves via gateways outside the model', () => {
    const graph = forwardingNodes('flannel-host-gw', nodes, { defaultGateway: '192.168.1.1' });
    expect(path(forwardPacket(graph, { from: 'node01', dst: '192.168.1.12' }))).toEqual([
      'node01:forward',
      'node02:deliver-local',
    ]);
    expect(forwardPacket(graph, { from: 'node01', dst: '10.244.1.1' }).disposition).toBe('DELIVERED');
    const out = forwardPacket(graph, { from: 'node01', dst: '8.8.8.8' });
    expect(out.disposition).toBe('EXTERNAL');
    expect(out.hops[0]?.action).toBe('exit');
    expect(
      forwardPacket(forwardingNodes('flannel-host-gw', nodes), { from: 'node01', dst: '8.8.8.8' })
        .disposition,
    ).toBe('NO_ROUTE');
  });

  it('rejects unreachable/prohibit, and on-link hosts that are not there', () => {
    const n: ForwardingNode = {
      name: 'a',
      routes: parseIpRoute('unreachable 10.1.0.0/16\nprohibit 10.2.0.0/16\n10.3.0.0/16 dev cni0'),
      addresses: ['10.3.0.1'],
      attached: ['10.3.0.0/24'],
    };
    expect(forwardPacket([n], { from: 'a', dst: '10.1.0.1' }).disposition).toBe('REJECTED');
    expect(forwardPacket([n], { from: 'a', dst: '10.2.0.1' }).disposition).toBe('REJECTED');
    expect(forwardPacket([n], { from: 'a', dst: '10.3.0.9' }).disposition).toBe('DELIVERED');
    expect(forwardPacket([n], { from: 'a', dst: '10.3.9.9' }).disposition).toBe('REJECTED');
  });

  it('detects loops and TTL expiry', () => {
    const a: ForwardingNode = {
      name: 'a',
      routes: parseIpRoute('10.9.0.0/16 via 192.168.1.2 dev eth0'),
      addresses: ['192.168.1.1'],
    };
    const b: ForwardingNode = {
      name: 'b',
      routes: parseIpRoute('10.9.0.0/16 via 192.168.1.1 dev eth0'),
      addresses: ['192.168.1.2'],
    };
    const r = forwardPacket([a, b], { from: 'a', dst: '10.9.0.1' });
    expect(r.disposition).toBe('LOOP');
    expect(path(r)).toEqual(['a:forward', 'b:forward']);
    const chain = [0, 1, 2, 3].map(
      (i): ForwardingNode => ({
        name: `n${i}`,
        routes: parseIpRoute(`10.9.0.0/16 via 192.168.1.${i + 11} dev eth0`),
        addresses: [`192.168.1.${i + 10}`],
      }),
    );
    expect(forwardPacket(chain, { from: 'n0', dst: '10.9.0.1', ttl: 2 }).disposition).toBe('LOOP');
  });

  it('applies policy rules when a node has them (from, fwmark)', () => {
    const gw: ForwardingNode = {
      name: 'gw',
      routes: parseIpRoute(
        'default via 192.168.1.2 dev eth0\ndefault via 192.168.9.2 dev vpn0 table 100\n192.168.1.0/24 dev eth0 scope link\n192.168.9.0/24 dev vpn0 scope link',
      ),
      addresses: ['192.168.1.1'],
      rules: parseIpRule(
        '0:\tfrom all lookup local\n100:\tfrom 10.244.0.0/16 lookup 100\n200:\tfrom all fwmark 0x1 prohibit\n32766:\tfrom all lookup main',
      ),
    };
    const isp: ForwardingNode = { name: 'isp', routes: [], addresses: ['192.168.1.2', '8.8.8.8'] };
    const vpn: ForwardingNode = { name: 'vpn', routes: [], addresses: ['192.168.9.2', '8.8.8.8'] };
    expect(path(forwardPacket([gw, isp, vpn], { from: 'gw', dst: '8.8.8.8' }))).toEqual([
      'gw:forward',
      'isp:deliver-local',
    ]);
    expect(path(forwardPacket([gw, isp, vpn], { from: 'gw', dst: '8.8.8.8', src: '10.244.1.5' }))).toEqual([
      'gw:forward',
      'vpn:deliver-local',
    ]);
    expect(forwardPacket([gw, isp, vpn], { from: 'gw', dst: '8.8.8.8', fwmark: 1 }).disposition).toBe(
      'REJECTED',
    );
    const bh: ForwardingNode = { ...gw, rules: parseIpRule('5:\tfrom all blackhole') };
    expect(forwardPacket([bh], { from: 'gw', dst: '8.8.8.8' }).disposition).toBe('DROPPED');
    const none: ForwardingNode = { ...gw, rules: [] };
    expect(forwardPacket([none], { from: 'gw', dst: '8.8.8.8' }).disposition).toBe('NO_ROUTE');
  });

  it('takes the first path of a multipath route', () => {
    const a: ForwardingNode = {
      name: 'a',
      routes: parseIpRoute(
        'default proto static\n\tnexthop via 192.168.1.2 dev eth0 weight 1\n\tnexthop via 192.168.1.3 dev eth0 weight 1',
      ),
      addresses: ['192.168.1.1'],
    };
    const b: ForwardingNode = { name: 'b', routes: [], addresses: ['192.168.1.2', '10.0.0.1'] };
    expect(path(forwardPacket([a, b], { from: 'a', dst: '10.0.0.1' }))).toEqual([
      'a:forward',
      'b:deliver-local',
    ]);
  });

  it('rejects bad input', () => {
    const graph = forwardingNodes('weave', nodes);
    expect(() => forwardPacket(graph, { from: 'nope', dst: '10.0.0.1' })).toThrow(
      expect.objectContaining({ code: 'NODE_NOT_FOUND' }),
    );
    expect(() => forwardPacket(graph, { from: 'node01', dst: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
    expect(() => forwardPacket(graph, { from: 'node01', dst: '10.0.0.1', ttl: 0 })).toThrow(/TTL/);
    expect(() => forwardPacket([graph[0]!, graph[0]!], { from: 'node01', dst: '10.0.0.1' })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_NODE' }),
    );
    expect(() => forwardPacket(null as never, { from: 'a', dst: '10.0.0.1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => forwardPacket(graph, null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(nodeRoutes('weave', nodes, 'node01').length).toBeGreaterThan(0);
  });
});

describe('forwardPacket hops and dispositions', () => {
  const node = (name: string, routes: string, addresses: string[], extra: Partial<ForwardingNode> = {}) =>
    ({ name, routes: parseIpRoute(routes), addresses, ...extra }) as ForwardingNode;

  it('records exactly what each route type does', () => {
    const a = node(
      'a',
      [
        'blackhole 10.1.0.0/16',
        'unreachable 10.2.0.0/16',
        'prohibit 10.3.0.0/16',
        'local 10.4.0.1 dev lo',
        'anycast 10.5.0.0/16 dev eth0',
        'broadcast 10.6.0.255 dev eth0',
        'multicast 224.0.0.0/4',
      ].join('\n'),
      [],
    );
    const run = (dst: string) => forwardPacket([a], { from: 'a', dst });
    const [bh, un, pr, lo, any, bc, mc] = a.routes;
    expect(run('10.1.0.1')).toStrictEqual({
      disposition: 'DROPPED',
      hops: [{ node: 'a', action: 'drop', route: bh, ttl: 64 }],
    });
    expect(run('10.2.0.1')).toStrictEqual({
      disposition: 'REJECTED',
      hops: [{ node: 'a', action: 'reject', route: un, ttl: 64 }],
    });
    expect(run('10.3.0.1')).toStrictEqual({
      disposition: 'REJECTED',
      hops: [{ node: 'a', action: 'reject', route: pr, ttl: 64 }],
    });
    expect(run('10.4.0.1')).toStrictEqual({
      disposition: 'DELIVERED',
      hops: [{ node: 'a', action: 'deliver-local', route: lo, ttl: 64 }],
    });
    expect(run('10.5.0.1')).toStrictEqual({
      disposition: 'DELIVERED',
      hops: [{ node: 'a', action: 'deliver-local', route: any, ttl: 64 }],
    });
    expect(run('10.6.0.255')).toStrictEqual({
      disposition: 'DELIVERED',
      hops: [{ node: 'a', action: 'deliver-link', route: bc, dev: 'eth0', ttl: 64 }],
    });
    expect(run('224.0.0.251')).toStrictEqual({
      disposition: 'DELIVERED',
      hops: [{ node: 'a', action: 'deliver-link', route: mc, ttl: 64 }],
    });
    expect(run('11.0.0.1')).toStrictEqual({
      disposition: 'NO_ROUTE',
      hops: [{ node: 'a', action: 'no-route', ttl: 64 }],
    });
    expect(Object.isFrozen(run('11.0.0.1').hops[0])).toBe(true);
  });

  it('records policy drops and rejects without a route; rules see no src or fwmark unless given', () => {
    const routes = 'default via 192.168.1.2 dev eth0';
    const bh = node('a', routes, [], { rules: parseIpRule('5:\tfrom all blackhole') });
    expect(forwardPacket([bh], { from: 'a', dst: '8.8.8.8', ttl: 9 })).toStrictEqual({
      disposition: 'DROPPED',
      hops: [{ node: 'a', action: 'drop', ttl: 9 }],
    });
    for (const action of ['unreachable', 'prohibit']) {
      const n = node('a', routes, [], { rules: parseIpRule(`5:\tfrom all ${action}`) });
      expect(forwardPacket([n], { from: 'a', dst: '8.8.8.8', ttl: 9 })).toStrictEqual({
        disposition: 'REJECTED',
        hops: [{ node: 'a', action: 'reject', ttl: 9 }],
      });
    }
    const main = node('a', routes, [], { rules: parseIpRule('32766:\tfrom all lookup main') });
    const r = forwardPacket([main], { from: 'a', dst: '8.8.8.8' });
    expect(r.disposition).toBe('EXTERNAL');
    expect(r.hops[0]).toStrictEqual({
      node: 'a',
      action: 'exit',
      route: main.routes[0],
      nextHop: parseAddr('192.168.1.2'),
      dev: 'eth0',
      ttl: 64,
    });
  });

  it('on-link: delivers without attached prefixes, or inside any of them; rejects outside', () => {
    const open = node('a', '10.0.0.0/8 dev eth0', []);
    expect(forwardPacket([open], { from: 'a', dst: '10.1.1.1' })).toStrictEqual({
      disposition: 'DELIVERED',
      hops: [
        {
          node: 'a',
          action: 'deliver-link',
          route: open.routes[0],
          nextHop: parseAddr('10.1.1.1'),
          dev: 'eth0',
          ttl: 64,
        },
      ],
    });
    const two = node('a', '10.0.0.0/8 dev eth0', [], { attached: ['10.1.0.0/16', '10.2.0.0/16'] });
    expect(forwardPacket([two], { from: 'a', dst: '10.1.1.1' }).disposition).toBe('DELIVERED');
    expect(forwardPacket([two], { from: 'a', dst: '10.2.1.1' }).disposition).toBe('DELIVERED');
    // another node's attached prefix matters only across an overlay device
    const b = node('b', '', [], { attached: ['10.3.0.0/16'] });
    expect(forwardPacket([two, b], { from: 'a', dst: '10.3.1.1' })).toStrictEqual({
      disposition: 'REJECTED',
      hops: [
        {
          node: 'a',
          action: 'reject',
          route: two.routes[0],
          nextHop: parseAddr('10.3.1.1'),
          dev: 'eth0',
          ttl: 64,
        },
      ],
    });
  });

  it('overlay: goes to the node whose attached prefixes hold the destination, skipping nodes without any', () => {
    const a = node('a', '10.0.0.0/8 dev weave', [], { attached: ['10.1.0.0/16'], overlayDevices: ['weave'] });
    const bare = node('bare', '', []);
    const c = node('c', '10.3.0.0/16 dev cni0', [], { attached: ['10.2.0.0/16', '10.3.0.0/16'] });
    const r = forwardPacket([a, bare, c], { from: 'a', dst: '10.3.0.5' });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.map((h) => [h.node, h.action, h.nextNode, h.dev])).toEqual([
      ['a', 'forward', 'c', 'weave'],
      ['c', 'deliver-link', undefined, 'cni0'],
    ]);
  });

  it('a route without a device names none; a via to the node itself leaves the model', () => {
    const a = node('a', '10.9.0.0/16 via 192.168.1.2\ndefault via 192.168.1.1', ['192.168.1.1']);
    const b = node('b', '', ['192.168.1.2', '10.9.0.1']);
    const r = forwardPacket([a, b], { from: 'a', dst: '10.9.0.1' });
    expect(r.hops[0]).toStrictEqual({
      node: 'a',
      action: 'forward',
      route: a.routes[0],
      nextHop: parseAddr('192.168.1.2'),
      nextNode: 'b',
      ttl: 64,
    });
    expect(r.hops[1]).toStrictEqual({ node: 'b', action: 'deliver-local', ttl: 63 });
    // the default's gateway is a's own address: not a hop to itself
    expect(forwardPacket([a, b], { from: 'a', dst: '8.8.8.8' }).disposition).toBe('EXTERNAL');
  });

  it('forwards over a via another node owns even without attached prefixes', () => {
    const a = node('a', '10.9.0.0/16 via 192.168.1.2 dev eth0', []);
    const b = node('b', '10.9.0.0/16 dev cni0', ['192.168.1.2']);
    expect(forwardPacket([a, b], { from: 'a', dst: '10.9.0.1' }).hops.map((h) => h.action)).toEqual([
      'forward',
      'deliver-link',
    ]);
  });

  it('compares all of an address: family and every word', () => {
    const a = node('a', '', ['10.0.0.1', '2001:db8:1:2:3:4:5:6']);
    const local = (dst: string) => forwardPacket([a], { from: 'a', dst }).disposition;
    expect(local('2001:db8:1:2:3:4:5:6')).toBe('DELIVERED');
    expect(local('10.0.0.1')).toBe('DELIVERED');
    for (const dst of [
      '2001:db9:1:2:3:4:5:6',
      '2001:db8:1:3:3:4:5:6',
      '2001:db8:1:2:3:5:5:6',
      '2001:db8:1:2:3:4:5:7',
      '::a00:1',
      '10.0.0.2',
    ]) {
      expect(local(dst), dst).toBe('NO_ROUTE');
    }
  });

  it('accepts TTL 1–255; a hop that leaves TTL 0 is a loop', () => {
    const graph = forwardingNodes('flannel-host-gw', nodes);
    expect(forwardPacket(graph, { from: 'node01', dst: '10.244.3.7', ttl: 255 }).hops[1]?.ttl).toBe(254);
    const r = forwardPacket(graph, { from: 'node01', dst: '10.244.3.7', ttl: 1 });
    expect(r.disposition).toBe('LOOP');
    expect(path(r)).toEqual(['node01:forward']);
    expect(forwardPacket(graph, { from: 'node01', dst: '10.244.3.7', ttl: 2 }).disposition).toBe('DELIVERED');
  });
});

describe('forwardPacket input errors', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const { code, message, path } = e as { code: string; message: string; path: unknown };
      return { code, message, path };
    }
    throw new Error('no error');
  };
  const ok: ForwardingNode = { name: 'a', routes: [], addresses: [] };

  it.each([
    [null, 'INVALID_INPUT', 'expected an array of forwarding nodes', []],
    [[ok, null], 'INVALID_NODE', 'forwarding node 1 needs a name', ['nodes', 1]],
    [[ok, 'b'], 'INVALID_NODE', 'forwarding node 1 needs a name', ['nodes', 1]],
    [[ok, { routes: [] }], 'INVALID_NODE', 'forwarding node 1 needs a name', ['nodes', 1]],
    [[ok, ok], 'DUPLICATE_NODE', 'duplicate node name "a"', ['nodes', 1, 'name']],
    [[ok, { name: 'b' }], 'INVALID_NODE', 'node "b" needs a routes array', ['nodes', 1, 'routes']],
    [
      [{ ...ok, addresses: ['x'] }],
      'INVALID_ADDRESS',
      'invalid node address "x"',
      ['nodes', 0, 'addresses', 0],
    ],
    [
      [{ ...ok, attached: ['x'] }],
      'INVALID_PREFIX',
      'invalid attached prefix "x"',
      ['nodes', 0, 'attached', 0],
    ],
  ])('nodes %j → %s', (graph, code, message, path) => {
    expect(err(() => forwardPacket(graph as never, { from: 'a', dst: '10.0.0.1' }))).toEqual({
      code,
      message,
      path,
    });
  });

  it('names a bad packet', () => {
    expect(err(() => forwardPacket([ok], null as never))).toEqual({
      code: 'INVALID_INPUT',
      message: 'expected a packet { from, dst }',
      path: [],
    });
    expect(err(() => forwardPacket([ok], { from: 'a', dst: 'x' }))).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid destination "x"',
      path: ['dst'],
    });
    expect(err(() => forwardPacket([ok], { from: 'zz', dst: '10.0.0.1' }))).toEqual({
      code: 'NODE_NOT_FOUND',
      message: 'no node named "zz"',
      path: ['from'],
    });
    for (const ttl of [0, 256, 1.5]) {
      expect(err(() => forwardPacket([ok], { from: 'a', dst: '10.0.0.1', ttl }))).toEqual({
        code: 'INVALID_INPUT',
        message: `invalid TTL ${ttl}`,
        path: ['ttl'],
      });
    }
    // a node without an addresses array owns no address
    expect(
      forwardPacket([{ name: 'a', routes: [] } as never], { from: 'a', dst: '10.0.0.1' }).disposition,
    ).toBe('NO_ROUTE');
  });
});
