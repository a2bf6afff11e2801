import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
import { isProxyError } from '../proxy-error.ts';
import { testService, testSlice } from './upstream-fixtures.ts';

// Bad input is part of the API: whatever the objects look like, the generators either work or
// throw a ProxyError — never a bare TypeError — and never pollute Object.prototype.
const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }),
  fc.constant(testService('ns', 's', { clusterIP: '10.0.0.1', ports: [{ name: 'p', port: 80 }] })),
  fc.constant(testSlice('ns', 's', 1, [{ ip: '10.1.1.1' }], [{ name: 'p', port: 80 }])),
  fc.constant({
    metadata: { name: '__proto__', namespace: 'constructor' },
    spec: { clusterIP: '10.0.0.2', ports: [{ port: 1 }] },
  }),
);

describe('ipvs/nftables generators on arbitrary input', () => {
  test.prop([fc.array(junk, { maxLength: 4 }), fc.array(junk, { maxLength: 4 }), fc.boolean()], {
    numRuns: 150,
  })('succeed or throw ProxyError', (services, endpointSlices, v6) => {
    const config = {
      hostname: 'n',
      nodeIPs: ['192.168.0.2', '2001:db8::2'],
      ipFamily: v6 ? ('IPv6' as const) : ('IPv4' as const),
    };
    for (const gen of [nftablesRules, ipvsRules] as const) {
      try {
        gen({ services, endpointSlices, config });
      } catch (error) {
        expect(isProxyError(error)).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
