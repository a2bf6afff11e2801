import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { lint } from './lint.ts';

const codes = (spec: Parameters<typeof defineCluster>[0]): string[] =>
  lint(defineCluster(spec)).map((f) => f.code);

describe('lint', () => {
  it('the lesson cluster only warns about the Service that selects nothing', () => {
    const f = lint(defineCluster(lessonSpec()));
    expect(f).toEqual([
      {
        code: 'SELECTOR_MATCHES_NOTHING',
        severity: 'warning',
        message: 'service default/empty selector app=nothing matches no pod in default',
      },
    ]);
    expect(f[0]?.path).toEqual(['services', 3, 'selector']);
    expect(JSON.parse(JSON.stringify(f))).toEqual([
      { code: 'SELECTOR_MATCHES_NOTHING', severity: 'warning', message: expect.any(String) },
    ]);
  });

  it('accepts overlapping pod and service ranges (a real cluster would) and reports them', () => {
    const c = defineCluster(lessonSpec({ podCidr: '10.64.0.0/10' }));
    expect(c.pods.find((p) => p.key === 'default/web-1')?.ip).toBe('10.64.0.2');
    const f = lint(c);
    expect(f[0]).toMatchObject({ code: 'POD_SERVICE_CIDR_OVERLAP', severity: 'error' });
    expect(f[0]?.message).toBe('pod CIDR 10.64.0.0/10 overlaps service CIDR 10.96.0.0/12');
    // pkg/controller/nodeipam/ipam/range_allocator.go filterOutServiceRange: the service range is occupied
    // in the cidrset, so a pod CIDR inside the service CIDR leaves every node without a pod CIDR
    const inside = defineCluster(lessonSpec({ podCidr: '10.96.0.0/16' }));
    expect(inside.nodes.map((n) => n.podCidr)).toEqual([null, null, null]);
    expect(lint(inside).map((x) => x.code)).toContain('NODE_CIDR_EXHAUSTED');
  });

  it('more nodes than node CIDRs: the extra node gets none (kube-controller-manager CIDRNotAvailable)', () => {
    const c = defineCluster(lessonSpec({ podCidr: '10.244.0.0/23' }));
    expect(c.nodes.map((n) => n.podCidr)).toEqual(['10.244.0.0/24', '10.244.1.0/24', null]);
    const f = lint(c);
    expect(f.map((x) => x.code)).toEqual(
      expect.arrayContaining(['POD_CIDR_TOO_SMALL', 'NODE_CIDR_EXHAUSTED', 'POD_WITHOUT_IP']),
    );
    expect(f.find((x) => x.code === 'POD_CIDR_TOO_SMALL')?.message).toBe(
      'pod CIDR 10.244.0.0/23 holds 2 node CIDRs of /24, but there are 3 nodes',
    );
  });

  it('a node CIDR too small for its pods', () => {
    const pods = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}`, node: 'node01' }));
    const f = codes({
      podCidr: '10.244.0.0/16',
      nodeCidrMaskSize: 29,
      nodes: [{ name: 'node01', ip: '192.168.1.11' }],
      pods,
    });
    expect(f).toContain('NODE_CIDR_FULL');
  });

  it('service CIDR over the apiserver limit, DNS outside it', () => {
    expect(codes({ serviceCidr: '10.0.0.0/8' })).toContain('SERVICE_CIDR_TOO_LARGE');
    expect(codes({ serviceCidr: '10.96.0.0/12', clusterDns: '10.200.0.10' })).toContain(
      'CLUSTER_DNS_OUTSIDE_SERVICE_CIDR',
    );
    expect(codes({ clusterDns: '10.96.0.1' })).toContain('CLUSTER_DNS_CONFLICT');
  });

  it("invalid DNS names with Kubernetes' wording", () => {
    const f = lint(
      defineCluster({ services: [{ name: 'Web_1', ports: [{ port: 80 }] }], pods: [{ name: 'UPPER' }] }),
    );
    const svc = f.find((x) => x.code === 'INVALID_DNS_NAME' && x.message.startsWith('service name'));
    expect(svc?.message).toContain('a DNS-1035 label must consist of lower case alphanumeric characters');
    expect(f.some((x) => x.code === 'INVALID_DNS_NAME' && x.message.startsWith('pod name "UPPER"'))).toBe(
      true,
    );
  });

  it('duplicate IPs and node IPs inside the pod range', () => {
    const f = codes({
      podCidr: '10.244.0.0/16',
      nodes: [
        { name: 'a', ip: '192.168.1.11' },
        { name: 'b', ip: '192.168.1.11' },
        { name: 'c', ip: '10.244.200.1' },
      ],
    });
    expect(f).toEqual(expect.arrayContaining(['DUPLICATE_IP', 'NODE_IP_IN_POD_CIDR']));
  });

  it('pinned node pod CIDRs that overlap each other or leave the pod CIDR', () => {
    const f = lint(
      defineCluster({
        podCidr: '10.244.0.0/16',
        nodes: [
          { name: 'a', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
          { name: 'b', ip: '192.168.1.12', podCidr: '10.244.0.0/23' },
          { name: 'c', ip: '192.168.1.13', podCidr: '10.245.0.0/24' },
        ],
      }),
    );
    expect(f.filter((x) => x.code === 'NODE_POD_CIDRS_OVERLAP').map((x) => x.message)).toEqual([
      "node b pod CIDR 10.244.0.0/23 overlaps node a's 10.244.1.0/24",
    ]);
    expect(f.find((x) => x.code === 'NODE_POD_CIDR_OUTSIDE')?.path).toEqual(['nodes', 2, 'podCidr']);
  });

  it('an overlay MTU larger than the underlay allows', () => {
    const f = lint(defineCluster(lessonSpec({ cni: { plugin: 'flannel-vxlan', mtu: 1500 } })));
    expect(f.find((x) => x.code === 'OVERLAY_MTU_TOO_LARGE')?.message).toBe(
      "flannel-vxlan pod MTU 1500 + 50 bytes of encapsulation exceeds node node01's underlay MTU 1500",
    );
    expect(codes(lessonSpec({ cni: { plugin: 'flannel-vxlan' } }))).not.toContain('OVERLAY_MTU_TOO_LARGE');
  });

  it('pods on unknown nodes, subdomains without a headless Service, unknown fields', () => {
    const f = codes({
      pods: [{ name: 'p', node: 'ghost', subdomain: 'nope' }],
      nodes: [{ name: 'n', ip: '10.0.0.1', extra: 1 } as never],
    });
    expect(f).toEqual(expect.arrayContaining(['POD_ON_UNKNOWN_NODE', 'UNKNOWN_FIELD']));
  });

  it('sorts errors before warnings and is deterministic', () => {
    const spec = lessonSpec({ podCidr: '10.96.0.0/16' });
    const f = lint(defineCluster(spec));
    const ranks = f.map((x) => ({ error: 0, warning: 1, info: 2 })[x.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(JSON.stringify(lint(defineCluster(spec)))).toBe(JSON.stringify(f));
  });

  it('service range problems: pinned ClusterIPs outside it, a full range, a too-small range', () => {
    const f = codes({
      serviceCidr: '10.96.0.0/30',
      clusterDns: '10.96.0.2',
      services: [
        { name: 'a', clusterIp: '10.200.0.5', ports: [{ port: 80 }] },
        ...Array.from({ length: 6 }, (_, i) => ({ name: `s${i}`, ports: [{ port: 80 }] })),
      ],
    });
    expect(f).toEqual(
      expect.arrayContaining([
        'CLUSTER_IP_OUTSIDE_SERVICE_CIDR',
        'SERVICE_CIDR_FULL',
        'SERVICE_CIDR_INVALID',
      ]),
    );
  });

  it('unscheduled pods are info, more than 110 pods on a node a warning', () => {
    const f = lint(
      defineCluster({
        nodeCidrMaskSize: 22,
        nodes: [{ name: 'n', ip: '192.168.1.10' }],
        pods: [{ name: 'pending' }, ...Array.from({ length: 111 }, (_, i) => ({ name: `p${i}`, node: 'n' }))],
      }),
    );
    expect(f.find((x) => x.code === 'POD_UNSCHEDULED')?.severity).toBe('info');
    expect(f.find((x) => x.code === 'TOO_MANY_PODS')?.message).toBe(
      "node n runs 113 pods, over kubelet's default maxPods 110",
    );
  });
});
