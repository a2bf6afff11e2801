const OBJECT_ORDER: Readonly<Record<string, number>> = {
  table: 10,
  chain: 9,
  rule: 8,
  set: 7,
  map: 6,
  element: 5,
};

function order(type: string | undefined): number {
  return type !== undefined && Object.hasOwn(OBJECT_ORDER, type) ? (OBJECT_ORDER[type] ?? 0) : 0;
}

/**
 * Puts an `nft -f` transaction in the canonical order kube-proxy's tests compare in
 * (`sortNFTablesTransaction`, pkg/proxy/nftables/helpers_test.go): blank and `#` lines dropped,
 * then lines without an object name (`add table …`) first, then lines ordered by object type (table,
 * chain, rule, set, map, element), then object name; rules keep their order, other lines with the
 * same type and name sort textually.
 *
 * @example
 * ```ts
 * sortNftTransaction('add rule ip t b x\nadd chain ip t a\n'); // 'add chain ip t a\nadd rule ip t b x'
 * ```
 */
export function sortNftTransaction(text: string): string {
  if (typeof text !== 'string') return '';
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const keyed = lines.map((line, index) => ({ line, words: line.split(' '), index }));
  keyed.sort((a, b) => {
    const wa = a.words;
    const wb = b.words;
    // Lines without an object name (`add table ip kube-proxy`) go first, in their order.
    const shortA = wa.length < 5;
    const shortB = wb.length < 5;
    if (shortA || shortB) return shortA && shortB ? a.index - b.index : shortA ? -1 : 1;
    if (wa[1] !== wb[1]) return order(wb[1]) - order(wa[1]);
    if (wa[4] !== wb[4]) return (wa[4] ?? '') < (wb[4] ?? '') ? -1 : 1;
    if (wa[1] !== 'rule' && a.line !== b.line) return a.line < b.line ? -1 : 1;
    return a.index - b.index;
  });
  return keyed.map((k) => k.line).join('\n');
}
