import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { searchCandidates } from './search-candidates.ts';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const domain = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));

describe('searchCandidates properties', () => {
  test.prop(
    [
      fc.array(label, { minLength: 1, maxLength: 6 }),
      fc.array(domain, { maxLength: 6 }),
      fc.integer({ min: 0, max: 15 }),
    ],
    {
      numRuns: 300,
    },
  )(
    'glibc and musl send the same set when the name is short; glibc always tries the name',
    (labels, searches, ndots) => {
      const name = labels.join('.');
      const conf = { nameservers: [], searches, options: [`ndots:${ndots}`] };
      const g = searchCandidates(name, conf, { resolver: 'glibc' });
      const m = searchCandidates(name, conf, { resolver: 'musl' });
      expect(g).toContain(`${name}.`);
      expect(g).toHaveLength(searches.length + 1);
      for (const c of g) expect(c.endsWith('.')).toBe(true);
      if (labels.length - 1 < ndots) expect(m).toEqual(g);
      else expect(m).toEqual([`${name}.`]);
      expect(searchCandidates(`${name}.`, conf, { resolver: 'glibc' })).toEqual([`${name}.`]);
    },
  );
});
