import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubectlList } from '../test/kubectl.ts';
import { lessonSpec } from '../test/lesson.ts';
import { fromKubernetesObjects, safeFromKubernetesObjects } from './from-kubernetes-objects.ts';
import { lint } from './lint.ts';
import { loadCluster, safeLoadCluster } from './load-cluster.ts';
import { trace } from './trace.ts';

describe('fromKubernetesObjects', () => {
  it('reads a v1 List: node CIDRs, pod IPs and ClusterIPs as given, kubeadm and kube-proxy settings', () => {
    const c = fromKubernetesObjects(kubectlList(), { cni: { plugin: 'flannel-vxlan' } });
    expect(c.podCidr).toBe('10.244.0.0/16');
    expect(c.serviceCidr).toBe('10.96.0.0/12');
    expect(c.clusterDns).toBe('10.96.0.10');
    expect(c.cni.plugin).toBe('flannel-vxlan');
    expect(c.nodes.map((n) => [n.name, n.ip, n.podCidr])).toEqual([
      ['cp', '192.168.1.10', '10.244.0.0/24'],
      ['worker', '192.168.1.20', '10.244.1.0/24'],
    ]);
    expect(c.pods.map((p) => [p.key, p.ip])).toEqual([
      ['default/web-a', '10.244.0.5'],
      ['default/web-b', '10.244.1.7'],
      ['default/web-c', '10.244.1.8'],
      ['kube-system/coredns-7db6d8ff4d-abcde', '10.244.0.2'],
    ]);
    expect(c.services.find((s) => s.key === 'default/web')?.endpoints).toEqual([
      { ip: '10.244.0.5', pod: 'default/web-a', node: 'cp', ready: true },
      { ip: '10.244.1.7', pod: 'default/web-b', node: 'worker', ready: true },
      { ip: '10.244.1.8', pod: 'default/web-c', node: 'worker', ready: false },
    ]);
    // nothing added: kubernetes and kube-dns were in the dump
    expect(c.services.filter((s) => s.addon)).toEqual([]);
    expect(c.pods.filter((p) => p.addon)).toEqual([]);
    expect(lint(c).map((f) => [f.code, f.severity])).toEqual([['IGNORED_OBJECT', 'info']]);
    expect(lint(c)[0]?.message).toBe('Deployment objects are not modelled');
  });

  it('traces a Service from real objects (the unready endpoint is not a candidate)', () => {
    const c = fromKubernetesObjects(kubectlList(), { cni: { plugin: 'flannel-vxlan' } });
    const r = trace(c, { from: 'default/web-a', to: 'web', port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.candidates?.map((x) => x.endpoint)).toEqual(['10.244.0.5:8080', '10.244.1.7:8080']);
    const k = trace(c, { from: 'default/web-b', to: 'kubernetes.default', port: 443 });
    expect(k.candidates?.[0]?.endpoint).toBe('192.168.1.10:6443');
  });

  it('without EndpointSlices, endpoints come from selectors and ready pods (named targetPort resolved)', () => {
    const list = kubectlList();
    list.items = (list.items as { kind: string }[]).filter((i) => i.kind !== 'EndpointSlice');
    const c = fromKubernetesObjects(list, { cni: { plugin: 'bridge-static' } });
    const web = c.services.find((s) => s.key === 'default/web');
    expect(web?.endpoints.filter((e) => e.ready).map((e) => e.pod)).toEqual([
      'default/web-a',
      'default/web-b',
    ]);
    const r = trace(c, { from: 'default/web-a', to: 'web', port: 80 });
    expect(r.candidates?.map((x) => x.endpoint)).toEqual(['10.244.0.5:8080', '10.244.1.7:8080']);
  });

  it('reads multi-document YAML and JSON text, and an array of objects', () => {
    const items = kubectlList().items as unknown[];
    const yaml = items.map((i) => stringify(i)).join('---\n');
    const a = fromKubernetesObjects(yaml, { cni: { plugin: 'weave' } });
    const b = fromKubernetesObjects(JSON.stringify(kubectlList()), { cni: { plugin: 'weave' } });
    const c = fromKubernetesObjects(items, { cni: { plugin: 'weave' } });
    const view = (x: typeof a): string =>
      JSON.stringify([x.nodes, x.pods, x.services, x.endpointSlices, x.podCidr]);
    expect(view(a)).toBe(view(b));
    expect(view(a)).toBe(view(c));
  });

  it('errors name the object and the field', () => {
    const list = kubectlList();
    (list.items as Record<string, unknown>[])[1] = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker' },
      status: { addresses: [{ type: 'InternalIP', address: '192.168.1.300' }] },
    };
    const r = safeFromKubernetesObjects(list);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ADDRESS');
      expect(r.error.path).toEqual(['items', 1, 'status', 'addresses']);
      expect(r.error.message).toContain('"192.168.1.300"');
    }
    const noName = safeFromKubernetesObjects({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ kind: 'Pod', metadata: {} }],
    });
    expect(noName.ok === false && noName.error.path).toEqual(['items', 0, 'metadata', 'name']);
    for (const bad of [null, 3, 'x', [1], { items: 'x', kind: 'List' }]) {
      const x = safeFromKubernetesObjects(bad);
      expect(x.ok).toBe(false);
    }
  });
});

