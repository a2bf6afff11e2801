import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { DnsError } from './dns-error.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { MAX_DNS_NAMESERVERS, MAX_DNS_SEARCH_PATHS, podDnsConfig, podResolvConf } from './pod-resolv-conf.ts';

const domain = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,20}){0,3}$/);
const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const policy = fc.constantFrom(
  'ClusterFirst',
  'ClusterFirstWithHostNet',
  'Default',
  'None',
  undefined,
  'bogus',
);

describe('podResolvConf properties', () => {
  test.prop(
    [
      policy,
      fc.boolean(),
      fc.array(ip, { maxLength: 4 }),
      fc.array(domain, { maxLength: 40 }),
      fc.option(
        fc.record({
          nameservers: fc.array(ip, { maxLength: 4 }),
          searches: fc.array(domain, { maxLength: 6 }),
        }),
        { nil: undefined },
      ),
      fc.option(fc.array(domain, { maxLength: 6 }), { nil: null }),
    ],
    { numRuns: 200 },
  )(
    'the file always parses back and respects the limits',
    (dnsPolicy, hostNetwork, clusterDns, extra, dnsConfig, hostSearch) => {
      const hostResolvConf =
        hostSearch === null ? null : `nameserver 192.168.1.1\nsearch ${hostSearch.join(' ')}\n`;
      const input = {
        pod: {
          metadata: { namespace: 'ns1' },
          spec: {
            dnsPolicy,
            hostNetwork,
            dnsConfig: dnsConfig && { ...dnsConfig, searches: [...dnsConfig.searches, ...extra] },
          },
        },
        clusterDns,
        clusterDomain: 'cluster.local',
        hostResolvConf,
      };
      const text = podResolvConf(input);
      const conf = parseResolvConf(text);
      expect(conf).toEqual(podDnsConfig(input).conf);
      expect(conf.nameservers.length).toBeLessThanOrEqual(MAX_DNS_NAMESERVERS);
      expect(conf.searches.length).toBeLessThanOrEqual(MAX_DNS_SEARCH_PATHS);
      expect(conf.searches.join(' ').length).toBeLessThanOrEqual(2048);
      expect(text.split('\n').filter((l) => l.startsWith('search')).length).toBeLessThanOrEqual(1);
      expect(text.split('\n').filter((l) => l.startsWith('options')).length).toBeLessThanOrEqual(1);
    },
  );

  test.prop([fc.anything()], { numRuns: 300 })('junk input throws DnsError, never a TypeError', (junk) => {
    for (const input of [
      junk,
      { pod: junk, clusterDns: [], clusterDomain: 'c', hostResolvConf: null },
      { pod: { spec: junk }, clusterDns: junk, clusterDomain: 'c', hostResolvConf: null },
    ]) {
      try {
        podResolvConf(input as never);
      } catch (e) {
        expect(e).toBeInstanceOf(DnsError);
      }
    }
  });
});
