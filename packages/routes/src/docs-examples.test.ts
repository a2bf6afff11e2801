import { parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import {
  compileLpm,
  formatIpRoute,
  forwardingNodes,
  forwardPacket,
  nodeRoutes,
  parseIpRoute,
  parseIpRule,
  policyLookup,
  safeParseIpRoute,
  selectRoute,
} from './index.ts';

// The examples of docs/routes.md and README.md, run as written.
describe('guide examples', () => {
  const text = `default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.11 metric 100
10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1
10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink
blackhole 10.244.9.0/24
`;
  const routes = parseIpRoute(text);
  const nodes = [
    { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
    { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
  ];

  it('text in and out', () => {
    expect(routes[2]?.onlink).toBe(true);
    expect(routes[3]?.type).toBe('blackhole');
    expect(formatIpRoute(routes)).toBe(text);
    const bad = safeParseIpRoute('10.0.0.0/8 dev eth0 dev eth1');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toBe('line 1: repeated keyword "dev" in "10.0.0.0/8 dev eth0 dev eth1"');
  });

  it('selection, policy and LPM', () => {
    expect(selectRoute(routes, parseAddr('10.244.3.9'))?.dev).toBe('flannel.1');
    expect(selectRoute(routes, '8.8.8.8')?.metric).toBe(100);
    const rules = parseIpRule(
      '0:\tfrom all lookup local\n32764:\tfrom all lookup main suppress_prefixlength 0\n32765:\tnot from all fwmark 0xca6c lookup 51820\n32766:\tfrom all lookup main',
    );
    expect(policyLookup(routes, rules, { dst: '1.1.1.1', fwmark: 0xca6c })).toMatchObject({
      action: 'route',
      table: 'main',
    });
    const lpm = compileLpm(routes);
    expect(lpm.lookup('10.244.1.20')?.dev).toBe('cni0');
    expect(Array.from(lpm.lookupBatch(Uint32Array.of(0x0af40114, 0x08080808)))).toEqual([1, 0]);
  });

  it('modes and forwarding', () => {
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node01'))).toBe(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink\n',
    );
    const graph = forwardingNodes('bridge-gateway', nodes);
    expect(graph.map((n) => n.name)).toEqual(['node01', 'node02', 'router']);
    const result = forwardPacket(graph, { from: 'node01', dst: '10.244.2.7' });
    expect(result.disposition).toBe('DELIVERED');
    expect(result.hops.map((h) => `${h.node}:${h.action}`)).toEqual([
      'node01:forward',
      'router:forward',
      'node02:deliver-link',
    ]);
    const table = nodeRoutes('flannel-host-gw', nodes, 'node01');
    expect(selectRoute(table, '10.244.2.7')?.via).toEqual(parseAddr('192.168.1.12'));
    expect(Array.from(compileLpm(table).lookupBatch(Uint32Array.of(0x0af40207)))).toEqual([1]);
  });
});
