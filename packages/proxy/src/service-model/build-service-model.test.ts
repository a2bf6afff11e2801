import { describe, expect, it } from 'vitest';
import { fakeConfig, makeService, makeSlice, testNodeName } from '../testing/fixtures.ts';
import { buildServiceModel, safeBuildServiceModel } from './build-service-model.ts';
import { resolveProxyConfig } from './resolve-proxy-config.ts';

const p80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];
const svc = (spec: Record<string, unknown>, status?: Record<string, unknown>) =>
  makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: p80, ...spec }, status);

describe('buildServiceModel', () => {
  it('skips headless, ExternalName and wrong-family services (TestBuildServiceMapServiceHeadless, …TypeExternalName)', () => {
    const model = buildServiceModel({
      services: [
        makeService('ns', 'headless', { clusterIP: 'None', ports: p80 }),
        makeService('ns', 'empty', { clusterIP: '', ports: p80 }),
        makeService('ns', 'ext', {
          type: 'ExternalName',
          externalName: 'x.example',
          clusterIP: '',
          ports: p80,
        }),
        makeService('ns', 'v6only', { clusterIP: 'fd00::1', clusterIPs: ['fd00::1'], ports: p80 }),
        makeService('ns', 'dual', {
          clusterIP: 'fd00::2',
          clusterIPs: ['fd00::2', '172.30.0.2'],
          ports: p80,
        }),
      ],
      endpointSlices: [],
      config: fakeConfig(),
    });
    expect(model.servicePorts.map((p) => [p.servicePortName, p.clusterIP])).toEqual([
      ['ns/dual:p80', '172.30.0.2'],
    ]);
  });

  it('filters addresses to the family, trims source ranges, ignores ipMode Proxy', () => {
    const model = buildServiceModel({
      services: [
        svc(
          {
            type: 'LoadBalancer',
            externalIPs: ['192.168.99.11', '2001:db8::99', 'bogus'],
            loadBalancerSourceRanges: [' 203.0.113.7/25 ', 'fd00::/64'],
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
          },
          {
            loadBalancer: {
              ingress: [
                { ip: '1.2.3.4' },
                { ip: '5.6.7.8', ipMode: 'Proxy' },
                { ip: '2001:db8::5' },
                { hostname: 'lb.example' },
              ],
            },
          },
        ),
      ],
      endpointSlices: [],
      config: fakeConfig(),
    });
    const sp = model.servicePorts[0];
    expect(sp?.externalIPs).toEqual(['192.168.99.11']);
    expect(sp?.loadBalancerSourceRanges).toEqual(['203.0.113.0/25']);
    expect(sp?.loadBalancerVIPs).toEqual(['1.2.3.4']);
    expect(sp?.externallyAccessible).toBe(true);
    expect(model.warnings.map((w) => w.code)).toEqual(['INVALID_ADDRESS']);
  });

  it('reads endpoints like EndpointSliceCache: sloppy IPs, family, names, dedupe, string sort', () => {
    const model = buildServiceModel({
      services: [svc({})],
      endpointSlices: [
        makeSlice(
          'ns1',
          'svc1',
          2,
          [{ addresses: ['10.0.0.10'], conditions: { ready: false, serving: true, terminating: true } }],
          p80,
        ),
        makeSlice(
          'ns1',
          'svc1',
          1,
          [
            { addresses: ['10.180.00.001'], nodeName: testNodeName },
            { addresses: ['10.0.0.10'] },
            { addresses: ['10.0.0.2'], conditions: { ready: false } },
            { addresses: [] },
          ],
          p80,
        ),
        makeSlice('ns1', 'svc1', 3, [{ addresses: ['fd00::1'] }], p80, 'IPv6'),
        makeSlice(
          'ns1',
          'svc1',
          4,
          [{ addresses: ['10.9.9.9'] }],
          [{ name: 'other', port: 80, protocol: 'TCP' }],
        ),
        makeSlice('ns2', 'svc1', 1, [{ addresses: ['10.9.9.8'] }], p80),
      ],
      config: fakeConfig(),
    });
    const sp = model.servicePorts[0];
    expect(sp?.endpoints.map((e) => [e.endpoint, e.isLocal, e.ready, e.terminating])).toEqual([
      ['10.0.0.10:80', false, true, false],
      ['10.0.0.2:80', false, false, false],
      ['10.180.0.1:80', true, true, false],
    ]);
    expect(sp?.clusterEndpoints.map((e) => e.endpoint)).toEqual(['10.0.0.10:80', '10.180.0.1:80']);
    expect(model.totalEndpoints).toBe(3);
  });

  it('dedupes endpoints like EndpointSliceCache: last serving copy wins, else the first terminating one', () => {
    const term = { ready: false, serving: true, terminating: true };
    const model = buildServiceModel({
      services: [svc({})],
      endpointSlices: [
        makeSlice(
          'ns1',
          'svc1',
          1,
          [
            // all copies terminating: the first (slice 1, not local) stays
            { addresses: ['10.0.0.1'], conditions: term },
            // serving then terminating: the serving copy stays
            { addresses: ['10.0.0.2'], nodeName: testNodeName },
            // two serving copies: the later one (slice 2, local) wins
            { addresses: ['10.0.0.3'] },
          ],
          p80,
        ),
        makeSlice(
          'ns1',
          'svc1',
          2,
          [
            { addresses: ['10.0.0.1'], conditions: term, nodeName: testNodeName },
            { addresses: ['10.0.0.2'], conditions: term },
            { addresses: ['10.0.0.3'], nodeName: testNodeName },
          ],
          p80,
        ),
      ],
      config: fakeConfig(),
    });
    expect(model.servicePorts[0]?.endpoints.map((e) => [e.endpoint, e.isLocal, e.terminating])).toEqual([
      ['10.0.0.1:80', false, true],
      ['10.0.0.2:80', true, false],
      ['10.0.0.3:80', true, false],
    ]);
  });

  it('accepts kubectl List objects', () => {
    const model = buildServiceModel({
      services: { items: [svc({})] },
      endpointSlices: { items: [makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.0.0.1'] }], p80)] },
      config: fakeConfig(),
    });
    expect(model.servicePorts[0]?.endpoints.map((e) => e.endpoint)).toEqual(['10.0.0.1:80']);
    expect(
      safeBuildServiceModel({ services: { items: 3 } as never, endpointSlices: [], config: fakeConfig() }).ok,
    ).toBe(false);
  });

  it('handles IPv6 proxiers', () => {
    const model = buildServiceModel({
      services: [makeService('ns1', 'svc1', { clusterIP: 'fd00:172:30::41', ports: p80 })],
      endpointSlices: [makeSlice('ns1', 'svc1', 1, [{ addresses: ['FD00:10:180::1'] }], p80, 'IPv6')],
      config: fakeConfig({ ipFamily: 'IPv6' }),
    });
    expect(model.servicePorts[0]?.clusterIP).toBe('fd00:172:30::41');
    expect(model.servicePorts[0]?.endpoints[0]?.endpoint).toBe('[fd00:10:180::1]:80');
    expect(model.config.localDetector).toEqual({ mode: 'ClusterCIDR', cidr: 'fd00:10::/64' });
  });

  it('derives traffic policies, health check ports and affinity', () => {
    const model = buildServiceModel({
      services: [
        makeService('a', 'lb', {
          type: 'LoadBalancer',
          clusterIP: '172.30.0.1',
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 30000,
          sessionAffinity: 'ClientIP',
          ports: [{ port: 80, nodePort: 3001 }],
        }),
        makeService('b', 'cip', {
          clusterIP: '172.30.0.2',
          externalTrafficPolicy: 'Local',
          internalTrafficPolicy: 'Local',
          ports: p80,
        }),
      ],
      endpointSlices: [],
      config: fakeConfig(),
    });
    const [lb, cip] = model.servicePorts;
    expect(lb?.servicePortName).toBe('a/lb');
    expect(lb?.protocol).toBe('TCP');
    expect([lb?.externalPolicyLocal, lb?.healthCheckNodePort, lb?.stickyMaxAgeSeconds]).toEqual([
      true,
      30000,
      10800,
    ]);
    expect([
      cip?.externalPolicyLocal,
      cip?.internalPolicyLocal,
      cip?.usesClusterEndpoints,
      cip?.usesLocalEndpoints,
    ]).toEqual([false, true, false, true]);
  });

  it('reports malformed input with a code and path', () => {
    const bad = safeBuildServiceModel({
      services: [svc({ ports: [{ port: 80, protocol: 'ICMP' }] })],
      endpointSlices: [],
      config: fakeConfig(),
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_PROTOCOL');
      expect(bad.error.path).toEqual(['services', 0, 'spec', 'ports', 0, 'protocol']);
    }
    expect(safeBuildServiceModel(null as never).ok).toBe(false);
    expect(
      safeBuildServiceModel({ services: 'x' as never, endpointSlices: [], config: fakeConfig() }).ok,
    ).toBe(false);
    expect(safeBuildServiceModel({ services: [], endpointSlices: [5], config: fakeConfig() }).ok).toBe(false);
    expect(
      safeBuildServiceModel({
        services: [makeService('a', '', { clusterIP: '1.2.3.4' })],
        endpointSlices: [],
        config: fakeConfig(),
      }).ok,
    ).toBe(false);
  });

  it('never lets __proto__ keys reach a prototype', () => {
    const evil = JSON.parse(
      '{"metadata":{"name":"x","namespace":"y","__proto__":{"polluted":true}},"spec":{"clusterIP":"1.2.3.4","ports":[{"port":80}]}}',
    );
    buildServiceModel({ services: [evil], endpointSlices: [], config: fakeConfig() });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('resolveProxyConfig', () => {
  it('applies defaults and the masquerade mark format', () => {
    const c = resolveProxyConfig({ hostname: 'n', nodeIPs: ['192.168.0.2', '2001:db8::1'] });
    expect(c.masqueradeMark).toBe('0x4000');
    expect(c.localDetector).toEqual({ mode: 'None' });
    expect(c.nodeIPs).toEqual(['192.168.0.2']);
    expect(c.nodePortsMatchAll).toBe(true);
    expect(c.localhostNodePorts).toBe(true);
    expect(resolveProxyConfig({ hostname: 'n', nodeIPs: [], masqueradeBit: 0 }).masqueradeMark).toBe('0x1');
    expect(resolveProxyConfig({ hostname: 'n', nodeIPs: [], masqueradeBit: 31 }).masqueradeMark).toBe(
      '0x80000000',
    );
    expect(
      resolveProxyConfig({ hostname: 'n', nodeIPs: [], clusterCIDR: 'fd00::/64,10.0.0.0/8' }).localDetector,
    ).toEqual({
      mode: 'ClusterCIDR',
      cidr: '10.0.0.0/8',
    });
  });

  it('reads KubeProxyConfiguration-style detectLocalMode settings', () => {
    const base = { hostname: 'n', nodeIPs: ['192.168.0.2'] };
    expect(
      resolveProxyConfig({ ...base, detectLocalMode: 'NodeCIDR', nodeCIDR: '10.244.1.0/24' }).localDetector,
    ).toEqual({
      mode: 'NodeCIDR',
      cidr: '10.244.1.0/24',
    });
    expect(
      resolveProxyConfig({ ...base, detectLocalMode: 'BridgeInterface', bridgeInterface: 'cbr0' })
        .localDetector,
    ).toEqual({
      mode: 'BridgeInterface',
      interface: 'cbr0',
    });
    expect(
      resolveProxyConfig({ ...base, detectLocalMode: 'InterfaceNamePrefix', interfaceNamePrefix: 'veth' })
        .localDetector,
    ).toEqual({
      mode: 'InterfaceNamePrefix',
      prefix: 'veth',
    });
    expect(
      resolveProxyConfig({ ...base, detectLocalMode: 'ClusterCIDR', clusterCIDR: '10.0.0.0/8' })
        .localDetector,
    ).toEqual({
      mode: 'ClusterCIDR',
      cidr: '10.0.0.0/8',
    });
    expect(() => resolveProxyConfig({ ...base, detectLocalMode: 'NodeCIDR' })).toThrow(/nodeCIDR/);
    expect(() => resolveProxyConfig({ ...base, detectLocalMode: 'Nope' as never })).toThrow(
      /detectLocalMode/,
    );
  });

  it("accepts nodePortAddresses 'primary'", () => {
    const c = resolveProxyConfig({
      hostname: 'n',
      nodeIPs: ['192.168.0.2', '192.168.1.2'],
      nodePortAddresses: ['primary'],
    });
    expect([c.nodePortsMatchAll, c.nodePortIPs, c.localhostNodePorts]).toEqual([
      false,
      ['192.168.0.2'],
      false,
    ]);
  });

  it('rejects bad config with codes', () => {
    expect(() => resolveProxyConfig({ hostname: 'n', nodeIPs: [], masqueradeBit: 32 })).toThrow(
      /masqueradeBit/,
    );
    expect(() => resolveProxyConfig({ hostname: 'n', nodeIPs: [], clusterCIDR: 'x' })).toThrow(/CIDR/);
    expect(() => resolveProxyConfig({ hostname: 'n', nodeIPs: [], ipFamily: 'IPv5' as never })).toThrow(
      /ipFamily/,
    );
    expect(() => resolveProxyConfig(null as never)).toThrow(/config/);
  });
});
