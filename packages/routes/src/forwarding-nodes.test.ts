import { parsePrefix } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { forwardingNodes } from './forwarding-nodes.ts';

const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
];

describe('forwardingNodes', () => {
  it('gives each node its pod CIDR as attached hosts; the bridge-gateway router has none', () => {
    const g = forwardingNodes('bridge-gateway', nodes);
    expect(g.map((n) => n.name)).toEqual(['node01', 'node02', 'router']);
    expect(g[0]?.attached).toEqual([parsePrefix('10.244.1.0/24')]);
    expect(g[2]?.attached).toEqual([]);
    expect(g.every((n) => !('overlayDevices' in n))).toBe(true);
    // a node named like the router is an ordinary node in the other modes
    const s = forwardingNodes('bridge-static', [
      ...nodes,
      { name: 'router', ip: '192.168.1.254', podCidr: '10.244.9.0/24' },
    ]);
    expect(s.map((n) => n.name)).toEqual(['node01', 'node02', 'router']);
    expect(s[2]?.attached).toEqual([parsePrefix('10.244.9.0/24')]);
  });

  it('weave: the overlay bridge reaches every node; nodes without a CIDR list no attached hosts', () => {
    const g = forwardingNodes('weave', [nodes[0]!, { name: 'bare', ip: '192.168.1.13' }], { bridge: 'wv' });
    expect(g[0]?.overlayDevices).toEqual(['wv']);
    expect(g[1]?.overlayDevices).toEqual(['wv']);
    expect('attached' in g[1]!).toBe(false);
    expect(forwardingNodes('weave', [nodes[0]!])[0]?.overlayDevices).toEqual(['weave']);
  });

  it('adds workloads only to the nodes the map names', () => {
    const workloadsByNode = new Map([['node02', [{ ip: '10.244.2.5', dev: 'cali1' }]]]);
    const g = forwardingNodes('calico-ipip', nodes, {
      workloadsByNode,
      workloads: [{ ip: '10.244.1.5', dev: 'x' }],
    });
    expect(g[1]?.routes.some((r) => r.dev === 'cali1')).toBe(true);
    expect(g[0]?.routes.some((r) => r.dev === 'cali1' || r.dev === 'x')).toBe(false);
  });

  it('rejects bad nodes before anything else', () => {
    expect(() => forwardingNodes('weave', [null] as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_NODE' }),
    );
    expect(() => forwardingNodes('weave', 'x' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
