import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { buildServiceModel } from '../service-model/build-service-model.ts';
import { fakeConfig, makeService } from '../testing/fixtures.ts';
import { normalisePacket } from './evaluation.ts';
import { type ModeExtraConfig, modeViewFromInput, modeViewFromModel } from './from-service-model.ts';

function thrown(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

const services = [
  makeService('ns1', 'a', { clusterIP: '172.30.0.1', ports: [{ name: 'p', port: 80 }] }),
  makeService('ns1', 'b', {
    clusterIP: '172.30.0.2',
    sessionAffinity: 'ClientIP',
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
    ports: [{ port: 81 }],
  }),
];
const view = (extra: ModeExtraConfig, config = fakeConfig()) =>
  modeViewFromModel(buildServiceModel({ services, endpointSlices: [], config }), extra);

describe('modeViewFromModel', () => {
  it('copies the node settings and defaults the IPVS scheduler to rr (--ipvs-scheduler)', () => {
    const v = view({});
    expect(v.config).toEqual({
      family: 4,
      hostname: 'test-node',
      nodeIPs: ['192.168.0.2', '192.168.1.2', '192.168.99.11'],
      masqueradeAll: false,
      masqueradeMark: '0x4000',
      localDetector: { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
      nodePortAddresses: [],
      nodePortIPs: [],
      serviceCIDRs: [],
      randomFully: false,
      scheduler: 'rr',
    });
    expect(view({ scheduler: '' }).config.scheduler).toBe('rr');
    expect(view({ scheduler: 'mh' }).config.scheduler).toBe('mh');
    expect(view({}, fakeConfig({ ipFamily: 'IPv6' })).config.family).toBe(6);
  });

  it('carries affinity as a timeout only for ClientIP', () => {
    const v = view({});
    expect(v.servicePorts.map((sp) => [sp.name, sp.affinityTimeout])).toEqual([
      ['a', null],
      ['b', 60],
    ]);
  });

  it('keeps node-port IPs inside nodePortAddresses, without loopback', () => {
    const v = view({}, fakeConfig({ nodePortAddresses: ['127.0.0.0/8', '192.168.0.0/24'] }));
    expect(v.config.nodePortAddresses).toEqual(['127.0.0.0/8', '192.168.0.0/24']);
    expect(v.config.nodePortIPs).toEqual(['192.168.0.2']);
  });

  it.each([
    ['10.96.0.0/16, fd00::/108', 4, ['10.96.0.0/16']],
    ['10.96.0.0/16, fd00::/108', 6, ['fd00::/108']],
    [[' 10.96.0.0/16 ', '10.97.0.0/16'], 4, ['10.96.0.0/16', '10.97.0.0/16']],
    ['', 4, []],
    [null, 4, []],
    [undefined, 4, []],
  ])('serviceCIDRs %j for IPv%d', (serviceCIDRs, family, want) => {
    const config = fakeConfig(family === 6 ? { ipFamily: 'IPv6' } : {});
    expect(view({ serviceCIDRs } as ModeExtraConfig, config).config.serviceCIDRs).toEqual(want);
  });

  it.each([
    [
      { serviceCIDRs: ['10.96.0.0/16', 'x'] },
      'INVALID_CIDR',
      'invalid service CIDR "x"',
      ['config', 'serviceCIDRs', 1],
    ],
    [
      { serviceCIDRs: '10.96.0.0/16,10.0.0.1' },
      'INVALID_CIDR',
      'invalid service CIDR "10.0.0.1"',
      ['config', 'serviceCIDRs', 1],
    ],
    [{ serviceCIDRs: 5 }, 'INVALID_CIDR', 'invalid service CIDR 5', ['config', 'serviceCIDRs', 0]],
    [{ serviceCIDRs: [7] }, 'INVALID_CIDR', 'invalid service CIDR 7', ['config', 'serviceCIDRs', 0]],
    [{ scheduler: 'bogus' }, 'INVALID_CONFIG', 'unknown IPVS scheduler "bogus"', ['config', 'scheduler']],
    [{ scheduler: 3 }, 'INVALID_CONFIG', 'unknown IPVS scheduler 3', ['config', 'scheduler']],
    [{ scheduler: 'RR' }, 'INVALID_CONFIG', 'unknown IPVS scheduler "RR"', ['config', 'scheduler']],
  ])('rejects %j', (extra, code, message, path) => {
    const e = thrown(() => view(extra as unknown as ModeExtraConfig));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
  });

  it.each(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh', 'fo', 'ovf', 'twos'])(
    'accepts the kernel IPVS scheduler %s',
    (scheduler) => {
      expect(view({ scheduler }).config.scheduler).toBe(scheduler);
    },
  );

  it('modeViewFromInput reads the mode extras from the config', () => {
    const v = modeViewFromInput({
      services,
      endpointSlices: [],
      config: { ...fakeConfig(), scheduler: 'sh', serviceCIDRs: '172.30.0.0/16' },
    });
    expect([v.config.scheduler, v.config.serviceCIDRs, v.servicePorts.length]).toEqual([
      'sh',
      ['172.30.0.0/16'],
      2,
    ]);
  });
});

describe('normalisePacket', () => {
  it('canonicalises addresses and lower-cases the protocol (default TCP)', () => {
    expect(normalisePacket({ sourceIP: '10.0.0.2', destIP: 'FD00::0001', destPort: 0 })).toEqual({
      sourceIP: '10.0.0.2',
      destIP: 'fd00::1',
      destPort: 0,
      protocol: 'tcp',
    });
    expect(
      normalisePacket({ sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 65535, protocol: 'Udp' })
        .protocol,
    ).toBe('udp');
    expect(
      normalisePacket({ sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 1, protocol: 'SCTP' }).protocol,
    ).toBe('sctp');
  });

  const ok = { sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 80 };
  it.each([
    [null, 'packet must be an object', []],
    ['x', 'packet must be an object', []],
    [{ ...ok, sourceIP: '10.0.0' }, 'invalid sourceIP "10.0.0"', ['sourceIP']],
    [{ ...ok, sourceIP: undefined }, 'invalid sourceIP undefined', ['sourceIP']],
    [{ ...ok, destIP: 'x' }, 'invalid destIP "x"', ['destIP']],
    [{ ...ok, destPort: 65536 }, 'invalid destPort 65536', ['destPort']],
    [{ ...ok, destPort: -1 }, 'invalid destPort -1', ['destPort']],
    [{ ...ok, destPort: 1.5 }, 'invalid destPort 1.5', ['destPort']],
    [{ ...ok, destPort: '80' }, 'invalid destPort "80"', ['destPort']],
    [{ ...ok, protocol: 'icmp' }, 'invalid protocol "icmp"', ['protocol']],
    [{ ...ok, protocol: 6 }, 'invalid protocol 6', ['protocol']],
  ])('rejects %j', (packet, message, path) => {
    const e = thrown(() => normalisePacket(packet as never));
    expect([e.code, e.message, e.path]).toEqual(['INVALID_PACKET', message, path]);
  });
});
