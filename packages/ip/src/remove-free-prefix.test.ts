import { beforeEach, describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { formatIPRange } from './ip-range.ts';
import { ipSetFrom } from './ip-set.ts';
import { parsePrefix } from './parse-prefix.ts';
import { removeFreePrefix } from './remove-free-prefix.ts';

const P = (t: string) => parsePrefix(t);

describe('removeFreePrefix', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let free: ReturnType<typeof ipSetFrom>;
  beforeEach(() => {
    free = ipSetFrom([P('10.0.0.0/24'), P('fd00::/16')]);
  });

  it('skips blocks of a family too narrow for the length', () => {
    const r = removeFreePrefix(free, 40);
    expect(r && formatPrefix(r.prefix)).toBe('fd00::/40');
    expect(removeFreePrefix(ipSetFrom([P('10.0.0.0/24')]), 33)).toBeUndefined();
  });

  it('filters by family when asked', () => {
    expect(formatPrefix(removeFreePrefix(free, 24, 6)?.prefix as never)).toBe('fd00::/24');
    expect(formatPrefix(removeFreePrefix(free, 24, 4)?.prefix as never)).toBe('10.0.0.0/24');
    expect(formatPrefix(removeFreePrefix(free, 24)?.prefix as never)).toBe('10.0.0.0/24');
    expect(removeFreePrefix(free, 8, 4)).toBeUndefined();
  });

  it('keeps the first of equally good blocks, and takes an exact fit', () => {
    const two = ipSetFrom([P('10.0.0.0/24'), P('10.0.2.0/24')]);
    const r = removeFreePrefix(two, 25);
    expect(r && formatPrefix(r.prefix)).toBe('10.0.0.0/25');
    expect(r?.set.ranges.map(formatIPRange)).toEqual(['10.0.0.128-10.0.0.255', '10.0.2.0-10.0.2.255']);
    const exact = removeFreePrefix(ipSetFrom([P('10.0.0.0/23'), P('10.0.4.0/24'), P('10.0.8.0/25')]), 24);
    expect(exact && formatPrefix(exact.prefix)).toBe('10.0.4.0/24');
    expect(exact?.set.ranges.map(formatIPRange)).toEqual(['10.0.0.0-10.0.1.255', '10.0.8.0-10.0.8.127']);
  });
});
