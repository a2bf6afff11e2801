/**
 * @internal Normalises a table name or number to iproute2's canonical name for the three reserved
 * tables (`local` 255, `main` 254, `default` 253); other tables keep their text. Absent = main.
 */
export function canonicalTable(table: string | undefined): string {
  if (table === undefined) return 'main';
  if (table === '254') return 'main';
  if (table === '255') return 'local';
  if (table === '253') return 'default';
  return table;
}

/**
 * @internal The rank of a table in the default rule list (pref 0 local, 32766 main, 32767
 * default), or -1 for a table the default rules never consult.
 */
export function defaultTableRank(table: string | undefined): number {
  const t = canonicalTable(table);
  if (t === 'local') return 0;
  if (t === 'main') return 1;
  if (t === 'default') return 2;
  return -1;
}
