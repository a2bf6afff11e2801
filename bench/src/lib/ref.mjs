// A small, obviously-correct reference for the bench's correctness guard: CIDR text <-> bigint intervals,
// interval merge and subtraction, interval -> minimal prefixes. Slow on purpose (bigint, no tricks); it is only
// used to compute each case's expected answer once, never timed.

function v6ToBig(text) {
  let s = text;
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (s.includes('.')) {
    const i = s.lastIndexOf(':');
    const v4 = v4ToBig(s.slice(i + 1));
    s = `${s.slice(0, i + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  let groups;
  if (s.includes('::')) {
    const [a, b] = s.split('::');
    const left = a ? a.split(':') : [];
    const right = b ? b.split(':') : [];
    const fill = 8 - left.length - right.length;
    groups = [...left, ...Array(fill).fill('0'), ...right];
  } else groups = s.split(':');
  if (groups.length !== 8) throw new Error(`ref: bad IPv6 ${text}`);
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  return n;
}

function v4ToBig(s) {
  const p = s.split('.');
  if (p.length !== 4) throw new Error(`ref: bad IPv4 ${s}`);
  return BigInt(((+p[0] << 24) | (+p[1] << 16) | (+p[2] << 8) | +p[3]) >>> 0);
}

/** Parses an address or CIDR into `{ v, start, end }` (host bits masked). */
export function refParse(text) {
  const slash = text.indexOf('/');
  const ip = slash >= 0 ? text.slice(0, slash) : text;
  const v = ip.includes(':') ? 6 : 4;
  const width = v === 4 ? 32n : 128n;
  const bits = slash >= 0 ? BigInt(+text.slice(slash + 1)) : width;
  const n = v === 4 ? v4ToBig(ip) : v6ToBig(ip);
  const host = (1n << (width - bits)) - 1n;
  const start = n & ~host;
  return { v, start, end: start | host };
}

/** Canonical RFC 5952 text of an address value (IPv4 dotted, IPv6 compressed lower-case, no mixed form). */
export function refFormat(v, n) {
  if (v === 4)
    return `${Number(n >> 24n)}.${Number((n >> 16n) & 255n)}.${Number((n >> 8n) & 255n)}.${Number(n & 255n)}`;
  const g = [];
  for (let i = 7; i >= 0; i--) g.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [bestAt, bestLen] = [i, j - i];
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestAt < 0) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`;
}

/** Canonical form of a CIDR text (network address, canonical address text). */
export function refCanon(text) {
  const { v, start, end } = refParse(text);
  const width = v === 4 ? 32 : 128;
  let bits = width;
  let size = end - start + 1n;
  while (size > 1n) {
    size >>= 1n;
    bits--;
  }
  return `${refFormat(v, start)}/${bits}`;
}

function mergeIntervals(list) {
  const sorted = [...list].sort((a, b) => a.v - b.v || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.v === r.v && r.start <= last.end + 1n) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

/** Minimal prefixes covering [start, end]. */
export function refRangeToPrefixes(v, start, end) {
  const width = v === 4 ? 128n - 96n : 128n;
  const out = [];
  let s = start;
  while (s <= end) {
    let bits = width;
    while (bits > 0n) {
      const size = 1n << (width - bits + 1n);
      if ((s & (size - 1n)) !== 0n || s + size - 1n > end) break;
      bits--;
    }
    out.push(`${refFormat(v, s)}/${bits}`);
    s += 1n << (width - bits);
  }
  return out;
}

function toPrefixes(intervals) {
  return intervals.flatMap((r) => refRangeToPrefixes(r.v, r.start, r.end));
}

/** Merge of CIDR texts → minimal canonical CIDRs. */
export function refMerge(cidrs) {
  return toPrefixes(mergeIntervals(cidrs.map(refParse)));
}

/** base minus remove, CIDR texts → minimal canonical CIDRs. */
export function refExclude(base, remove) {
  let cur = mergeIntervals(base.map(refParse));
  for (const x of mergeIntervals(remove.map(refParse))) {
    const next = [];
    for (const r of cur) {
      if (r.v !== x.v || x.end < r.start || x.start > r.end) next.push(r);
      else {
        if (x.start > r.start) next.push({ v: r.v, start: r.start, end: x.start - 1n });
        if (x.end < r.end) next.push({ v: r.v, start: x.end + 1n, end: r.end });
      }
    }
    cur = next;
  }
  return toPrefixes(cur);
}

/** Canonical CIDR list, for comparing a library's output with the reference as a set. */
export function canonAll(cidrs) {
  return cidrs.map((c) => refCanon(c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`));
}
