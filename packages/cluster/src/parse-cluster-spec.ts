import { type Addr, type PathSegment, type Result, safeParsePrefix } from '@podnet/ip';
import { z } from 'zod';
import { ClusterError } from './cluster-error.ts';
import { toClusterError } from './internal/errors.ts';
import { describeType, loadDocuments } from './internal/load-text.ts';
import { describePath, quote, sanitize } from './internal/sanitize.ts';
import { checkAddr, checkCidr, defaultGateway } from './internal/spec-checks.ts';
import type {
  InputNote,
  NormalizedNode,
  NormalizedPod,
  NormalizedService,
  NormalizedServicePort,
  NormalizedSpec,
} from './normalized-spec.ts';

const CNI_PLUGINS = [
  'bridge-static',
  'bridge-gateway',
  'flannel-vxlan',
  'flannel-host-gw',
  'weave',
  'calico-ipip',
  'calico-vxlan',
] as const;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

const labels = z.record(z.string(), z.string());
const port = z.number().int().min(1).max(65535);

const nodeSchema = z.looseObject({
  name: z.string().min(1),
  ip: z.string(),
  podCidr: z.string().optional(),
  labels: labels.optional(),
  mtu: z.number().int().min(68).max(65535).optional(),
});

const podSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  node: z.string().min(1).optional(),
  labels: labels.optional(),
  ip: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  dnsPolicy: z.enum(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']).optional(),
  dnsConfig: z
    .looseObject({
      nameservers: z.array(z.string()).optional(),
      searches: z.array(z.string()).optional(),
      options: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
    })
    .optional(),
  ready: z.boolean().optional(),
  ports: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        containerPort: port,
        protocol: z.enum(PROTOCOLS).optional(),
      }),
    )
    .optional(),
});

const servicePortSchema = z.looseObject({
  name: z.string().optional(),
  port,
  targetPort: z.union([port, z.string().min(1)]).optional(),
  protocol: z.enum(PROTOCOLS).optional(),
  nodePort: port.optional(),
});

const serviceSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
  clusterIp: z.string().optional(),
  selector: labels.optional(),
  ports: z.array(servicePortSchema).optional(),
  externalName: z.string().optional(),
  externalIps: z.array(z.string()).optional(),
  loadBalancerIps: z.array(z.string()).optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  labels: labels.optional(),
});

const specSchema = z.looseObject({
  name: z.string().min(1).optional(),
  clusterDomain: z.string().optional(),
  podCidr: z.string().optional(),
  nodeCidrMaskSize: z.number().int().min(1).max(128).optional(),
  serviceCidr: z.string().optional(),
  clusterDns: z.string().optional(),
  cni: z
    .looseObject({
      plugin: z.enum(CNI_PLUGINS).optional(),
      mtu: z.number().int().min(68).max(65535).optional(),
    })
    .optional(),
  proxy: z
    .looseObject({
      mode: z.enum(['iptables', 'ipvs', 'nftables']).optional(),
      masqueradeAll: z.boolean().optional(),
      masqueradeBit: z.number().int().min(0).max(31).optional(),
    })
    .optional(),
  dns: z
    .looseObject({
      podsMode: z.enum(['insecure', 'verified', 'disabled']).optional(),
      resolver: z.enum(['glibc', 'musl']).optional(),
    })
    .optional(),
  hostResolvConf: z.string().nullable().optional(),
  router: z.looseObject({ name: z.string().min(1).optional(), ip: z.string().optional() }).optional(),
  nodes: z.array(nodeSchema).optional(),
  pods: z.array(podSchema).optional(),
  services: z.array(serviceSchema).optional(),
});

type ParsedSpec = z.infer<typeof specSchema>;

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  root: Object.keys(specSchema.shape),
  node: Object.keys(nodeSchema.shape),
  pod: Object.keys(podSchema.shape),
  service: Object.keys(serviceSchema.shape),
  port: Object.keys(servicePortSchema.shape),
};

