import { kubernetesPluginConfig } from '@podnet/dns';
import { type PathSegment, type Result, safeParseAddr, safeParsePrefix } from '@podnet/ip';
import { z } from 'zod';
import type { Cluster } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import type { ClusterSpec, CniPlugin, NodeSpec, PodSpec, ProxyMode, ServiceSpec } from './cluster-spec.ts';
import { buildCluster } from './internal/build.ts';
import { toClusterError } from './internal/errors.ts';
import { describeType, loadDocuments } from './internal/load-text.ts';
import { describePath, quote, sanitize } from './internal/sanitize.ts';
import type { InputNote, NormalizedSpec } from './normalized-spec.ts';
import { parseClusterSpec } from './parse-cluster-spec.ts';

/**
 * Settings for {@link fromKubernetesObjects}: what the objects do not say (the CNI, most often), or overrides of
 * what they do.
 *
 * @example
 * ```ts
 * const settings: KubernetesSettings = { cni: { plugin: 'flannel-vxlan' } };
 * ```
 */
export interface KubernetesSettings {
  readonly name?: string | undefined;
  readonly cni?: { readonly plugin?: CniPlugin | undefined; readonly mtu?: number | undefined } | undefined;
  readonly proxy?: { readonly mode?: ProxyMode | undefined } | undefined;
  readonly podCidr?: string | undefined;
  readonly nodeCidrMaskSize?: number | undefined;
  readonly serviceCidr?: string | undefined;
  readonly clusterDns?: string | undefined;
  readonly clusterDomain?: string | undefined;
  readonly hostResolvConf?: string | null | undefined;
}

const meta = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  deletionTimestamp: z.string().nullable().optional(),
});

const nodeObject = z.looseObject({
  metadata: meta,
  spec: z
    .looseObject({ podCIDR: z.string().optional(), podCIDRs: z.array(z.string()).optional() })
    .optional(),
  status: z
    .looseObject({ addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).optional() })
    .optional(),
});

const containerPort = z.looseObject({
  name: z.string().optional(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
});

const podObject = z.looseObject({
  metadata: meta,
  spec: z
    .looseObject({
      nodeName: z.string().optional(),
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
      containers: z.array(z.looseObject({ ports: z.array(containerPort).optional() })).optional(),
    })
    .optional(),
  status: z
    .looseObject({
      phase: z.string().optional(),
      podIP: z.string().optional(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
    })
    .optional(),
});

const serviceObject = z.looseObject({
  metadata: meta,
  spec: z
    .looseObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
      clusterIP: z.string().optional(),
      selector: z.record(z.string(), z.string()).optional(),
      ports: z
        .array(
          z.looseObject({
            name: z.string().optional(),
            port: z.number().int().min(1).max(65535),
            targetPort: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).optional(),
            protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
            nodePort: z.number().int().min(1).max(65535).optional(),
          }),
        )
        .optional(),
      externalName: z.string().optional(),
      externalIPs: z.array(z.string()).optional(),
      loadBalancerSourceRanges: z.array(z.string()).optional(),
      externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
      publishNotReadyAddresses: z.boolean().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      loadBalancer: z
        .looseObject({ ingress: z.array(z.looseObject({ ip: z.string().optional() })).optional() })
        .optional(),
    })
    .optional(),
});

const sliceObject = z.looseObject({
  metadata: meta,
  addressType: z.string().optional(),
  endpoints: z
    .array(z.looseObject({ addresses: z.array(z.string()) }))
    .nullable()
    .optional(),
});

const configMapObject = z.looseObject({ metadata: meta, data: z.record(z.string(), z.string()).optional() });

interface Item {
  readonly value: Record<string, unknown>;
  readonly path: readonly PathSegment[];
}

