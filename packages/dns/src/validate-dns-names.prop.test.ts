import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { validateDns1035Label } from './validate-dns1035-label.ts';
import { validateDns1123Label } from './validate-dns1123-label.ts';
import { validateDns1123Subdomain } from './validate-dns1123-subdomain.ts';

const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);

describe('name validation properties', () => {
  test.prop([label], { numRuns: 300 })('a generated label is valid as label and subdomain', (l) => {
    expect(validateDns1123Label(l)).toEqual([]);
    expect(validateDns1123Subdomain(l)).toEqual([]);
  });

  test.prop([fc.array(label, { minLength: 2, maxLength: 4 })], { numRuns: 200 })(
    'dotted labels are subdomains, never labels',
    (parts) => {
      const s = parts.join('.');
      fc.pre(s.length <= 253);
      expect(validateDns1123Subdomain(s)).toEqual([]);
      expect(validateDns1123Label(s)).toContain('must not contain dots');
    },
  );

  test.prop([fc.string({ maxLength: 80 })], { numRuns: 300 })('1035 labels are 1123 labels', (s) => {
    if (validateDns1035Label(s).length === 0) expect(validateDns1123Label(s)).toEqual([]);
  });
});
