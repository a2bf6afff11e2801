import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CniError } from './cni-error.ts';
import { safeParseNetConf } from './parse-net-conf.ts';
import { safeParseNetConfList } from './parse-net-conf-list.ts';

const plugin = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('bridge', 'portmap', 'ptp', 'macvlan', 'weave-net', 'calico', 'flannel', 'x'),
      fc.string(),
    ),
    vlan: fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.string()),
    ipMasq: fc.oneof(fc.boolean(), fc.string()),
    ipam: fc.oneof(
      fc.record({
        type: fc.constant('host-local'),
        subnet: fc.constantFrom('10.0.0.0/24', '10.0.0.1/24', '10.0.0.0/31', 'x'),
      }),
      fc.jsonValue(),
    ),
    capabilities: fc.dictionary(fc.string(), fc.oneof(fc.boolean(), fc.integer())),
  },
  { requiredKeys: [] },
);
const list = fc.record(
  {
    cniVersion: fc.oneof(fc.constantFrom('0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0', ''), fc.string()),
    name: fc.oneof(fc.constantFrom('net', 'a b', ''), fc.string()),
    disableCheck: fc.oneof(fc.boolean(), fc.constantFrom('true', 'FALSE', 'maybe')),
    plugins: fc.oneof(fc.array(plugin, { maxLength: 3 }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe('parsers never throw and always explain', () => {
  test.prop([fc.oneof(list, fc.jsonValue(), fc.string())], { numRuns: 300 })(
    'safeParseNetConfList',
    (input) => {
      for (const mode of ['spec', 'libcni'] as const) {
        const r = safeParseNetConfList(input, { mode });
        if (!r.ok) {
          expect(r.error).toBeInstanceOf(CniError);
          expect(r.error.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
          expect(r.error.code).not.toBe('INTERNAL');
          expect(Array.isArray(r.error.path)).toBe(true);
        }
      }
    },
  );
  test.prop([fc.oneof(plugin, fc.jsonValue())], { numRuns: 200 })('safeParseNetConf', (input) => {
    for (const mode of ['spec', 'libcni'] as const) {
      const r = safeParseNetConf(input, { mode });
      if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
    }
  });
  test.prop([list], { numRuns: 200 })('an error path always leads into the input', (input) => {
    const r = safeParseNetConfList(input);
    if (r.ok || r.error.path.length === 0) return;
    // every segment but the last exists in the input
    let cur: unknown = input;
    for (const seg of r.error.path.slice(0, -1)) {
      expect(cur !== null && typeof cur === 'object').toBe(true);
      cur = (cur as Record<string | number, unknown>)[seg];
    }
  });
});