/**
 * Validates a compact cluster spec (an object, or YAML/JSON text) and fills in every default: cluster domain
 * `cluster.local`, node CIDR mask 24 (64 for IPv6), service CIDR `10.96.0.0/12`, cluster DNS at the service
 * CIDR's 10th address, `bridge-static` CNI, `iptables` proxy. Throws a {@link ClusterError} whose `code` and
 * `path` locate the bad field and whose message names the bad value, e.g.
 * `nodes[2].ip: "10.0.0.300" is not an IPv4 address`.
 *
 * @example
 * ```ts
 * const spec = parseClusterSpec('nodes:\n  - { name: node01, ip: 192.168.1.11 }\n');
 * spec.clusterDomain; // 'cluster.local'
 * ```
 */
export function parseClusterSpec(input: unknown): NormalizedSpec {
  let data: unknown;
  if (typeof input === 'string') {
    const docs = loadDocuments(input);
    if (docs.length !== 1) {
      throw new ClusterError('INVALID_SPEC', `expected one YAML/JSON document, got ${docs.length}`);
    }
    data = docs[0];
  } else {
    data = sanitize(input);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ClusterError('INVALID_SPEC', `a cluster spec must be an object, got ${describeType(data)}`);
  }
  const parsed = specSchema.safeParse(data);
  if (!parsed.success) throw zodToClusterError(parsed.error.issues, data);
  return normalize(parsed.data, data as Record<string, unknown>);
}

/**
 * Like {@link parseClusterSpec} but returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseClusterSpec({ podCidr: '10.244.0.0/33' });
 * r.ok; // false
 * ```
 */
export function safeParseClusterSpec(input: unknown): Result<NormalizedSpec, ClusterError> {
  try {
    return { ok: true, value: parseClusterSpec(input) };
  } catch (error) {
    return { ok: false, error: toClusterError(error) };
  }
}

interface ZodIssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.hasOwn(cur, seg) ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  return cur;
}

function zodToClusterError(issues: readonly ZodIssueLike[], root: unknown): ClusterError {
  const issue = issues[0];
  if (issue === undefined) return new ClusterError('INVALID_SPEC', 'invalid cluster spec');
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(root, path);
  const where = describePath(path);
  if (value === undefined && issue.code === 'invalid_type') {
    return new ClusterError('MISSING_FIELD', `${where} is required`, path);
  }
  const code =
    issue.code === 'invalid_type'
      ? 'INVALID_TYPE'
      : issue.code === 'invalid_value' || issue.code === 'invalid_union'
        ? 'INVALID_VALUE'
        : issue.code === 'too_small' || issue.code === 'too_big'
          ? 'OUT_OF_RANGE'
          : 'INVALID_SPEC';
  return new ClusterError(code, `${where}: ${quote(value)} is invalid (${issue.message})`, path);
}

const fail = (code: string, path: readonly PathSegment[], message: string): never => {
  throw new ClusterError(code, `${describePath(path)}: ${message}`, path);
};

function rawAt(raw: Record<string, unknown>, key: string, i: number): Record<string, unknown> {
  const list = raw[key];
  const item: unknown = Array.isArray(list) ? list[i] : undefined;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
}

function familyOf(addr: Addr): 4 | 6 {
  return addr.family;
}

function notes(data: Record<string, unknown>, kind: string, path: PathSegment[], out: InputNote[]): void {
  const known = KNOWN_KEYS[kind] ?? [];
  for (const key of Object.keys(data)) {
    if (!known.includes(key)) {
      const p = [...path, key];
      out.push({
        code: 'UNKNOWN_FIELD',
        message: `${describePath(p)} is not a field of the spec (ignored)`,
        path: p,
      });
    }
  }
}

function copyLabels(record: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (record === undefined) return out;
  for (const key of Object.keys(record).sort()) {
    if (key !== '__proto__') out[key] = record[key] as string;
  }
  return out;
}