function flatten(input: unknown, path: PathSegment[], out: Item[], depth = 0): void {
  if (Array.isArray(input)) {
    input.forEach((v, i) => {
      flatten(v, [...path, i], out, depth + 1);
    });
    return;
  }
  if (input === null || typeof input !== 'object') {
    throw new ClusterError(
      'INVALID_OBJECT',
      `${describePath(path)}: expected a Kubernetes object, got ${describeType(input)}`,
      path,
    );
  }
  const obj = input as Record<string, unknown>;
  const items = obj.items;
  if (typeof obj.kind === 'string' && /List$/.test(obj.kind) && depth < 4) {
    if (items !== undefined && items !== null && !Array.isArray(items)) {
      throw new ClusterError(
        'INVALID_OBJECT',
        `${describePath([...path, 'items'])}: a List's items must be an array`,
        [...path, 'items'],
      );
    }
    (Array.isArray(items) ? items : []).forEach((v, i) => {
      flatten(v, [...path, 'items', i], out, depth + 1);
    });
    return;
  }
  if (typeof obj.kind !== 'string') {
    throw new ClusterError('INVALID_OBJECT', `${describePath(path)}: a Kubernetes object needs a kind`, [
      ...path,
      'kind',
    ]);
  }
  out.push({ value: obj, path });
}