describe('loadCluster', () => {
  it('detects a compact spec (YAML or JSON) and Kubernetes objects', () => {
    expect(loadCluster(stringify(lessonSpec())).name).toBe('lesson');
    expect(loadCluster(JSON.stringify(lessonSpec())).nodes).toHaveLength(3);
    expect(loadCluster(JSON.stringify(kubectlList()), { cni: { plugin: 'calico-ipip' } }).cni.plugin).toBe(
      'calico-ipip',
    );
  });

  it('returns coded errors for junk', () => {
    for (const bad of ['', '[[[', '- a\n- b\n', 'a: 1\n---\nb: 2\n']) {
      const r = safeLoadCluster(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('hostile Kubernetes objects', () => {
  it('never lets __proto__ or constructor keys reach a prototype', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'default', labels: { constructor: 'x', prototype: 'y' } },
          spec: { nodeName: 'n' },
          status: { podIP: '10.244.0.9' },
        },
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n' },
          spec: { podCIDR: '10.244.0.0/24' },
          status: { addresses: [{ type: 'InternalIP', address: '192.168.1.10' }] },
        },
      ],
    }).replace('"constructor"', '"__proto__":{"polluted":true},"constructor"');
    const c = fromKubernetesObjects(text, { cni: { plugin: 'bridge-static' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const pod = c.pods.find((p) => p.key === 'default/p');
    expect(Object.getPrototypeOf(pod?.labels)).toBe(Object.prototype);
    expect(Object.keys(pod?.labels ?? {})).toEqual(['constructor', 'prototype']);
  });

  it('reads CRLF YAML without a \\r in any value', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Node',
      'metadata:',
      '  name: n1',
      'spec:',
      '  podCIDR: 10.244.3.0/24',
      'status:',
      '  addresses:',
      '  - type: InternalIP',
      '    address: 192.168.1.10',
      '',
    ].join('\r\n');
    const c = fromKubernetesObjects(yaml);
    expect(c.nodes[0]).toMatchObject({ name: 'n1', ip: '192.168.1.10', podCidr: '10.244.3.0/24' });
    expect(JSON.stringify(c)).not.toContain('\\r');
  });
});

describe('what-if on a cluster read from objects', () => {
  it('a new pod joins its Service (the controller rewrites the slices); other edits keep them as given', async () => {
    const { withPod, withProxyMode } = await import('./what-if.ts');
    const c = fromKubernetesObjects(kubectlList(), { cni: { plugin: 'flannel-vxlan' } });
    const more = withPod(c, {
      name: 'web-d',
      node: 'cp',
      labels: { app: 'web' },
      ports: [{ name: 'http', containerPort: 8080 }],
    });
    const web = more.services.find((s) => s.key === 'default/web');
    expect(web?.endpoints.map((e) => e.pod)).toContain('default/web-d');
    expect(more.pods.find((p) => p.key === 'default/web-d')?.ip).toBe('10.244.0.3');
    const same = withProxyMode(c, 'ipvs');
    expect(same.endpointSlices).toEqual(c.endpointSlices);
  });
});
