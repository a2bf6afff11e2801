import { parseNetConfList } from '@podnet/cni';
import { parseCorefile, parseResolvConf } from '@podnet/dns';
import { parseIptablesSave } from '@podnet/proxy';
import { parseIpRoute } from '@podnet/routes';
import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { diagram } from './diagram.ts';
import { render, renderableArtefacts } from './render.ts';
import { summary } from './summary.ts';

const c = defineCluster(lessonSpec());

describe('render', () => {
  it('ip route of a node: own bridge, a route per other node, the LAN (CKA "Pod Networking")', () => {
    expect(render(c, { node: 'node01', artefact: 'ip-route' })).toBe(
      [
        '10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1',
        '10.244.1.0/24 via 192.168.1.12 dev eth0',
        '10.244.2.0/24 via 192.168.1.13 dev eth0',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        '',
      ].join('\n'),
    );
    expect(parseIpRoute(render(c, { pod: 'default/web-1', artefact: 'ip-route' })).length).toBeGreaterThan(0);
  });

  it('weave: one connected route for the whole range, no per-node routes', () => {
    const w = defineCluster(lessonSpec({ cni: { plugin: 'weave' }, podCidr: '10.32.0.0/12' }));
    const text = render(w, { node: 'node02', artefact: 'ip-route' });
    expect(text).toContain('10.32.0.0/12 dev weave proto kernel scope link');
    expect(text).not.toContain(' via ');
  });

  it('bridge-gateway: nodes default to the router, the router holds a route per node', () => {
    const g = defineCluster(lessonSpec({ cni: { plugin: 'bridge-gateway' } }));
    expect(render(g, { node: 'node01', artefact: 'ip-route' })).toContain('default via 192.168.1.1 dev eth0');
    expect(render(g, { node: 'router', artefact: 'ip-route' })).toBe(
      [
        '10.244.0.0/24 via 192.168.1.11 dev eth0',
        '10.244.1.0/24 via 192.168.1.12 dev eth0',
        '10.244.2.0/24 via 192.168.1.13 dev eth0',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.1',
        '',
      ].join('\n'),
    );
  });

  it('iptables-save parses back and holds the Service chains', () => {
    const text = render(c, { node: 'node02', artefact: 'iptables-save' });
    expect(parseIptablesSave(text).tables.map((t) => t.name)).toEqual(['filter', 'nat']);
    expect(text).toContain('-A KUBE-SERVICES -m comment --comment "default/web cluster IP"');
    expect(text).toContain('"default/empty has no endpoints"');
  });

  it('ipvsadm, nft, resolv.conf, Corefile, cni-conflist, EndpointSlices', () => {
    const web = c.services.find((s) => s.key === 'default/web')?.clusterIp;
    expect(render(c, { node: 'node01', artefact: 'ipvsadm' })).toContain(`TCP  ${web}:80`);
    expect(render(c, { node: 'node01', artefact: 'ipvsadm-save' })).toContain(`-A -t ${web}:80`);
    expect(render(c, { node: 'node01', artefact: 'ipset' })).toContain('KUBE-CLUSTER-IP');
    expect(render(c, { node: 'node01', artefact: 'nft' })).toContain('add table ip kube-proxy');
    expect(parseResolvConf(render(c, { pod: 'default/web-1', artefact: 'resolv.conf' })).searches).toEqual([
      'default.svc.cluster.local',
      'svc.cluster.local',
      'cluster.local',
    ]);
    expect(render(c, { node: 'node01', artefact: 'resolv.conf' })).toBe('nameserver 192.168.1.1\n');
    expect(parseCorefile(render(c, { artefact: 'corefile' })).serverBlocks[0]?.keys).toEqual(['.:53']);
    const conf = parseNetConfList(render(c, { node: 'node02', artefact: 'cni-conflist' }));
    expect(JSON.stringify(conf)).toContain('10.244.1.0/24');
    expect(JSON.parse(render(c, { artefact: 'endpointslices' })).items.length).toBe(c.endpointSlices.length);
  });

  it('every artefact renders for every node, byte-identically across builds', () => {
    const again = defineCluster(lessonSpec());
    for (const artefact of renderableArtefacts()) {
      for (const node of c.nodes) {
        expect(render(again, { node: node.name, artefact })).toBe(render(c, { node: node.name, artefact }));
      }
    }
  });

  it('refuses unknown nodes, pods and artefacts with codes', () => {
    expect(() => render(c, { node: 'ghost', artefact: 'ip-route' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_NODE' }),
    );
    expect(() => render(c, { pod: 'a/b', artefact: 'resolv.conf' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_POD' }),
    );
    expect(() => render(c, { artefact: 'iptables-save' })).toThrow(
      expect.objectContaining({ code: 'MISSING_NODE' }),
    );
    expect(() => render(c, { node: 'node01', artefact: 'nope' as never })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_ARTEFACT' }),
    );
  });
});

describe('render ip-route for a pod on a node without a pod CIDR', () => {
  const spec = (plugin: 'calico-ipip' | 'bridge-static') =>
    lessonSpec({
      podCidr: '10.244.0.0/23',
      cni: { plugin },
      pods: [{ name: 'p', node: 'node03', ip: '10.244.1.200' }],
    });

  it("Calico's CNI still writes its two routes (cni-plugin dataplane_linux.go); a bridge pod has none", () => {
    const calico = defineCluster(spec('calico-ipip'));
    expect(calico.nodes.find((n) => n.name === 'node03')?.podCidr).toBeNull();
    expect(render(calico, { pod: 'default/p', artefact: 'ip-route' })).toBe(
      'default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link',
    );
    expect(render(defineCluster(spec('bridge-static')), { pod: 'default/p', artefact: 'ip-route' })).toBe('');
  });
});

describe('diagram and summary', () => {
  it('mermaid: nodes, bridges, pods with IPs, routes between nodes, services', () => {
    const m = diagram(c, 'mermaid');
    expect(m.startsWith('flowchart LR\n')).toBe(true);
    expect(m).toContain('subgraph node_node01["node01 192.168.1.11 · pods 10.244.0.0/24"]');
    expect(m).toContain('pod_default_web_1("default/web-1 10.244.0.2")');
    expect(m).toContain('node_node01 -->|"10.244.1.0/24 via 192.168.1.12 dev eth0"| node_node02');
    expect(m).toContain('svc_default_web -.-> pod_default_web_1');
  });

  it('dot and svg', () => {
    const d = diagram(c, 'dot');
    expect(d.startsWith('digraph "lesson" {')).toBe(true);
    expect(d).toContain('subgraph cluster_node_node01 {');
    const s = diagram(c, 'svg');
    expect(s.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(s).toContain('default/web-1 10.244.0.2');
    expect(s.trimEnd().endsWith('</svg>')).toBe(true);
    expect(() => diagram(c, 'png' as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_FORMAT' }));
  });

  it('summary lists nodes with pod CIDRs and pods, services with ClusterIPs and endpoints', () => {
    const s = summary(c);
    expect(s.nodes[0]).toEqual({
      name: 'node01',
      ip: '192.168.1.11',
      podCidr: '10.244.0.0/24',
      pods: [
        { pod: 'default/web-1', ip: '10.244.0.2', addon: false },
        { pod: 'kube-system/coredns-0', ip: '10.244.0.254', addon: true },
      ],
    });
    const web = s.services.find((x) => x.service === 'default/web');
    expect(web?.ports).toEqual(['80/TCP→8080']);
    expect(web?.endpoints).toEqual(['10.244.0.2:8080', '10.244.1.2:8080']);
    expect(s.services.find((x) => x.service === 'default/kubernetes')?.clusterIp).toBe('10.96.0.1');
    expect(Object.isFrozen(s.nodes[0])).toBe(true);
  });
});