function check<T>(schema: z.ZodType<T>, item: Item): T {
  const r = schema.safeParse(item.value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const sub = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = [...item.path, ...sub];
  let value: unknown = item.value;
  for (const seg of sub)
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[seg]
        : undefined;
  const kind = String(item.value.kind);
  const name = (item.value.metadata as { name?: unknown } | undefined)?.name;
  const who = typeof name === 'string' ? `${kind} ${JSON.stringify(name)}` : kind;
  return fail(
    value === undefined ? 'MISSING_FIELD' : 'INVALID_VALUE',
    path,
    `${who} ${sub.join('.')}: ${value === undefined ? 'is required' : `${quote(value)} is invalid (${issue.message})`}`,
  );
}

function fail(code: string, path: readonly PathSegment[], message: string): never {
  throw new ClusterError(code, `${describePath(path)}: ${message}`, path);
}

function kubeConfigDoc(text: string, path: readonly PathSegment[]): Record<string, unknown>[] {
  try {
    return loadDocuments(text).filter(
      (d): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d),
    );
  } catch (error) {
    const e = toClusterError(error);
    throw new ClusterError(e.code, `${describePath(path)}: ${e.message}`, path);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Builds a {@link Cluster} from real Kubernetes objects — what `kubectl get nodes,pods,svc,endpointslices,cm -A
 * -o yaml` prints: a `v1 List`, an array, or multi-document YAML/JSON text of Node, Pod, Service, EndpointSlice,
 * and where present kubeadm's ClusterConfiguration (standalone or in the `kubeadm-config` ConfigMap), the
 * KubeProxyConfiguration (or the `kube-proxy` ConfigMap), the KubeletConfiguration (`kubelet-config`) and the
 * CoreDNS ConfigMap. Pod IPs, node pod CIDRs and ClusterIPs are taken as given; EndpointSlices are used when
 * present (else derived from selectors and ready pods). `settings` supplies what objects cannot say (the CNI
 * plugin) and overrides the rest. Other kinds are ignored (and noted for `lint`).
 *
 * @example
 * ```ts
 * const cluster = fromKubernetesObjects(kubectlYaml, { cni: { plugin: 'flannel-vxlan' } });
 * cluster.nodes.map((n) => n.podCidr);
 * ```
 */
export function fromKubernetesObjects(objects: unknown, settings: KubernetesSettings = {}): Cluster {
  try {
    return buildCluster(normalizeKubernetesObjects(objects, settings));
  } catch (error) {
    throw toClusterError(error);
  }
}

/**
 * Like {@link fromKubernetesObjects} but returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * safeFromKubernetesObjects('kind: Node').ok; // false (the Node has no metadata.name)
 * ```
 */
export function safeFromKubernetesObjects(
  objects: unknown,
  settings: KubernetesSettings = {},
): Result<Cluster, ClusterError> {
  try {
    return { ok: true, value: fromKubernetesObjects(objects, settings) };
  } catch (error) {
    return { ok: false, error: toClusterError(error) };
  }
}

/**
 * The validated, normalized input {@link fromKubernetesObjects} builds from (exported for tools that want to
 * edit it before building).
 *
 * @example
 * ```ts
 * normalizeKubernetesObjects({ apiVersion: 'v1', kind: 'List', items: [] }).nodes; // []
 * ```
 */
export function normalizeKubernetesObjects(
  objects: unknown,
  settings: KubernetesSettings = {},
): NormalizedSpec {
  const docs = typeof objects === 'string' ? loadDocuments(objects) : [sanitize(objects)];
  const items: Item[] = [];
  if (typeof objects === 'string') {
    docs.forEach((d, i) => {
      flatten(d, docs.length === 1 ? [] : [i], items);
    });
  } else flatten(docs[0], [], items);
  const s = settings !== null && typeof settings === 'object' ? settings : {};
  const notes: InputNote[] = [];
  const nodes: NodeSpec[] = [];
  const pods: PodSpec[] = [];
  const terminating = new Set<string>();
  const services: ServiceSpec[] = [];
  const slices: unknown[] = [];
  const specPaths = new Map<string, readonly PathSegment[]>();
  let kubeadm: Record<string, unknown> | undefined;
  let kubeProxy: Record<string, unknown> | undefined;
  let kubelet: Record<string, unknown> | undefined;
  let corefile: string | null = null;
  let detected: CniPlugin | undefined;
  const configDoc = (doc: Record<string, unknown>): void => {
    if (doc.kind === 'ClusterConfiguration') kubeadm = doc;
    else if (doc.kind === 'KubeProxyConfiguration') kubeProxy = doc;
    else if (doc.kind === 'KubeletConfiguration') kubelet = doc;
  };
  for (const item of items) {
    const kind = item.value.kind as string;
    switch (kind) {
      case 'Node': {
        const n = check(nodeObject, item);
        const addresses = n.status?.addresses ?? [];
        const ip =
          addresses.find((a) => a.type === 'InternalIP')?.address ??
          addresses.find((a) => a.type === 'ExternalIP')?.address;
        if (ip === undefined)
          fail(
            'MISSING_FIELD',
            [...item.path, 'status', 'addresses'],
            `Node ${JSON.stringify(n.metadata.name)} has no InternalIP address`,
          );
        const podCidr = n.spec?.podCIDR ?? n.spec?.podCIDRs?.[0];
        specPaths.set(`nodes/${nodes.length}`, item.path);
        const ann = n.metadata.annotations ?? {};
        const backend = ann['flannel.alpha.coreos.com/backend-type'];
        if (backend === 'vxlan') detected ??= 'flannel-vxlan';
        else if (backend === 'host-gw') detected ??= 'flannel-host-gw';
        else if (ann['projectcalico.org/IPv4VXLANTunnelAddr'] !== undefined) detected ??= 'calico-vxlan';
        else if (ann['projectcalico.org/IPv4IPIPTunnelAddr'] !== undefined) detected ??= 'calico-ipip';
        nodes.push({
          name: n.metadata.name,
          ip: ip as string,
          ...(podCidr === undefined ? {} : { podCidr }),
          ...(n.metadata.labels === undefined ? {} : { labels: n.metadata.labels }),
        });
        break;
      }
      case 'Pod': {
        const p = check(podObject, item);
        const phase = p.status?.phase;
        const key = `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
        if (phase === 'Succeeded' || phase === 'Failed') {
          notes.push({
            code: 'IGNORED_OBJECT',
            message: `Pod ${key} is ${phase} (not modelled)`,
            path: item.path,
          });
          break;
        }
        if (p.metadata.name.startsWith('weave-net-') && p.metadata.namespace === 'kube-system')
          detected ??= 'weave';
        const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
        const ports = (p.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
        if (p.metadata.deletionTimestamp) terminating.add(key);
        specPaths.set(`pods/${pods.length}`, item.path);
        pods.push({
          name: p.metadata.name,
          namespace: p.metadata.namespace ?? 'default',
          ...(p.spec?.nodeName === undefined ? {} : { node: p.spec.nodeName }),
          ...(p.metadata.labels === undefined ? {} : { labels: p.metadata.labels }),
          ...(p.status?.podIP === undefined || p.status.podIP === '' || p.spec?.hostNetwork
            ? {}
            : { ip: p.status.podIP }),
          ...(p.spec?.hostNetwork === undefined ? {} : { hostNetwork: p.spec.hostNetwork }),
          ...(p.spec?.hostname === undefined ? {} : { hostname: p.spec.hostname }),
          ...(p.spec?.subdomain === undefined ? {} : { subdomain: p.spec.subdomain }),
          ...(p.spec?.dnsPolicy === undefined ? {} : { dnsPolicy: p.spec.dnsPolicy }),
          ...(p.spec?.dnsConfig === undefined ? {} : { dnsConfig: p.spec.dnsConfig }),
          ...(ready === undefined
            ? phase === 'Running' || phase === undefined
              ? {}
              : { ready: false }
            : { ready: ready.status === 'True' }),
          ...(ports.length === 0 ? {} : { ports }),
        });
        break;
      }
      case 'Service': {
        const v = check(serviceObject, item);
        const spec = v.spec ?? {};
        const ingress = (v.status?.loadBalancer?.ingress ?? [])
          .map((i) => i.ip)
          .filter((x): x is string => typeof x === 'string');
        specPaths.set(`services/${services.length}`, item.path);
        services.push({
          name: v.metadata.name,
          namespace: v.metadata.namespace ?? 'default',
          ...(spec.type === undefined ? {} : { type: spec.type }),
          ...(spec.clusterIP === undefined || spec.clusterIP === '' ? {} : { clusterIp: spec.clusterIP }),
          ...(spec.selector === undefined ? {} : { selector: spec.selector }),
          ports: (spec.ports ?? []).map((p) => ({
            ...(p.name === undefined ? {} : { name: p.name }),
            port: p.port,
            ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
            ...(p.protocol === undefined ? {} : { protocol: p.protocol }),
            ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
          })),
          ...(spec.externalName === undefined ? {} : { externalName: spec.externalName }),
          ...(spec.externalIPs === undefined ? {} : { externalIps: spec.externalIPs }),
          ...(ingress.length === 0 ? {} : { loadBalancerIps: ingress }),
          ...(spec.loadBalancerSourceRanges === undefined
            ? {}
            : { loadBalancerSourceRanges: spec.loadBalancerSourceRanges }),
          ...(spec.externalTrafficPolicy === undefined
            ? {}
            : { externalTrafficPolicy: spec.externalTrafficPolicy }),
          ...(spec.internalTrafficPolicy === undefined
            ? {}
            : { internalTrafficPolicy: spec.internalTrafficPolicy }),
          ...(spec.sessionAffinity === undefined ? {} : { sessionAffinity: spec.sessionAffinity }),
          ...(spec.publishNotReadyAddresses === undefined
            ? {}
            : { publishNotReadyAddresses: spec.publishNotReadyAddresses }),
          ...(v.metadata.labels === undefined ? {} : { labels: v.metadata.labels }),
        });
        break;
      }
      case 'EndpointSlice': {
        const sl = check(sliceObject, item);
        if (sl.addressType === 'FQDN') {
          notes.push({
            code: 'IGNORED_OBJECT',
            message: `EndpointSlice ${sl.metadata.name} has addressType FQDN (not modelled)`,
            path: item.path,
          });
          break;
        }
        slices.push({
          ...item.value,
          metadata: { ...obj(item.value.metadata), namespace: sl.metadata.namespace ?? 'default' },
        });
        break;
      }
      case 'ConfigMap': {
        const cm = check(configMapObject, item);
        const data = cm.data ?? {};
        const ns = cm.metadata.namespace ?? 'default';
        if (ns !== 'kube-system') break;
        if (cm.metadata.name === 'kubeadm-config' && data.ClusterConfiguration !== undefined) {
          kubeConfigDoc(data.ClusterConfiguration, [...item.path, 'data', 'ClusterConfiguration']).forEach(
            (d) => {
              kubeadm ??= d;
            },
          );
        } else if (cm.metadata.name === 'kube-proxy' && data['config.conf'] !== undefined) {
          kubeConfigDoc(data['config.conf'], [...item.path, 'data', 'config.conf']).forEach((d) => {
            kubeProxy ??= d;
          });
        } else if (cm.metadata.name === 'kubelet-config' && data.kubelet !== undefined) {
          kubeConfigDoc(data.kubelet, [...item.path, 'data', 'kubelet']).forEach((d) => {
            kubelet ??= d;
          });
        } else if (cm.metadata.name === 'coredns' && data.Corefile !== undefined) {
          corefile = data.Corefile;
        } else if (cm.metadata.name === 'weave-net') {
          detected ??= 'weave';
        }
        break;
      }
      case 'ClusterConfiguration':
      case 'KubeProxyConfiguration':
      case 'KubeletConfiguration':
        configDoc(item.value);
        break;
      case 'DaemonSet': {
        const name = (item.value.metadata as { name?: unknown } | undefined)?.name;
        if (name === 'weave-net') detected ??= 'weave';
        else if (name === 'kube-flannel-ds') detected ??= 'flannel-vxlan';
        else if (name === 'calico-node') detected ??= 'calico-ipip';
        notes.push({
          code: 'IGNORED_OBJECT',
          message: `${kind} ${String(name)} is not modelled`,
          path: item.path,
        });
        break;
      }
      default:
        notes.push({ code: 'IGNORED_OBJECT', message: `${kind} objects are not modelled`, path: item.path });
    }
  }
  const networking = obj(kubeadm?.networking);
  const proxyCfg = kubeProxy ?? {};
  const iptablesCfg = obj(proxyCfg.iptables);
  const firstOf = (v: unknown): string | undefined => str(v)?.split(',')[0]?.trim();
  let podCidr = s.podCidr ?? firstOf(networking.podSubnet) ?? firstOf(proxyCfg.clusterCIDR);
  if (podCidr === undefined)
    podCidr = coveringCidr(nodes.map((n) => n.podCidr).filter((c): c is string => c !== undefined));
  const serviceCidr = s.serviceCidr ?? firstOf(networking.serviceSubnet) ?? inferServiceCidr(services);
  const kubeletDns = Array.isArray(kubelet?.clusterDNS) ? str(kubelet.clusterDNS[0]) : undefined;
  const kubeDns = services.find((x) => x.namespace === 'kube-system' && x.name === 'kube-dns')?.clusterIp;
  const clusterDns =
    s.clusterDns ?? kubeletDns ?? (kubeDns !== undefined && kubeDns !== 'None' ? kubeDns : undefined);
  let corefileDomain: string | undefined;
  if (corefile !== null) {
    try {
      const zone = kubernetesPluginConfig(corefile).zones.find((z) => !z.endsWith('arpa.'));
      corefileDomain = zone?.replace(/\.$/, '');
    } catch {
      notes.push({
        code: 'INVALID_COREFILE',
        message: "the coredns ConfigMap Corefile could not be read; using kubeadm's default",
        path: [],
      });
      corefile = null;
    }
  }
  const clusterDomain =
    s.clusterDomain ?? str(networking.dnsDomain) ?? str(kubelet?.clusterDomain) ?? corefileDomain;
  const maskSize = s.nodeCidrMaskSize ?? maskFromKubeadm(kubeadm) ?? commonMask(nodes);
  const modeText = str(proxyCfg.mode);
  const mode =
    s.proxy?.mode ??
    (modeText === 'ipvs' || modeText === 'nftables' || modeText === 'iptables' ? modeText : undefined);
  const plugin = s.cni?.plugin ?? detected;
  const raw: ClusterSpec = {
    name: s.name ?? str(kubeadm?.clusterName) ?? 'kubernetes',
    ...(clusterDomain === undefined ? {} : { clusterDomain }),
    ...(podCidr === undefined ? {} : { podCidr }),
    ...(maskSize === undefined ? {} : { nodeCidrMaskSize: maskSize }),
    ...(serviceCidr === undefined ? {} : { serviceCidr }),
    ...(clusterDns === undefined ? {} : { clusterDns }),
    cni: {
      ...(plugin === undefined ? {} : { plugin }),
      ...(s.cni?.mtu === undefined ? {} : { mtu: s.cni.mtu }),
    },
    proxy: {
      ...(mode === undefined ? {} : { mode }),
      ...(typeof iptablesCfg.masqueradeAll === 'boolean' ? { masqueradeAll: iptablesCfg.masqueradeAll } : {}),
      ...(typeof iptablesCfg.masqueradeBit === 'number' ? { masqueradeBit: iptablesCfg.masqueradeBit } : {}),
    },
    ...(s.hostResolvConf === undefined ? {} : { hostResolvConf: s.hostResolvConf }),
    nodes,
    pods,
    services,
  };
  let spec: NormalizedSpec;
  try {
    spec = parseClusterSpec(raw);
  } catch (error) {
    const e = toClusterError(error);
    const [list, index, ...rest] = e.path;
    const itemPath =
      typeof list === 'string' && typeof index === 'number' ? specPaths.get(`${list}/${index}`) : undefined;
    if (itemPath === undefined) throw e;
    const where = fieldPath(list as string, rest);
    throw new ClusterError(
      e.code,
      `${describePath([...itemPath, ...where])}: ${e.message.replace(/^[^:]*: /, '')}`,
      [...itemPath, ...where],
    );
  }
  return {
    ...spec,
    pods: spec.pods.map((p) =>
      terminating.has(`${p.namespace}/${p.name}`) ? { ...p, terminating: true } : p,
    ),
    endpointSlices: slices,
    corefile,
    notes: [...spec.notes, ...notes],
  };
}

/** Maps a compact-spec field path back to the Kubernetes object's field. */
function fieldPath(list: string, rest: readonly PathSegment[]): PathSegment[] {
  const [field, ...more] = rest;
  const table: Readonly<Record<string, Readonly<Record<string, readonly PathSegment[]>>>> = {
    nodes: {
      name: ['metadata', 'name'],
      ip: ['status', 'addresses'],
      podCidr: ['spec', 'podCIDR'],
      labels: ['metadata', 'labels'],
    },
    pods: {
      name: ['metadata', 'name'],
      namespace: ['metadata', 'namespace'],
      ip: ['status', 'podIP'],
      node: ['spec', 'nodeName'],
      labels: ['metadata', 'labels'],
      hostname: ['spec', 'hostname'],
      subdomain: ['spec', 'subdomain'],
    },
    services: {
      name: ['metadata', 'name'],
      namespace: ['metadata', 'namespace'],
      clusterIp: ['spec', 'clusterIP'],
      ports: ['spec', 'ports'],
      externalIps: ['spec', 'externalIPs'],
      selector: ['spec', 'selector'],
      externalName: ['spec', 'externalName'],
    },
  };
  const mapped = typeof field === 'string' ? table[list]?.[field] : undefined;
  return mapped === undefined ? [...rest] : [...mapped, ...more];
}

function maskFromKubeadm(kubeadm: Record<string, unknown> | undefined): number | undefined {
  const args = obj(kubeadm?.controllerManager).extraArgs;
  let value: string | undefined;
  if (Array.isArray(args)) {
    for (const a of args) {
      const e = obj(a);
      if (e.name === 'node-cidr-mask-size' || e.name === 'node-cidr-mask-size-ipv4') value = str(e.value);
    }
  } else {
    const m = obj(args);
    value = str(m['node-cidr-mask-size']) ?? str(m['node-cidr-mask-size-ipv4']);
  }
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(n) ? n : undefined;
}

function commonMask(nodes: readonly NodeSpec[]): number | undefined {
  const counts = new Map<number, number>();
  for (const n of nodes) {
    if (n.podCidr === undefined) continue;
    const r = safeParsePrefix(n.podCidr);
    if (r.ok) counts.set(r.value.bits, (counts.get(r.value.bits) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [bits, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = bits;
      bestCount = count;
    }
  }
  return best;
}

/** The smallest prefix covering every node's pod CIDR, widened to /16 at most (flannel's usual range). */
function coveringCidr(cidrs: readonly string[]): string | undefined {
  const v4 = cidrs.map((c) => safeParsePrefix(c)).filter((r) => r.ok && r.value.addr.family === 4);
  if (v4.length === 0) return undefined;
  let lo = 0xffffffff;
  let hi = 0;
  let minBits = 32;
  for (const r of v4) {
    if (!r.ok) continue;
    const base = r.value.addr.w3 >>> 0;
    const last = (base + 2 ** (32 - r.value.bits) - 1) >>> 0;
    lo = Math.min(lo, base);
    hi = Math.max(hi, last);
    minBits = Math.min(minBits, r.value.bits);
  }
  let bits = Math.min(16, minBits);
  while (bits > 0) {
    const mask = (~0 << (32 - bits)) >>> 0;
    if ((lo & mask) >>> 0 === (hi & mask) >>> 0) break;
    bits--;
  }
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  const net = (lo & mask) >>> 0;
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${bits}`;
}

/** kubeadm's default service CIDR unless the `kubernetes` Service's IP says otherwise. */
function inferServiceCidr(services: readonly ServiceSpec[]): string | undefined {
  const api = services.find((x) => x.namespace === 'default' && x.name === 'kubernetes')?.clusterIp;
  if (api === undefined) return undefined;
  const a = safeParseAddr(api);
  if (!a.ok || a.value.family !== 4) return undefined;
  const n = a.value.w3 >>> 0;
  // 10.96.0.0/12 holds it: kubeadm's default
  if ((n & 0xfff00000) >>> 0 === 0x0a600000) return '10.96.0.0/12';
  const net = ((n - 1) & 0xffffff00) >>> 0;
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/24`;
}