function normalize(spec: ParsedSpec, raw: Record<string, unknown>): NormalizedSpec {
  const found: InputNote[] = [];
  notes(raw, 'root', [], found);
  const plugin = spec.cni?.plugin ?? 'bridge-static';
  const podCidr = checkCidr(spec.podCidr ?? (plugin === 'weave' ? '10.32.0.0/12' : '10.244.0.0/16'), [
    'podCidr',
  ]);
  const podPrefix = safeParsePrefix(podCidr);
  const family: 4 | 6 = podPrefix.ok ? familyOf(podPrefix.value.addr) : 4;
  const podBits = podPrefix.ok ? podPrefix.value.bits : 0;
  const serviceCidr = checkCidr(
    spec.serviceCidr ?? (family === 4 ? '10.96.0.0/12' : 'fd00:10:96::/108'),
    ['serviceCidr'],
    family,
  );
  const maskSize = spec.nodeCidrMaskSize ?? (family === 4 ? 24 : 64);
  const width = family === 4 ? 32 : 128;
  if (maskSize > width || maskSize < podBits) {
    fail(
      'INVALID_MASK_SIZE',
      ['nodeCidrMaskSize'],
      `${maskSize} must be between the pod CIDR's length ${podBits} and ${width}`,
    );
  }
  if (family === 6 && maskSize - podBits > 16) {
    fail(
      'INVALID_MASK_SIZE',
      ['nodeCidrMaskSize'],
      `${maskSize} is more than 16 bits longer than the pod CIDR's /${podBits} (kube-controller-manager's cidrset limit)`,
    );
  }
  const clusterDns =
    spec.clusterDns === undefined ? null : checkAddr(spec.clusterDns, ['clusterDns'], family);
  const clusterDomain = (spec.clusterDomain ?? 'cluster.local').replace(/\.$/, '');
  const nodes: NormalizedNode[] = [];
  const nodeNames = new Set<string>();
  (spec.nodes ?? []).forEach((node, i) => {
    notes(rawAt(raw, 'nodes', i), 'node', ['nodes', i], found);
    if (nodeNames.has(node.name))
      fail('DUPLICATE_NAME', ['nodes', i, 'name'], `node ${quote(node.name)} is listed twice`);
    nodeNames.add(node.name);
    nodes.push({
      name: node.name,
      ip: checkAddr(node.ip, ['nodes', i, 'ip'], family),
      podCidr: node.podCidr === undefined ? null : checkCidr(node.podCidr, ['nodes', i, 'podCidr'], family),
      labels: copyLabels(node.labels),
      mtu: node.mtu ?? 1500,
    });
  });
  const pods: NormalizedPod[] = [];
  const podNames = new Set<string>();
  (spec.pods ?? []).forEach((pod, i) => {
    notes(rawAt(raw, 'pods', i), 'pod', ['pods', i], found);
    const namespace = pod.namespace ?? 'default';
    const key = `${namespace}/${pod.name}`;
    if (podNames.has(key)) fail('DUPLICATE_NAME', ['pods', i, 'name'], `pod ${quote(key)} is listed twice`);
    podNames.add(key);
    pods.push({
      name: pod.name,
      namespace,
      node: pod.node ?? null,
      labels: copyLabels(pod.labels),
      ip: pod.ip === undefined ? null : checkAddr(pod.ip, ['pods', i, 'ip'], family),
      hostNetwork: pod.hostNetwork ?? false,
      hostname: pod.hostname ?? null,
      subdomain: pod.subdomain ?? null,
      dnsPolicy: pod.dnsPolicy ?? 'ClusterFirst',
      dnsConfig: pod.dnsConfig ?? null,
      ready: pod.ready ?? true,
      terminating: false,
      ports: (pod.ports ?? []).map((p) => ({
        ...(p.name === undefined ? {} : { name: p.name }),
        containerPort: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      })),
    });
  });
  const services: NormalizedService[] = [];
  const serviceNames = new Set<string>();
  (spec.services ?? []).forEach((svc, i) => {
    const rawSvc = rawAt(raw, 'services', i);
    notes(rawSvc, 'service', ['services', i], found);
    const rawPorts = rawSvc.ports;
    if (Array.isArray(rawPorts)) {
      rawPorts.forEach((p, j) => {
        if (p !== null && typeof p === 'object') {
          notes(p as Record<string, unknown>, 'port', ['services', i, 'ports', j], found);
        }
      });
    }
    const namespace = svc.namespace ?? 'default';
    const key = `${namespace}/${svc.name}`;
    if (serviceNames.has(key))
      fail('DUPLICATE_NAME', ['services', i, 'name'], `service ${quote(key)} is listed twice`);
    serviceNames.add(key);
    const type = svc.type ?? (svc.externalName !== undefined ? 'ExternalName' : 'ClusterIP');
    if (type === 'ExternalName' && (svc.externalName === undefined || svc.externalName === '')) {
      fail('MISSING_FIELD', ['services', i, 'externalName'], 'an ExternalName Service needs externalName');
    }
    let clusterIp: string | null = null;
    if (svc.clusterIp !== undefined && svc.clusterIp !== '') {
      clusterIp =
        svc.clusterIp === 'None' ? 'None' : checkAddr(svc.clusterIp, ['services', i, 'clusterIp'], family);
    }
    const ports: NormalizedServicePort[] = [];
    const portNames = new Set<string>();
    (svc.ports ?? []).forEach((p, j) => {
      const name = p.name ?? '';
      if (portNames.has(name)) {
        fail('DUPLICATE_NAME', ['services', i, 'ports', j, 'name'], `port name ${quote(name)} is used twice`);
      }
      if ((svc.ports?.length ?? 0) > 1 && name === '') {
        fail(
          'MISSING_FIELD',
          ['services', i, 'ports', j, 'name'],
          'every port of a multi-port Service needs a name',
        );
      }
      portNames.add(name);
      ports.push({
        name,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
        nodePort: p.nodePort ?? null,
      });
    });
    services.push({
      name: svc.name,
      namespace,
      type,
      clusterIp: type === 'ExternalName' ? null : clusterIp,
      selector: svc.selector === undefined ? null : copyLabels(svc.selector),
      ports,
      externalName: svc.externalName ?? null,
      externalIps: (svc.externalIps ?? []).map((ip, j) => checkAddr(ip, ['services', i, 'externalIps', j])),
      loadBalancerIps: (svc.loadBalancerIps ?? []).map((ip, j) =>
        checkAddr(ip, ['services', i, 'loadBalancerIps', j]),
      ),
      loadBalancerSourceRanges: (svc.loadBalancerSourceRanges ?? []).map((c, j) =>
        checkCidr(c, ['services', i, 'loadBalancerSourceRanges', j]),
      ),
      externalTrafficPolicy: svc.externalTrafficPolicy ?? 'Cluster',
      internalTrafficPolicy: svc.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: svc.sessionAffinity ?? 'None',
      publishNotReadyAddresses: svc.publishNotReadyAddresses ?? false,
      labels: copyLabels(svc.labels),
    });
  });
  return {
    name: spec.name ?? 'cluster',
    clusterDomain,
    podCidr,
    nodeCidrMaskSize: maskSize,
    serviceCidr,
    clusterDns,
    cni: { plugin, mtu: spec.cni?.mtu ?? null },
    proxy: {
      mode: spec.proxy?.mode ?? 'iptables',
      masqueradeAll: spec.proxy?.masqueradeAll ?? false,
      masqueradeBit: spec.proxy?.masqueradeBit ?? 14,
    },
    dns: { podsMode: spec.dns?.podsMode ?? 'insecure', resolver: spec.dns?.resolver ?? 'glibc' },
    hostResolvConf:
      spec.hostResolvConf === undefined
        ? `nameserver ${defaultGateway(nodes, family)}\n`
        : spec.hostResolvConf,
    router: {
      name: spec.router?.name ?? 'router',
      ip: spec.router?.ip === undefined ? null : checkAddr(spec.router.ip, ['router', 'ip'], family),
    },
    nodes,
    pods,
    services,
    endpointSlices: [],
    corefile: null,
    addons: true,
    notes: found,
  };
}
