// Input-taking functions that are not named parse*: the outside data they take (Kubernetes objects, node lists,
// names, requests, options) replaced by arbitrary values and by mutations of valid values. The property: a value
// or the package's own coded error, in bounded time — never a TypeError/RangeError.
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import * as ip from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyInput, collect, type ErrorClass, misbehaviour, TEST_MS } from './harness.ts';
import { K8S_LIST_JSON, SPEC_YAML } from './samples.ts';

const demo = cluster.defineCluster(SPEC_YAML);
const k8s = JSON.parse(K8S_LIST_JSON) as { items: Record<string, unknown>[] };
const service = k8s.items[2]!;
const slice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'node01' }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
};
const proxyConfig = { hostname: 'node01', nodeIPs: ['192.168.1.11'], clusterCIDR: '10.244.0.0/16' };
const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.0.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.1.0/24' },
];
const zone = dns.clusterZone({
  clusterDomain: 'cluster.local',
  services: [service],
  endpointSlices: [slice],
} as never);

/** Replaces one field somewhere inside a JSON-like value by an arbitrary value. */
function mutateField(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
    } else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), anyInput).map(([path, replacement]) => {
    if (path.length === 0) return replacement;
    const copy = structuredClone(base) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path.at(-1)!] = replacement;
    return copy;
  });
}

interface Case {
  readonly name: string;
  readonly errorClass: ErrorClass;
  readonly inputs: fc.Arbitrary<unknown>;
  readonly call: (input: never) => unknown;
}

const CASES: readonly Case[] = [
  {
    name: 'ip allocateNodeCidrs(cidr, maskSize, count)',
    errorClass: ip.IpError,
    inputs: fc.tuple(
      fc.oneof(anyInput, fc.constant('10.244.0.0/16')),
      fc.oneof(anyInput, fc.integer({ min: -2, max: 130 })),
      fc.oneof(anyInput, fc.integer({ min: -2, max: 70000 })),
    ),
    call: ([a, b, c]: [never, never, never]) => ip.allocateNodeCidrs(a, b, c),
  },
  {
    name: 'ip serviceCidrLayout(prefix)',
    errorClass: ip.IpError,
    inputs: anyInput,
    call: (a: never) => ip.serviceCidrLayout(a),
  },
  {
    name: 'routes nodeRoutes(mode, nodes, nodeName)',
    errorClass: routes.RoutesError,
    inputs: fc.tuple(
      fc.oneof(anyInput, fc.constantFrom(...routes.NETWORK_MODES)),
      fc.oneof(anyInput, mutateField(nodes)),
      fc.oneof(anyInput, fc.constant('node01')),
    ),
    call: ([m, n, x]: [never, never, never]) => routes.nodeRoutes(m, n, x),
  },
  {
    name: 'proxy iptablesRules({ services, endpointSlices, config })',
    errorClass: proxy.ProxyError,
    inputs: fc.oneof(
      anyInput,
      mutateField({ services: [service], endpointSlices: [slice], config: proxyConfig }),
    ),
    call: (input: never) => proxy.iptablesRules(input),
  },
  {
    name: 'proxy ipvsRules / nftablesRules',
    errorClass: proxy.ProxyError,
    inputs: mutateField({ services: [service], endpointSlices: [slice], config: proxyConfig }),
    call: (input: never) => [proxy.ipvsRules(input), proxy.nftablesRules(input)],
  },
  {
    name: 'dns podResolvConf(input)',
    errorClass: dns.DnsError,
    inputs: fc.oneof(
      anyInput,
      mutateField({
        pod: {
          metadata: { name: 'web-1', namespace: 'default' },
          spec: { dnsPolicy: 'ClusterFirst', dnsConfig: { options: [{ name: 'ndots', value: '2' }] } },
        },
        clusterDns: ['10.96.0.10'],
        clusterDomain: 'cluster.local',
        hostResolvConf: 'nameserver 192.168.1.1\nsearch example.com\n',
      }),
    ),
    call: (input: never) => dns.podResolvConf(input),
  },
  {
    name: 'dns searchCandidates(name, resolvConf, options)',
    errorClass: dns.DnsError,
    inputs: fc.tuple(
      fc.oneof(anyInput, fc.constant('web.default')),
      fc.oneof(
        anyInput,
        mutateField({
          nameservers: ['10.96.0.10'],
          searches: ['default.svc.cluster.local'],
          options: ['ndots:5'],
        }),
      ),
      fc.oneof(anyInput, fc.constantFrom({ resolver: 'glibc' }, { resolver: 'musl' })),
    ),
    call: ([a, b, c]: [never, never, never]) => dns.searchCandidates(a, b, c),
  },
  {
    name: 'dns validateDns1123Label / Subdomain / 1035Label',
    errorClass: dns.DnsError,
    inputs: anyInput,
    call: (a: never) => [
      dns.validateDns1123Label(a),
      dns.validateDns1123Subdomain(a),
      dns.validateDns1035Label(a),
    ],
  },
  {
    name: 'dns answer(zone, question)',
    errorClass: dns.DnsError,
    inputs: fc.oneof(anyInput, mutateField({ name: 'web.default.svc.cluster.local.', type: 'A' })),
    call: (q: never) => dns.answer(zone, q),
  },
  {
    name: 'dns defaultCorefile(options)',
    errorClass: dns.DnsError,
    inputs: fc.oneof(anyInput, mutateField({ clusterDomain: 'cluster.local' })),
    call: (o: never) => dns.defaultCorefile(o),
  },
  {
    name: 'cni hostLocalAllocate(ipam, store, containerId, ifname)',
    errorClass: cni.CniError,
    inputs: fc.tuple(
      fc.oneof(anyInput, mutateField({ type: 'host-local', ranges: [[{ subnet: '10.244.0.0/24' }]] })),
      fc.oneof(anyInput, fc.constant(cni.emptyHostLocalStore())),
      fc.oneof(anyInput, fc.constant('abc123')),
      fc.oneof(anyInput, fc.constant('eth0')),
    ),
    call: ([a, b, c, d]: [never, never, never, never]) => cni.hostLocalAllocate(a, b, c, d),
  },
  {
    name: 'cluster render(cluster, request)',
    errorClass: cluster.ClusterError,
    inputs: fc.oneof(
      anyInput,
      mutateField({ node: 'node01', artefact: 'iptables-save' }),
      mutateField({ pod: 'default/web-1', artefact: 'resolv.conf' }),
    ),
    call: (r: never) => cluster.render(demo, r),
  },
  {
    name: 'cluster trace(cluster, request)',
    errorClass: cluster.ClusterError,
    inputs: fc.oneof(
      anyInput,
      mutateField({ from: 'default/web-1', to: 'web.default', port: 80, protocol: 'TCP' }),
    ),
    call: (r: never) => cluster.trace(demo, r),
  },
  {
    name: 'cluster resolve(cluster, fromPod, name, type)',
    errorClass: cluster.ClusterError,
    inputs: fc.tuple(
      fc.oneof(anyInput, fc.constant('default/web-1')),
      fc.oneof(anyInput, fc.constant('web')),
      fc.oneof(anyInput, fc.constant('A')),
    ),
    call: ([a, b, c]: [never, never, never]) => cluster.resolve(demo, a, b, c),
  },
  {
    name: 'cluster what-if helpers (withNode, withPod, withService, withoutNode)',
    errorClass: cluster.ClusterError,
    inputs: fc.oneof(anyInput, mutateField({ name: 'node09', ip: '192.168.1.19' })),
    call: (x: never) => [
      cluster.withNode(demo, x),
      cluster.withPod(demo, x),
      cluster.withService(demo, x),
      cluster.withoutNode(demo, x),
    ],
  },
];

