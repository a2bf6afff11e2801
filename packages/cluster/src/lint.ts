import { validateDns1035Label, validateDns1123Label, validateDns1123Subdomain } from '@podnet/dns';
import * as ip from '@podnet/ip';
import {
  parseAddr,
  parsePrefix,
  prefixContains,
  prefixesOverlap,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import type { Cluster } from './cluster.ts';
import { internalsOf } from './internal/internals.ts';
import { indexPodsByLabel, selectorCandidates } from './internal/label-index.ts';
import { nodeCidrCapacity } from './internal/node-cidrs.ts';
import { compareText, serviceIpAt } from './internal/service-ips.ts';

/**
 * How bad a finding is: `error` (the cluster will not work as specified, or a real apiserver/controller
 * refuses it), `warning` (works but probably not as meant), `info`.
 *
 * @example
 * ```ts
 * const s: Severity = 'error';
 * ```
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One lint finding: a stable `code`, its `severity`, a message naming the values involved, and (where it
 * points at input) a `path`, readable as a non-enumerable property so the JSON shape stays
 * `{ code, severity, message }`.
 *
 * @example
 * ```ts
 * const f: Finding = { code: 'POD_SERVICE_CIDR_OVERLAP', severity: 'error', message: '…' };
 * ```
 */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Encapsulation overhead per networking mode (bytes on top of the pod MTU). */
const OVERHEAD: Readonly<Record<string, number>> = {
  'flannel-vxlan': 50,
  'calico-vxlan': 50,
  'calico-ipip': 20,
  weave: 87,
};

function lanOf(addr: string): ip.Prefix | null {
  const r = safeParsePrefix(`${addr}/${addr.includes(':') ? 64 : 24}`, { strict: false });
  return r.ok ? r.value : null;
}

/**
 * Checks a cluster for the mistakes that break real clusters: overlapping pod, service and node ranges; a pod
 * CIDR too small for the nodes at the mask size and the nodes left without one (`CIDRNotAvailable`); full node
 * CIDRs; a service CIDR over the apiserver's limit (IPv4 /12, IPv6 /108); a cluster DNS IP outside the service
 * CIDR; invalid DNS names (Kubernetes' own validators and wording); selectors that match nothing; duplicate IPs;
 * an overlay MTU the underlay cannot carry; fields the spec does not know. Sorted: errors first, then by code.
 *
 * @example
 * ```ts
 * lint(defineCluster({ podCidr: '10.96.0.0/16', serviceCidr: '10.96.0.0/12' }))
 *   .map((f) => f.code); // ['POD_SERVICE_CIDR_OVERLAP', …]
 * ```
 */
export function lint(cluster: Cluster): Finding[] {
  const internals = internalsOf(cluster);
  const out: Finding[] = [];
  const add = (
    code: string,
    severity: Severity,
    message: string,
    path?: readonly (string | number)[],
  ): void => {
    const finding: Finding = { code, severity, message };
    // `path` is a non-enumerable extra: the documented shape (and JSON) stays `{ code, severity, message }`
    if (path !== undefined)
      Object.defineProperty(finding, 'path', { value: Object.freeze([...path]), enumerable: false });
    out.push(finding);
  };
  const spec = cluster.spec;
  const pod = parsePrefix(cluster.podCidr);
  const svc = parsePrefix(cluster.serviceCidr);

  // ranges
  if (prefixesOverlap(pod, svc)) {
    add(
      'POD_SERVICE_CIDR_OVERLAP',
      'error',
      `pod CIDR ${cluster.podCidr} overlaps service CIDR ${cluster.serviceCidr}`,
      ['serviceCidr'],
    );
  }
  const lans = new Map<string, ip.Prefix>();
  cluster.nodes.forEach((node, i) => {
    const a = parseAddr(node.ip);
    if (prefixContains(pod, a)) {
      add(
        'NODE_IP_IN_POD_CIDR',
        'error',
        `node ${node.name} IP ${node.ip} is inside pod CIDR ${cluster.podCidr}`,
        ['nodes', i, 'ip'],
      );
    }
    if (prefixContains(svc, a)) {
      add(
        'NODE_IP_IN_SERVICE_CIDR',
        'error',
        `node ${node.name} IP ${node.ip} is inside service CIDR ${cluster.serviceCidr}`,
        ['nodes', i, 'ip'],
      );
    }
    const lan = lanOf(node.ip);
    if (lan !== null) lans.set(ip.formatPrefix(lan), lan);
  });
  for (const [text, lan] of [...lans].sort((a, b) => compareText(a[0], b[0]))) {
    if (prefixesOverlap(lan, pod) && !cluster.nodes.some((n) => prefixContains(pod, parseAddr(n.ip)))) {
      add('NODE_NETWORK_OVERLAP', 'warning', `node network ${text} overlaps pod CIDR ${cluster.podCidr}`, [
        'podCidr',
      ]);
    }
    if (prefixesOverlap(lan, svc) && !cluster.nodes.some((n) => prefixContains(svc, parseAddr(n.ip)))) {
      add(
        'NODE_NETWORK_OVERLAP',
        'warning',
        `node network ${text} overlaps service CIDR ${cluster.serviceCidr}`,
        ['serviceCidr'],
      );
    }
  }
  const capacity = nodeCidrCapacity(cluster.podCidr, cluster.nodeCidrMaskSize);
  const width = pod.addr.family === 4 ? 32 : 128;
  if (cluster.nodes.length > capacity) {
    add(
      'POD_CIDR_TOO_SMALL',
      'error',
      `pod CIDR ${cluster.podCidr} holds ${capacity} node CIDRs of /${cluster.nodeCidrMaskSize}, but there are ${cluster.nodes.length} nodes`,
      ['podCidr'],
    );
  }
  cluster.nodes.forEach((node, i) => {
    if (node.podCidr === null) {
      add(
        'NODE_CIDR_EXHAUSTED',
        'error',
        `node ${node.name} gets no pod CIDR: no /${cluster.nodeCidrMaskSize} left in ${cluster.podCidr} (CIDRNotAvailable)`,
        ['nodes', i],
      );
      return;
    }
    const own = parsePrefix(node.podCidr);
    if (
      spec.nodes[i]?.podCidr !== null &&
      spec.nodes[i]?.podCidr !== undefined &&
      !prefixContains(pod, own)
    ) {
      add(
        'NODE_POD_CIDR_OUTSIDE',
        'error',
        `node ${node.name} pod CIDR ${node.podCidr} is outside ${cluster.podCidr}`,
        ['nodes', i, 'podCidr'],
      );
    }
    if (prefixesOverlap(own, svc)) {
      add(
        'NODE_POD_CIDR_IN_SERVICE_CIDR',
        'error',
        `node ${node.name} pod CIDR ${node.podCidr} overlaps service CIDR ${cluster.serviceCidr}`,
        ['nodes', i, 'podCidr'],
      );
    }
  });
  // pinned node CIDRs that overlap each other: sort by first address, compare with the widest block so far
  const blocks = cluster.nodes
    .map((node, i) => ({ node, i, prefix: node.podCidr === null ? null : parsePrefix(node.podCidr) }))
    .filter(
      (b): b is { node: (typeof cluster.nodes)[number]; i: number; prefix: ip.Prefix } => b.prefix !== null,
    )
    .sort(
      (a, b) => ip.compareAddr(a.prefix.addr, b.prefix.addr) || a.prefix.bits - b.prefix.bits || a.i - b.i,
    );
  let open: (typeof blocks)[number] | undefined;
  for (const b of blocks) {
    if (open !== undefined && prefixesOverlap(open.prefix, b.prefix)) {
      const [first, second] = open.i < b.i ? [open, b] : [b, open];
      add(
        'NODE_POD_CIDRS_OVERLAP',
        'error',
        `node ${second.node.name} pod CIDR ${second.node.podCidr} overlaps node ${first.node.name}'s ${first.node.podCidr}`,
        ['nodes', second.i, 'podCidr'],
      );
      if (b.prefix.bits < open.prefix.bits) open = b;
    } else {
      open = b;
    }
  }
  // node capacity
  const podsPerNode = new Map<string, number>();
  for (const p of cluster.pods) {
    if (p.node !== null && !p.hostNetwork) podsPerNode.set(p.node, (podsPerNode.get(p.node) ?? 0) + 1);
  }
  for (const node of cluster.nodes) {
    const count = podsPerNode.get(node.name) ?? 0;
    if (count > 110) {
      add(
        'TOO_MANY_PODS',
        'warning',
        `node ${node.name} runs ${count} pods, over kubelet's default maxPods 110`,
      );
    }
    if (node.podCidr !== null && cluster.cni.plugin !== 'weave') {
      const bits = parsePrefix(node.podCidr).bits;
      const usable =
        width - bits >= 31 ? Number.MAX_SAFE_INTEGER : 2 ** (width - bits) - (width === 32 ? 3 : 2);
      if (count > usable) {
        add(
          'NODE_CIDR_FULL',
          'error',
          `node ${node.name} pod CIDR ${node.podCidr} has ${Math.max(usable, 0)} usable addresses for ${count} pods`,
        );
      }
    }
  }
  // service CIDR
  // kube-apiserver's own checks of --service-cluster-ip-range (@podnet/ip serviceCidrErrors)
  for (const e of ip.serviceCidrErrors(svc)) {
    add(
      e.code === 'SERVICE_CIDR_TOO_LARGE' ? 'SERVICE_CIDR_TOO_LARGE' : 'SERVICE_CIDR_INVALID',
      'error',
      `service CIDR ${cluster.serviceCidr}: ${e.message}`,
      ['serviceCidr'],
    );
  }
  const dns = safeParseAddr(cluster.clusterDns);
  if (!dns.ok || !prefixContains(svc, dns.value)) {
    add(
      'CLUSTER_DNS_OUTSIDE_SERVICE_CIDR',
      'error',
      `cluster DNS ${cluster.clusterDns} is outside service CIDR ${cluster.serviceCidr}`,
      ['clusterDns'],
    );
  } else if (cluster.clusterDns === serviceIpAt(cluster.serviceCidr, 0)) {
    add(
      'CLUSTER_DNS_CONFLICT',
      'error',
      `cluster DNS ${cluster.clusterDns} is the kubernetes Service's address (the service CIDR's first)`,
      ['clusterDns'],
    );
  }
  const kubeDns = internals.serviceByKey.get('kube-system/kube-dns');
  if (kubeDns !== undefined && kubeDns.clusterIp !== cluster.clusterDns) {
    add(
      'CLUSTER_DNS_MISMATCH',
      'error',
      `kubelet's cluster DNS ${cluster.clusterDns} is not kube-dns's ClusterIP ${kubeDns.clusterIp ?? 'none'}`,
    );
  }
  // names
  const nameCheck = (
    errors: readonly string[],
    what: string,
    value: string,
    path?: readonly (string | number)[],
  ): void => {
    if (errors.length > 0)
      add('INVALID_DNS_NAME', 'error', `${what} ${JSON.stringify(value)}: ${errors.join('; ')}`, path);
  };
  for (const part of cluster.clusterDomain.split('.')) {
    nameCheck(validateDns1123Label(part), 'cluster domain label', part, ['clusterDomain']);
  }
  const namespaces = new Set<string>();
  cluster.nodes.forEach((n, i) => {
    nameCheck(validateDns1123Subdomain(n.name), 'node name', n.name, ['nodes', i, 'name']);
  });
  spec.pods.forEach((p, i) => {
    nameCheck(validateDns1123Subdomain(p.name), 'pod name', p.name, ['pods', i, 'name']);
    if (p.hostname !== null)
      nameCheck(validateDns1123Label(p.hostname), 'pod hostname', p.hostname, ['pods', i, 'hostname']);
    if (p.subdomain !== null)
      nameCheck(validateDns1123Label(p.subdomain), 'pod subdomain', p.subdomain, ['pods', i, 'subdomain']);
    namespaces.add(p.namespace);
  });
  spec.services.forEach((s, i) => {
    nameCheck(validateDns1035Label(s.name), 'service name', s.name, ['services', i, 'name']);
    namespaces.add(s.namespace);
  });
  for (const ns of [...namespaces].sort(compareText)) nameCheck(validateDns1123Label(ns), 'namespace', ns);
  // services
  const labelIndex = indexPodsByLabel(cluster.pods);
  spec.services.forEach((s, i) => {
    const built = internals.serviceByKey.get(`${s.namespace}/${s.name}`);
    if (built === undefined) return;
    if (s.selector !== null && Object.keys(s.selector).length > 0 && s.type !== 'ExternalName') {
      const keys = Object.keys(s.selector);
      const matching = selectorCandidates(labelIndex, s.namespace, s.selector).filter(
        (p) =>
          p.namespace === s.namespace &&
          keys.every((k) => Object.hasOwn(p.labels, k) && p.labels[k] === s.selector![k]),
      );
      const sel = keys.map((k) => `${k}=${s.selector![k]}`).join(',');
      if (matching.length === 0) {
        add(
          'SELECTOR_MATCHES_NOTHING',
          'warning',
          `service ${built.key} selector ${sel} matches no pod in ${s.namespace}`,
          ['services', i, 'selector'],
        );
      } else if (!built.endpoints.some((e) => e.ready)) {
        add(
          'SERVICE_NO_READY_ENDPOINTS',
          'warning',
          `service ${built.key} selector ${sel} matches pods but none is a ready endpoint`,
          ['services', i],
        );
      }
    }
    if (s.clusterIp !== null && s.clusterIp !== 'None') {
      const a = safeParseAddr(s.clusterIp);
      if (!a.ok || !prefixContains(svc, a.value)) {
        add(
          'CLUSTER_IP_OUTSIDE_SERVICE_CIDR',
          'error',
          `service ${built.key} clusterIp ${s.clusterIp} is outside ${cluster.serviceCidr}`,
          ['services', i, 'clusterIp'],
        );
      }
    }
    if (built.clusterIp === null && s.type !== 'ExternalName') {
      add(
        'SERVICE_CIDR_FULL',
        'error',
        `service ${built.key} gets no ClusterIP: ${cluster.serviceCidr} is full`,
        ['services', i],
      );
    }
  });
  // pods
  spec.pods.forEach((p, i) => {
    const built = internals.podByKey.get(`${p.namespace}/${p.name}`);
    if (built === undefined) return;
    if (p.node === null) {
      add('POD_UNSCHEDULED', 'info', `pod ${built.key} has no node (Pending)`, ['pods', i]);
      return;
    }
    const node = internals.nodeByName.get(p.node);
    if (node === undefined) {
      add(
        'POD_ON_UNKNOWN_NODE',
        'error',
        `pod ${built.key} is bound to node ${JSON.stringify(p.node)}, which is not in the cluster`,
        ['pods', i, 'node'],
      );
      return;
    }
    if (built.ip === null) {
      add('POD_WITHOUT_IP', 'error', `pod ${built.key} gets no IP on node ${node.name}`, ['pods', i]);
    } else if (!p.hostNetwork && node.podCidr !== null && cluster.cni.plugin !== 'weave') {
      const a = parseAddr(built.ip);
      if (!prefixContains(parsePrefix(node.podCidr), a)) {
        add(
          'POD_IP_OUTSIDE_NODE_CIDR',
          'warning',
          `pod ${built.key} IP ${built.ip} is outside node ${node.name}'s pod CIDR ${node.podCidr}`,
          ['pods', i, 'ip'],
        );
      }
    }
    if (p.subdomain !== null) {
      const headless = internals.serviceByKey.get(`${p.namespace}/${p.subdomain}`);
      if (headless === undefined || headless.clusterIp !== 'None') {
        add(
          'SUBDOMAIN_WITHOUT_HEADLESS_SERVICE',
          'warning',
          `pod ${built.key} subdomain ${p.subdomain} has no headless Service ${p.namespace}/${p.subdomain}, so its hostname gets no DNS record`,
          ['pods', i, 'subdomain'],
        );
      }
    }
  });
  // duplicate IPs
  const owners = new Map<string, string[]>();
  const own = (addr: string | null, who: string): void => {
    if (addr === null || addr === 'None') return;
    const list = owners.get(addr) ?? [];
    list.push(who);
    owners.set(addr, list);
  };
  for (const n of cluster.nodes) own(n.ip, `node ${n.name}`);
  for (const p of cluster.pods) if (!p.hostNetwork) own(p.ip, `pod ${p.key}`);
  for (const s of cluster.services) own(s.clusterIp, `service ${s.key}`);
  if (cluster.router !== null) own(cluster.router.ip, `router ${cluster.router.name}`);
  for (const [addr, who] of [...owners].sort((a, b) => compareText(a[0], b[0]))) {
    if (who.length > 1) add('DUPLICATE_IP', 'error', `${addr} is used by ${who.join(' and ')}`);
  }
  // MTU
  const overhead = OVERHEAD[cluster.cni.plugin] ?? 0;
  for (const node of cluster.nodes) {
    if (cluster.cni.mtu + overhead > node.mtu) {
      add(
        'OVERLAY_MTU_TOO_LARGE',
        'error',
        `${cluster.cni.plugin} pod MTU ${cluster.cni.mtu} + ${overhead} bytes of encapsulation exceeds node ${node.name}'s underlay MTU ${node.mtu}`,
        ['cni', 'mtu'],
      );
    }
  }
  for (const note of spec.notes)
    add(note.code, note.code === 'UNKNOWN_FIELD' ? 'warning' : 'info', note.message, note.path);
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || compareText(a.f.code, b.f.code) || a.i - b.i)
    .map(({ f }) => Object.freeze(f));
}
