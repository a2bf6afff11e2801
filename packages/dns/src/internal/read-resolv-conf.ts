import { DnsError } from '../dns-error.ts';
import type { ResolvConf } from '../resolv-conf.ts';
import { describeValue } from './describe.ts';
import { byteLength } from './validation-text.ts';

/**
 * kubelet reads the host file with `ReadAtMost(f, maxResolveConfLength)` (10 MiB), which fails
 * with "the read limit is reached" as soon as that many bytes are read: a file of exactly
 * 10 MiB is already refused.
 */
const MAX_RESOLV_CONF_LENGTH = 10 * (1 << 20);

/** UTF-8 size of `text` when it reaches kubelet's limit, else -1 (cheap for short text). */
function sizeAtLimit(text: string): number {
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
  if (text.length * 3 < MAX_RESOLV_CONF_LENGTH) return -1;
  const bytes = byteLength(text);
  return bytes >= MAX_RESOLV_CONF_LENGTH ? bytes : -1;
}

function isSpace(c: number): boolean {
  // Go's strings.Fields splits on unicode.IsSpace: ASCII white space, U+0085, U+00A0 and the
  // rest of Unicode's White_Space property (U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
  // U+205F, U+3000).
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  // Stryker disable next-line EqualityOperator: at i === n the skip below does nothing and `if (i >= n) break` leaves the loop
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    out.push(line.slice(start, i));
  }
  return out;
}

/**
 * kubelet's resolv.conf reader. With `strict`, a `search` entry that still ends in a dot after
 * kubelet strips one (`a.local..`: an empty last label) is refused with
 * `INVALID_SEARCH_DOMAIN`: kept, it would not survive `formatResolvConf` → parse (the written
 * `a.local.` reads back as `a.local`), and glibc cannot send a query for it anyway. Without
 * `strict` the entry is kept as kubelet keeps it (used where kubelet's exact view matters).
 *
 * @example
 * ```ts
 * readResolvConf('search a.local..\n', false); // { nameservers: [], searches: ['a.local.'], options: [] }
 * readResolvConf('search a.local..\n', true); // DnsError INVALID_SEARCH_DOMAIN (returned, not thrown)
 * ```
 */
export function readResolvConf(text: string, strict: boolean): ResolvConf | DnsError {
  const size = sizeAtLimit(text);
  if (size >= 0) {
    return new DnsError(
      'RESOLV_CONF_TOO_LONG',
      `resolv.conf is ${size} bytes long; kubelet refuses a file that reaches its limit of ${MAX_RESOLV_CONF_LENGTH} bytes (ReadAtMost: "the read limit is reached")`,
    );
  }
  const nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const f = fields(lines[l] as string);
    const first = f[0];
    if (first === undefined || first.startsWith('#')) continue;
    if (first === 'nameserver') {
      const server = f[1];
      if (server === undefined) {
        return new DnsError(
          'EMPTY_NAMESERVER',
          `resolv.conf line ${l + 1}: "nameserver" without an address (kubelet: "nameserver list is empty")`,
          [l + 1],
        );
      }
      nameservers.push(server);
    } else if (first === 'search') {
      searches = [];
      for (let i = 1; i < f.length; i++) {
        const s = f[i] as string;
        const kept = s !== '.' && s.endsWith('.') ? s.slice(0, -1) : s;
        if (strict && kept !== '.' && kept.endsWith('.')) {
          return new DnsError(
            'INVALID_SEARCH_DOMAIN',
            `resolv.conf line ${l + 1}: search domain ${describeValue(s)} ends in an empty label`,
            [l + 1],
          );
        }
        searches.push(kept);
      }
    } else if (first === 'options') {
      options = f.slice(1);
    }
  }
  return { nameservers, searches, options };
}