/**
 * Findings this suite made (bigint and non-string values inside requests gave a bare TypeError, from
 * JSON.stringify in a message or a string method on a non-string). All fixed; the concrete cases stay as
 * regression guards beside the property. Listed in docs/quality.md.
 */
const FIXED: Readonly<Record<string, readonly (readonly [string, () => unknown])[]>> = {
  'dns searchCandidates(name, resolvConf, options)': [
    [
      'searches: [null]',
      () =>
        dns.searchCandidates(
          'web.default',
          { nameservers: ['10.96.0.10'], searches: [null], options: ['ndots:5'] } as never,
          { resolver: 'glibc' },
        ),
    ],
    [
      'options: [[1]]',
      () =>
        dns.searchCandidates(
          'web.default',
          { nameservers: ['10.96.0.10'], searches: ['a'], options: [[1]] } as never,
          { resolver: 'glibc' },
        ),
    ],
  ],
  'cni hostLocalAllocate(ipam, store, containerId, ifname)': [
    [
      'containerId 1n',
      () =>
        cni.hostLocalAllocate(
          { type: 'host-local', ranges: [[{ subnet: '10.244.0.0/24' }]] } as never,
          cni.emptyHostLocalStore(),
          1n as never,
          'eth0',
        ),
    ],
    [
      'ifname [1n]',
      () =>
        cni.hostLocalAllocate(
          { type: 'host-local', ranges: [[{ subnet: '10.244.0.0/24' }]] } as never,
          cni.emptyHostLocalStore(),
          'abc',
          [1n] as never,
        ),
    ],
  ],
  'cluster render(cluster, request)': [
    [
      '{ node: 1n, artefact: "ip-route" }',
      () => cluster.render(demo, { node: 1n, artefact: 'ip-route' } as never),
    ],
  ],
  'cluster trace(cluster, request)': [
    ['{ from: 1n, to: "web" }', () => cluster.trace(demo, { from: 1n, to: 'web' } as never)],
  ],
  'cluster resolve(cluster, fromPod, name, type)': [
    ['type false', () => cluster.resolve(demo, 'default/web-1', 'web', false as never)],
    ['type 5', () => cluster.resolve(demo, 'default/web-1', 'web', 5 as never)],
    ['fromPod 1n', () => cluster.resolve(demo, 1n as never, 'web')],
  ],
};

describe.each(CASES)('$name', (c) => {
  it(
    'arbitrary and mutated input gives a value or a coded error',
    () => {
      expect(collect(c.inputs, (input) => misbehaviour(() => c.call(input as never), c.errorClass))).toEqual(
        [],
      );
    },
    TEST_MS,
  );
  for (const [label, call] of FIXED[c.name] ?? []) {
    it(`[fixed finding] ${label} gives a value or a coded error`, () => {
      expect(misbehaviour(call, c.errorClass)).toBeUndefined();
    });
  }
});
