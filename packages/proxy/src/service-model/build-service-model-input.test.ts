import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { fakeConfig, makeService, makeSlice } from '../testing/fixtures.ts';
import {
  buildServiceModel,
  compareServicePorts,
  objectList,
  safeBuildServiceModel,
  sliceServiceKey,
} from './build-service-model.ts';
import type { ProxyInput, ServicePortModel } from './types.ts';

type Json = Record<string, unknown>;

function thrown(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

const p80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];
const svc = (spec: Json, status?: Json) =>
  makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: p80, ...spec }, status);
const slice = (endpoints: readonly Json[], ports: readonly Json[] = [{ name: 'p80', port: 8080 }]) =>
  makeSlice('ns1', 'svc1', 1, endpoints, ports);
const model = (services: unknown[], endpointSlices: unknown[] = [], extra: Json = {}) =>
  buildServiceModel({ services, endpointSlices, config: fakeConfig(extra) } as ProxyInput);
const onlyPort = (
  services: unknown[],
  endpointSlices: unknown[] = [],
  extra: Json = {},
): ServicePortModel => {
  const ports = model(services, endpointSlices, extra).servicePorts;
  expect(ports).toHaveLength(1);
  return ports[0] as ServicePortModel;
};

describe('buildServiceModel rejects malformed objects with code, message and path', () => {
  const S = 'services.0';
  it.each([
    [
      'a bad metadata',
      [{ metadata: 'x', spec: {} }],
      [],
      'INVALID_OBJECT',
      `${S}.metadata must be an object`,
      ['services', 0, 'metadata'],
    ],
    [
      'no name',
      [{ metadata: {}, spec: {} }],
      [],
      'INVALID_SERVICE',
      `${S}.metadata.name is required`,
      ['services', 0, 'metadata', 'name'],
    ],
    [
      'no metadata',
      [{ spec: {} }],
      [],
      'INVALID_SERVICE',
      `${S}.metadata.name is required`,
      ['services', 0, 'metadata', 'name'],
    ],
    [
      'a numeric name',
      [{ metadata: { name: 5 } }],
      [],
      'INVALID_OBJECT',
      `${S}.metadata.name must be a string, got 5`,
      ['services', 0, 'metadata', 'name'],
    ],
    [
      'a numeric namespace',
      [{ metadata: { name: 'a', namespace: [] } }],
      [],
      'INVALID_OBJECT',
      `${S}.metadata.namespace must be a string, got []`,
      ['services', 0, 'metadata', 'namespace'],
    ],
    [
      'an array spec',
      [{ metadata: { name: 'a' }, spec: [] }],
      [],
      'INVALID_OBJECT',
      `${S}.spec must be an object`,
      ['services', 0, 'spec'],
    ],
    [
      'a non-array clusterIPs',
      [svc({ clusterIPs: '1.2.3.4' })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.clusterIPs must be an array`,
      ['services', 0, 'spec', 'clusterIPs'],
    ],
    [
      'a bad clusterIPs entry',
      [svc({ clusterIPs: ['fd00::1', 'bad'] })],
      [],
      'INVALID_ADDRESS',
      'invalid cluster IP "bad"',
      ['services', 0, 'spec', 'clusterIPs', 1],
    ],
    [
      'a bad clusterIP',
      [svc({ clusterIP: '1.2.3' })],
      [],
      'INVALID_ADDRESS',
      'invalid cluster IP "1.2.3"',
      ['services', 0, 'spec', 'clusterIP'],
    ],
    [
      'a numeric type',
      [svc({ type: 1 })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.type must be a string, got 1`,
      ['services', 0, 'spec', 'type'],
    ],
    [
      'a non-array ports',
      [svc({ ports: {} })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.ports must be an array`,
      ['services', 0, 'spec', 'ports'],
    ],
    [
      'a non-object port',
      [svc({ ports: [p80[0], 80] })],
      [],
      'INVALID_SERVICE',
      `${S}.spec.ports.1 must be an object`,
      ['services', 0, 'spec', 'ports', 1],
    ],
    [
      'no port',
      [svc({ ports: [{ name: 'a' }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.port is required`,
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      'port 0',
      [svc({ ports: [{ port: 0 }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.port must be a port number, got 0`,
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      'port 65536',
      [svc({ ports: [{ port: 65536 }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.port must be a port number, got 65536`,
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      'port 8.5',
      [svc({ ports: [{ port: 8.5 }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.port must be a port number, got 8.5`,
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      'port "80"',
      [svc({ ports: [{ port: '80' }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.port must be a port number, got "80"`,
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      'nodePort -1',
      [svc({ ports: [{ port: 80, nodePort: -1 }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.nodePort must be a port number, got -1`,
      ['services', 0, 'spec', 'ports', 0, 'nodePort'],
    ],
    [
      'nodePort 65536',
      [svc({ ports: [{ port: 80, nodePort: 65536 }] })],
      [],
      'INVALID_PORT',
      `${S}.spec.ports.0.nodePort must be a port number, got 65536`,
      ['services', 0, 'spec', 'ports', 0, 'nodePort'],
    ],
    [
      'a numeric port name',
      [svc({ ports: [{ port: 80, name: 1 }] })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.ports.0.name must be a string, got 1`,
      ['services', 0, 'spec', 'ports', 0, 'name'],
    ],
    [
      'protocol ICMP',
      [svc({ ports: [{ port: 80, protocol: 'ICMP' }] })],
      [],
      'INVALID_PROTOCOL',
      `${S}.spec.ports.0.protocol must be TCP, UDP or SCTP, got "ICMP"`,
      ['services', 0, 'spec', 'ports', 0, 'protocol'],
    ],
    [
      'protocol tcp',
      [svc({ ports: [{ port: 80, protocol: 'tcp' }] })],
      [],
      'INVALID_PROTOCOL',
      `${S}.spec.ports.0.protocol must be TCP, UDP or SCTP, got "tcp"`,
      ['services', 0, 'spec', 'ports', 0, 'protocol'],
    ],
    [
      'a bad healthCheckNodePort',
      [svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 65536 })],
      [],
      'INVALID_PORT',
      `${S}.spec.healthCheckNodePort must be a port number, got 65536`,
      ['services', 0, 'spec', 'healthCheckNodePort'],
    ],
    [
      'a non-object status',
      [svc({}, 'x' as never)],
      [],
      'INVALID_OBJECT',
      `${S}.status must be an object`,
      ['services', 0, 'status'],
    ],
    [
      'a non-object loadBalancer',
      [svc({}, { loadBalancer: 1 })],
      [],
      'INVALID_OBJECT',
      `${S}.status.loadBalancer must be an object`,
      ['services', 0, 'status', 'loadBalancer'],
    ],
    [
      'a non-array ingress',
      [svc({}, { loadBalancer: { ingress: {} } })],
      [],
      'INVALID_OBJECT',
      `${S}.status.loadBalancer.ingress must be an array`,
      ['services', 0, 'status', 'loadBalancer', 'ingress'],
    ],
    [
      'a non-object sessionAffinityConfig',
      [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: 3 })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.sessionAffinityConfig must be an object`,
      ['services', 0, 'spec', 'sessionAffinityConfig'],
    ],
    [
      'a non-object clientIP',
      [svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: [] } })],
      [],
      'INVALID_OBJECT',
      `${S}.spec.sessionAffinityConfig.clientIP must be an object`,
      ['services', 0, 'spec', 'sessionAffinityConfig', 'clientIP'],
    ],
    [
      'a non-object endpoint',
      [svc({})],
      [slice([5 as never])],
      'INVALID_ENDPOINT_SLICE',
      'endpointSlices.0.endpoints.0 must be an object',
      ['endpointSlices', 0, 'endpoints', 0],
    ],
    [
      'non-array addresses',
      [svc({})],
      [slice([{ addresses: ['10.0.0.1'] }, { addresses: '10.0.0.2' }])],
      'INVALID_OBJECT',
      'endpointSlices.0.endpoints.1.addresses must be an array',
      ['endpointSlices', 0, 'endpoints', 1, 'addresses'],
    ],
    [
      'a non-array endpoints',
      [svc({})],
      [{ ...slice([]), endpoints: 'x' }],
      'INVALID_OBJECT',
      'endpointSlices.0.endpoints must be an array',
      ['endpointSlices', 0, 'endpoints'],
    ],
    [
      'a non-array slice ports',
      [svc({})],
      [{ ...slice([]), ports: 'x' }],
      'INVALID_OBJECT',
      'endpointSlices.0.ports must be an array',
      ['endpointSlices', 0, 'ports'],
    ],
    [
      'a non-object slice port',
      [svc({})],
      [slice([], [null as never])],
      'INVALID_ENDPOINT_SLICE',
      'endpointSlices.0.ports.0 must be an object',
      ['endpointSlices', 0, 'ports', 0],
    ],
    [
      'slice port 65536',
      [svc({})],
      [slice([], [{ name: 'p80', port: 65536 }])],
      'INVALID_PORT',
      'endpointSlices.0.ports.0.port must be a port number, got 65536',
      ['endpointSlices', 0, 'ports', 0, 'port'],
    ],
    [
      'slice port -1',
      [svc({})],
      [slice([], [{ name: 'p80', port: -1 }])],
      'INVALID_PORT',
      'endpointSlices.0.ports.0.port must be a port number, got -1',
      ['endpointSlices', 0, 'ports', 0, 'port'],
    ],
    [
      'slice protocol',
      [svc({})],
      [slice([], [{ name: 'p80', port: 80, protocol: 'X' }])],
      'INVALID_PROTOCOL',
      'endpointSlices.0.ports.0.protocol must be TCP, UDP or SCTP, got "X"',
      ['endpointSlices', 0, 'ports', 0, 'protocol'],
    ],
    [
      'a non-object slice',
      [],
      [5],
      'INVALID_ENDPOINT_SLICE',
      'endpointSlices.0 must be an EndpointSlice object',
      ['endpointSlices', 0],
    ],
    [
      'a null slice',
      [],
      [null],
      'INVALID_ENDPOINT_SLICE',
      'endpointSlices.0 must be an EndpointSlice object',
      ['endpointSlices', 0],
    ],
    [
      'a non-object service',
      [null],
      [],
      'INVALID_SERVICE',
      'services.0 must be a Service object',
      ['services', 0],
    ],
    ['an array service', [[]], [], 'INVALID_SERVICE', 'services.0 must be a Service object', ['services', 0]],
  ])('%s', (_name, services, slices, code, message, path) => {
    const e = thrown(() => model(services as unknown[], slices as unknown[]));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
    const r = safeBuildServiceModel({ services, endpointSlices: slices, config: fakeConfig() } as ProxyInput);
    expect(r.ok ? undefined : [r.error.code, r.error.message]).toEqual([code, message]);
  });

  it.each([
    [null, 'INVALID_INPUT', 'input must be an object', []],
    [[], 'INVALID_INPUT', 'input must be an object', []],
    [
      { services: 'x', endpointSlices: [], config: fakeConfig() },
      'INVALID_INPUT',
      'services must be an array or a List with items',
      ['services'],
    ],
    [
      { services: { items: 5 }, endpointSlices: [], config: fakeConfig() },
      'INVALID_INPUT',
      'services must be an array or a List with items',
      ['services'],
    ],
    [
      { services: [], endpointSlices: 7, config: fakeConfig() },
      'INVALID_INPUT',
      'endpointSlices must be an array or a List with items',
      ['endpointSlices'],
    ],
    [
      { services: [], endpointSlices: [], config: null },
      'INVALID_CONFIG',
      'config must be an object',
      ['config'],
    ],
  ])('input %j', (input, code, message, path) => {
    const e = thrown(() => buildServiceModel(input as never));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
  });

  it('reads missing or null lists as empty', () => {
    const m = buildServiceModel({ services: null, endpointSlices: undefined, config: fakeConfig() } as never);
    expect([m.servicePorts, m.totalEndpoints, m.warnings]).toEqual([[], 0, []]);
    expect(objectList(null, 'x')).toEqual([]);
    expect(objectList({ kind: 'List', items: [1] }, 'x')).toEqual([1]);
  });
});

describe('buildServiceModel warnings for what kube-proxy skips', () => {
  it('names each skipped value and where it was', () => {
    const m = model(
      [
        svc(
          { externalIPs: ['1.2.3.4', 'nope'], loadBalancerSourceRanges: ['10.0.0.0/8', 'bad/range', 7] },
          { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { ip: 'x.y' }] } },
        ),
        svc({}),
      ],
      [slice([{ addresses: ['10.0.0.1'] }, { addresses: ['zzz'] }])],
    );
    expect(m.warnings).toEqual([
      {
        code: 'INVALID_ADDRESS',
        message: 'skipped external IP "nope"',
        path: ['services', 0, 'spec', 'externalIPs', 1],
      },
      {
        code: 'INVALID_CIDR',
        message: 'skipped source range "bad/range"',
        path: ['services', 0, 'spec', 'loadBalancerSourceRanges', 1],
      },
      {
        code: 'INVALID_CIDR',
        message: 'skipped source range 7',
        path: ['services', 0, 'spec', 'loadBalancerSourceRanges', 2],
      },
      {
        code: 'INVALID_ADDRESS',
        message: 'skipped load-balancer IP "x.y"',
        path: ['services', 0, 'status', 'loadBalancer', 'ingress', 1, 'ip'],
      },
      {
        code: 'INVALID_ADDRESS',
        message: 'skipped endpoint address "zzz"',
        path: ['endpointSlices', 0, 'endpoints', 1, 'addresses', 0],
      },
      { code: 'DUPLICATE_SERVICE', message: 'skipped duplicate Service ns1/svc1', path: ['services', 1] },
    ]);
    const sp = m.servicePorts[0];
    expect(sp?.externalIPs).toEqual(['1.2.3.4']);
    expect(sp?.loadBalancerSourceRanges).toEqual(['10.0.0.0/8']);
    expect(sp?.loadBalancerVIPs).toEqual(['5.6.7.8']);
    expect(sp?.endpoints.map((e) => e.endpoint)).toEqual(['10.0.0.1:8080']);
    expect(m.totalEndpoints).toBe(1);
  });
});

describe('buildServiceModel service fields (pkg/proxy/serviceport.go newBaseServiceInfo)', () => {
  it('defaults the namespace and names ports ns/name[:port]', () => {
    const m = model([
      {
        metadata: { name: 'a' },
        spec: { clusterIP: '172.30.0.1', ports: [{ port: 80 }, { name: 'x', port: 81, protocol: 'UDP' }] },
      },
    ]);
    expect(
      m.servicePorts.map((p) => [p.namespace, p.serviceKey, p.servicePortName, p.portName, p.protocol]),
    ).toEqual([
      ['default', 'default/a', 'default/a', '', 'TCP'],
      ['default', 'default/a', 'default/a:x', 'x', 'UDP'],
    ]);
  });

  it('sorts ports by ServicePortName, then protocol, and counts every endpoint', () => {
    const m = model(
      [
        makeService('b', 's', {
          clusterIP: '172.30.0.2',
          ports: [
            { name: 'p', port: 53, protocol: 'UDP' },
            { name: 'p', port: 53, protocol: 'TCP' },
          ],
        }),
        makeService('a', 's', { clusterIP: '172.30.0.1', ports: [{ name: 'q', port: 1 }] }),
      ],
      [
        makeSlice(
          'b',
          's',
          1,
          [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }],
          [
            { name: 'p', port: 53, protocol: 'UDP' },
            { name: 'p', port: 53, protocol: 'TCP' },
          ],
        ),
      ],
    );
    expect(m.servicePorts.map((p) => `${p.servicePortName}/${p.protocol}`)).toEqual([
      'a/s:q/TCP',
      'b/s:p/TCP',
      'b/s:p/UDP',
    ]);
    expect(m.totalEndpoints).toBe(4);
    const [a, b] = m.servicePorts as [ServicePortModel, ServicePortModel];
    expect(compareServicePorts(a, b)).toBe(-1);
    expect(compareServicePorts(b, a)).toBe(1);
    expect(compareServicePorts(a, a)).toBe(0);
  });

  it.each([
    [{ sessionAffinity: 'ClientIP' }, 'ClientIP', 10800],
    [
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      'ClientIP',
      60,
    ],
    [
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 1 } } },
      'ClientIP',
      1,
    ],
    [
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } },
      'ClientIP',
      10800,
    ],
    [
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 2.5 } } },
      'ClientIP',
      10800,
    ],
    [
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: '60' } } },
      'ClientIP',
      10800,
    ],
    [{ sessionAffinity: 'ClientIP', sessionAffinityConfig: {} }, 'ClientIP', 10800],
    [{ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }, 'None', 0],
    [{ sessionAffinity: 'Other' }, 'None', 0],
  ])('affinity %j → %s %d', (spec, affinity, sticky) => {
    const sp = onlyPort([svc(spec)]);
    expect([sp.sessionAffinity, sp.stickyMaxAgeSeconds]).toEqual([affinity, sticky]);
  });

  // [type, externalIPs, ETP, ITP, nodePort, lb ingress] → externalPolicyLocal, internalPolicyLocal,
  // externallyAccessible, usesClusterEndpoints, usesLocalEndpoints, healthCheckNodePort
  it.each([
    ['ClusterIP', [], 'Local', 'Cluster', 0, false, [false, false, false, true, false, 0]],
    ['ClusterIP', ['1.2.3.4'], 'Local', 'Cluster', 0, false, [true, false, true, true, true, 0]],
    ['ClusterIP', ['2001:db8::1'], 'Local', 'Cluster', 0, false, [true, false, false, true, false, 0]],
    ['ClusterIP', [], 'Cluster', 'Local', 0, false, [false, true, false, false, true, 0]],
    ['ClusterIP', ['1.2.3.4'], 'Cluster', 'Local', 0, false, [false, true, true, true, true, 0]],
    ['NodePort', [], 'Local', 'Cluster', 30001, false, [true, false, true, true, true, 0]],
    ['NodePort', [], 'Local', 'Cluster', 0, false, [true, false, false, true, false, 0]],
    ['NodePort', [], 'Cluster', 'Cluster', 30001, false, [false, false, true, true, false, 0]],
    ['LoadBalancer', [], 'Local', 'Cluster', 0, true, [true, false, true, true, true, 30000]],
    ['LoadBalancer', [], 'Cluster', 'Cluster', 0, true, [false, false, true, true, false, 0]],
    ['LoadBalancer', [], 'Local', 'Local', 0, false, [true, true, false, false, true, 30000]],
    ['ExternalName', [], 'Local', 'Cluster', 0, false, undefined],
  ])(
    '%s externalIPs=%j ETP=%s ITP=%s nodePort=%d lb=%s',
    (type, externalIPs, etp, itp, nodePort, lb, want) => {
      const service = svc(
        {
          type,
          externalIPs,
          externalTrafficPolicy: etp,
          internalTrafficPolicy: itp,
          healthCheckNodePort: 30000,
          ports: [{ name: 'p80', port: 80, nodePort }],
        },
        lb ? { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } } : undefined,
      );
      const ports = model([service]).servicePorts;
      if (want === undefined) {
        expect(ports).toEqual([]);
        return;
      }
      const sp = ports[0] as ServicePortModel;
      expect([
        sp.externalPolicyLocal,
        sp.internalPolicyLocal,
        sp.externallyAccessible,
        sp.usesClusterEndpoints,
        sp.usesLocalEndpoints,
        sp.healthCheckNodePort,
      ]).toEqual(want);
    },
  );

  it('reads load-balancer ingress like kube-proxy: VIP mode only, ip required, family filtered', () => {
    const sp = onlyPort([
      svc(
        { type: 'LoadBalancer' },
        {
          loadBalancer: {
            ingress: [
              { ip: '1.1.1.1', ipMode: 'VIP' },
              { ip: '2.2.2.2', ipMode: null },
              { ip: '3.3.3.3', ipMode: 'Proxy' },
              { ip: '' },
              { ip: 5 },
              'x',
              { ip: 'fd00::1' },
              { ip: '4.4.4.4' },
            ],
          },
        },
      ),
    ]);
    expect(sp.loadBalancerVIPs).toEqual(['1.1.1.1', '2.2.2.2', '4.4.4.4']);
  });

  it('uses the first cluster IP of the family from clusterIPs, else clusterIP', () => {
    expect(
      onlyPort([svc({ clusterIP: 'fd00::9', clusterIPs: ['fd00::9', '172.30.0.7', '172.30.0.8'] })])
        .clusterIP,
    ).toBe('172.30.0.7');
    expect(onlyPort([svc({ clusterIP: '172.30.0.41', clusterIPs: [] })]).clusterIP).toBe('172.30.0.41');
    expect(
      onlyPort([svc({ clusterIP: 'fd00::9', clusterIPs: ['fd00::9'] })], [], { ipFamily: 'IPv6' }).clusterIP,
    ).toBe('fd00::9');
    expect(model([svc({ clusterIP: '172.30.0.41', clusterIPs: ['fd00::9'] })]).servicePorts).toEqual([]);
  });
});

describe('buildServiceModel endpoints (pkg/proxy/endpointslicecache.go)', () => {
  it('reads conditions, locality and hints', () => {
    const sp = onlyPort(
      [svc({})],
      [
        slice([
          { addresses: ['10.0.0.1'], nodeName: 'test-node', conditions: { ready: true } },
          {
            addresses: ['10.0.0.2'],
            nodeName: 'other',
            conditions: { ready: false, serving: false, terminating: true },
          },
          { addresses: ['10.0.0.3'], conditions: { terminating: 'yes', serving: 0 } },
          {
            addresses: ['10.0.0.4'],
            hints: {
              forZones: [{ name: 'b' }, { name: 'a' }, { name: 'b' }, 'x', { name: 1 }],
              forNodes: [{ name: 'n2' }, { name: 'n1' }],
            },
          },
          { addresses: ['10.0.0.5'], hints: { forZones: [] } },
        ]),
      ],
    );
    expect(
      sp.endpoints.map((e) => [
        e.endpoint,
        e.ip,
        e.port,
        e.isLocal,
        e.ready,
        e.serving,
        e.terminating,
        e.zoneHints,
        e.nodeHints,
      ]),
    ).toEqual([
      ['10.0.0.1:8080', '10.0.0.1', 8080, true, true, true, false, [], []],
      ['10.0.0.2:8080', '10.0.0.2', 8080, false, false, false, true, [], []],
      ['10.0.0.3:8080', '10.0.0.3', 8080, false, true, true, false, [], []],
      ['10.0.0.4:8080', '10.0.0.4', 8080, false, true, true, false, ['a', 'b'], ['n1', 'n2']],
      ['10.0.0.5:8080', '10.0.0.5', 8080, false, true, true, false, [], []],
    ]);
  });

  it('never treats endpoints as local when the hostname is empty', () => {
    const sp = onlyPort(
      [svc({})],
      [slice([{ addresses: ['10.0.0.1'], nodeName: '' }, { addresses: ['10.0.0.2'] }])],
      {
        hostname: '',
      },
    );
    expect(sp.endpoints.map((e) => e.isLocal)).toEqual([false, false]);
  });

  it('skips endpoints without addresses, other families, other address types and port 0', () => {
    const sp = onlyPort(
      [svc({})],
      [
        slice(
          [
            { addresses: [] },
            { addresses: null },
            {},
            { addresses: ['fd00::1'] },
            { addresses: ['10.0.0.9', '10.0.0.8'] },
          ],
          [{ name: 'p80', port: 8080 }, { name: 'p80', port: 0 }, { name: 'p80' }],
        ),
        {
          ...makeSlice('ns1', 'svc1', 2, [{ addresses: ['10.0.0.7'] }], [{ name: 'p80', port: 80 }]),
          addressType: 'IPv6',
        },
        {
          ...makeSlice('ns1', 'svc1', 3, [{ addresses: ['10.0.0.6'] }], [{ name: 'p80', port: 80 }]),
          addressType: 'FQDN',
        },
        {
          ...makeSlice('ns1', 'svc1', 4, [{ addresses: ['10.0.0.5'] }], [{ name: 'p80', port: 80 }]),
          addressType: undefined,
        },
      ],
    );
    expect(sp.endpoints.map((e) => e.endpoint)).toEqual(['10.0.0.5:80', '10.0.0.9:8080']);
  });

  it('brackets IPv6 endpoints and ignores IPv4 slices for an IPv6 proxier', () => {
    const sp = onlyPort(
      [svc({ clusterIP: 'fd00::9', clusterIPs: ['fd00::9'] })],
      [
        makeSlice('ns1', 'svc1', 1, [{ addresses: ['FD00::1'] }], [{ name: 'p80', port: 80 }], 'IPv6'),
        makeSlice('ns1', 'svc1', 2, [{ addresses: ['10.0.0.1'] }], [{ name: 'p80', port: 80 }]),
      ],
      { ipFamily: 'IPv6' },
    );
    expect(sp.endpoints.map((e) => [e.ip, e.endpoint])).toEqual([['fd00::1', '[fd00::1]:80']]);
  });

  it('matches slices to services by label and namespace (default when missing)', () => {
    const labelled = (ns: unknown, name: unknown, ip: string): Json => ({
      metadata: {
        name: `s-${ip}`,
        ...(ns === undefined ? {} : { namespace: ns }),
        labels: { 'kubernetes.io/service-name': name },
      },
      endpoints: [{ addresses: [ip] }],
      ports: [{ name: 'p80', port: 80 }],
    });
    const sp = onlyPort(
      [{ metadata: { name: 'svc1' }, spec: { clusterIP: '172.30.0.1', ports: p80 } }],
      [
        labelled(undefined, 'svc1', '10.0.0.1'),
        labelled('', 'svc1', '10.0.0.2'),
        labelled('ns1', 'svc1', '10.0.0.3'),
        labelled('default', '', '10.0.0.4'),
        labelled('default', 'other', '10.0.0.5'),
      ],
    );
    expect(sp.endpoints.map((e) => e.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it.each([
    [5, undefined],
    [{}, undefined],
    [{ metadata: 'x' }, undefined],
    [{ metadata: { labels: [] } }, undefined],
    [{ metadata: { labels: {} } }, undefined],
    [{ metadata: { labels: { 'kubernetes.io/service-name': 3 } } }, undefined],
    [{ metadata: { labels: { 'kubernetes.io/service-name': '' } } }, undefined],
    [{ metadata: { labels: { 'kubernetes.io/service-name': 'web' } } }, 'default/web'],
    [{ metadata: { namespace: 7, labels: { 'kubernetes.io/service-name': 'web' } } }, 'default/web'],
    [{ metadata: { namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } } }, 'ns/web'],
  ])('sliceServiceKey(%j) = %s', (s, key) => {
    expect(sliceServiceKey(s)).toBe(key);
  });

  it('reads slices in name order so a later duplicate serving copy wins', () => {
    const s = (name: string, ready: boolean, nodeName: string): Json => ({
      metadata: { name, namespace: 'ns1', labels: { 'kubernetes.io/service-name': 'svc1' } },
      endpoints: [{ addresses: ['10.0.0.1'], nodeName, conditions: { ready } }],
      ports: [{ name: 'p80', port: 80 }],
    });
    const sp = onlyPort(
      [svc({})],
      [s('b', true, 'from-b'), s('a', true, 'from-a'), { metadata: { name: 5 }, endpoints: [] }],
    );
    expect(sp.endpoints).toHaveLength(1);
    // With slices a then b, the copy from b is the last non-terminating one.
    const sp2 = onlyPort([svc({})], [s('b', true, 'test-node'), s('a', true, 'elsewhere')]);
    expect(sp2.endpoints[0]?.isLocal).toBe(true);
    const sp3 = onlyPort([svc({})], [s('a', true, 'test-node'), s('b', true, 'elsewhere')]);
    expect(sp3.endpoints[0]?.isLocal).toBe(false);
  });
});
