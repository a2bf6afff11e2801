import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { answer } from './answer.ts';
import { clusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';

describe('clusterZone properties', () => {
  test.prop([fc.anything(), fc.anything(), fc.anything()], { numRuns: 300 })(
    'junk objects throw DnsError, never a TypeError',
    (services, endpointSlices, pods) => {
      for (const input of [
        { clusterDomain: 'cluster.local', services, endpointSlices, pods },
        {
          clusterDomain: 'cluster.local',
          services: [services],
          endpointSlices: [endpointSlices],
          pods: [pods],
        },
        {
          clusterDomain: 'cluster.local',
          services: [{ metadata: { name: 'a' }, spec: services }],
          endpointSlices: [{ metadata: {}, endpoints: [endpointSlices] }],
          pods: [{ metadata: {}, status: pods }],
        },
      ]) {
        try {
          const zone = clusterZone(input as never);
          expect(answer(zone, { name: 'a.default.svc.cluster.local', type: 'A' }).rcode).toMatch(
            /^(NOERROR|NXDOMAIN)$/,
          );
        } catch (e) {
          expect(e).toBeInstanceOf(DnsError);
        }
      }
    },
  );
});
