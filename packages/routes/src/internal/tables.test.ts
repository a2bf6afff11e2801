import { describe, expect, it } from 'vitest';
import { canonicalTable, defaultTableRank } from './tables.ts';

// iproute2 etc/iproute2/rt_tables: 255 local, 254 main, 253 default.
describe('reserved routing tables', () => {
  it('names the reserved table numbers; other tables keep their text', () => {
    expect(
      [undefined, '254', '255', '253', 'main', 'local', 'default', '100', '252'].map(canonicalTable),
    ).toEqual(['main', 'main', 'local', 'default', 'main', 'local', 'default', '100', '252']);
  });

  it('ranks local → main → default as the default rules do; other tables are never consulted', () => {
    expect(['255', 'local', undefined, '254', '253', 'default', '100', 'wg'].map(defaultTableRank)).toEqual([
      0, 0, 1, 1, 2, 2, -1, -1,
    ]);
  });
});
