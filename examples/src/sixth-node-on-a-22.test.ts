// What-if: a /22 pod CIDR with the default /24 per node holds four nodes. What happens to the fifth and sixth?
// kube-controller-manager (cidrset) leaves a node without a podCIDR once the range is exhausted; its pods get no IP.
import { defineCluster, lint, summary, withNode } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const nodes = Array.from({ length: 4 }, (_, i) => ({ name: `node0${i + 1}`, ip: `192.168.1.${11 + i}` }));

describe('the 5th and 6th node on a /22 pod CIDR', () => {
  const base = defineCluster({
    name: 'small',
    podCidr: '10.244.0.0/22',
    cni: { plugin: 'bridge-static' },
    nodes,
  });

  it('gives the first four nodes a /24 each, in order', () => {
    expect(summary(base).nodes.map((n) => n.podCidr)).toEqual([
      '10.244.0.0/24',
      '10.244.1.0/24',
      '10.244.2.0/24',
      '10.244.3.0/24',
    ]);
  });

  it('leaves the new nodes without a pod CIDR and lint says why', () => {
    const grown = withNode(withNode(base, { name: 'node05', ip: '192.168.1.15' }), {
      name: 'node06',
      ip: '192.168.1.16',
    });
    const byName = new Map(summary(grown).nodes.map((n) => [n.name, n.podCidr]));
    expect(byName.get('node05')).toBeNull();
    expect(byName.get('node06')).toBeNull();
    expect(lint(grown).some((f) => f.severity !== 'info' && /node|CIDR/i.test(f.message))).toBe(true);
    // the original cluster value is unchanged
    expect(summary(base).nodes).toHaveLength(4);
  });
});
