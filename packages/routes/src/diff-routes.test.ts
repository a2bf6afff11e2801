import { describe, expect, it } from 'vitest';
import { diffRoutes } from './diff-routes.ts';
import { formatIpRoute } from './format-ip-route.ts';
import { nodeRoutes } from './node-routes.ts';
import { parseIpRoute } from './parse-ip-route.ts';

describe('diffRoutes', () => {
  const nodes = [
    { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
    { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
    { name: 'node03', ip: '192.168.1.13', podCidr: '10.244.3.0/24' },
  ];

  it('what-if: removing node03 removes its route from node01', () => {
    const before = nodeRoutes('flannel-vxlan', nodes, 'node01');
    const after = nodeRoutes('flannel-vxlan', nodes.slice(0, 2), 'node01');
    const d = diffRoutes(before, after);
    expect(formatIpRoute(d.removed)).toBe('10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink\n');
    expect(d.added).toEqual([]);
    expect(d.unchanged).toBe(2);
  });

  it('ignores order and layout, counts duplicates, sees field changes', () => {
    const a = parseIpRoute('10.0.0.0/8 dev eth0 \n10.1.0.0/16 dev eth1\n10.1.0.0/16 dev eth1');
    const b = parseIpRoute('10.1.0.0/16 dev eth1\n10.0.0.0/8 dev eth0\n10.1.0.0/16 dev eth1 metric 5');
    const d = diffRoutes(a, b);
    expect(d.unchanged).toBe(2);
    expect(formatIpRoute(d.added)).toBe('10.1.0.0/16 dev eth1 metric 5\n');
    expect(formatIpRoute(d.removed)).toBe('10.1.0.0/16 dev eth1\n');
    expect(() => diffRoutes(null as never, [])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('diffRoutes keys', () => {
  it('ignores the trailing spaces iproute2 prints, also on nexthop lines', () => {
    const spaced = parseIpRoute(
      'default proto static metric 100 \n\tnexthop via 192.168.1.1 dev eth0 weight 1 \n\tnexthop via 192.168.2.1 dev eth1 weight 1 \n',
    );
    const plain = parseIpRoute(
      'default proto static metric 100\n\tnexthop via 192.168.1.1 dev eth0 weight 1\n\tnexthop via 192.168.2.1 dev eth1 weight 1',
    );
    expect(diffRoutes(spaced, plain)).toEqual({ added: [], removed: [], unchanged: 1 });
  });

  it('names bad input', () => {
    expect(() => diffRoutes([], null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'expected two arrays of routes' }),
    );
  });
});
