import { describe } from './internal/describe.ts';
import { makeAddr } from './internal/make-addr.ts';
import { scanAddr, scanIPv4 } from './internal/scan.ts';
import { isMasked, maskAddr } from './internal/words.ts';
import { IpError, type Result } from './ip-error.ts';
import { makePrefix, type Prefix } from './prefix.ts';

/** Options for {@link parsePrefix}. */
export interface ParsePrefixOptions {
  /** Reject host bits with `HOST_BITS_SET` (default `true`); `false` masks them instead. */
  readonly strict?: boolean;
}

function bad(text: string, reason: string): IpError {
  return new IpError('INVALID_PREFIX', `invalid prefix ${describe(text)}: ${reason}`);
}

function scanPrefix(text: unknown, strict: boolean): Prefix | IpError {
  if (typeof text !== 'string') {
    return new IpError(
      'INVALID_PREFIX',
      `invalid prefix ${describe(text)}: expected a string, got ${typeof text}`,
    );
  }
  // The length has at most 3 digits, so the "/" is among the last 4 characters (charCodeAt of a
  // negative index is NaN, so short texts need no extra bound).
  const len = text.length;
  let slash = -1;
  for (let i = len - 1; i >= len - 4; i--) {
    if (text.charCodeAt(i) === 47) {
      slash = i;
      break;
    }
  }
  if (slash < 0) {
    const at = text.lastIndexOf('/');
    return bad(text, at < 0 ? 'missing "/"' : `invalid prefix length "${text.slice(at + 1)}"`);
  }
  const n = text.length - slash - 1;
  if (n === 0) return bad(text, 'missing prefix length');
  let bits = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return bad(text, `invalid prefix length "${text.slice(slash + 1)}"`);
    bits = bits * 10 + (c - 48);
  }
  if (n > 1 && text.charCodeAt(slash + 1) === 48) {
    return bad(text, `prefix length "${text.slice(slash + 1)}" has a leading zero`);
  }
  const v4 = scanIPv4(text, 0, slash);
  if (v4 >= 0) {
    if (bits > 32) return bad(text, `prefix length ${bits} is larger than 32`);
    const m = bits === 0 ? 0 : (v4 & (-1 << (32 - bits))) >>> 0;
    if (m !== v4 && strict) {
      return new IpError(
        'HOST_BITS_SET',
        `invalid prefix ${describe(text)}: host bits are set (use { strict: false } to mask them)`,
      );
    }
    return makePrefix(makeAddr(4, 0, 0, 0, m, ''), bits);
  }
  const addr = scanAddr(text, slash);
  if (typeof addr === 'string') return bad(text, addr);
  if (addr.zone !== '') return bad(text, 'prefixes cannot have a zone');
  // Dotted quads took the IPv4 path above, so this is an IPv6 address.
  if (bits > 128) return bad(text, `prefix length ${bits} is larger than 128`);
  if (!isMasked(addr, bits)) {
    if (strict) {
      return new IpError(
        'HOST_BITS_SET',
        `invalid prefix ${describe(text)}: host bits are set (use { strict: false } to mask them)`,
      );
    }
    return makePrefix(maskAddr(addr, bits), bits);
  }
  return makePrefix(addr, bits);
}

function strictOf(options: ParsePrefixOptions | undefined): boolean {
  return typeof options !== 'object' || options === null || options.strict !== false;
}

/**
 * Parses a CIDR prefix such as `10.0.0.0/8` or `2001:db8::/32`. Throws `INVALID_PREFIX` for a
 * malformed address or length (no zones, no leading zeros such as `/08`), and `HOST_BITS_SET`
 * when bits after the prefix length are set — unless `{ strict: false }`, which masks them.
 *
 * @example
 * ```ts
 * formatPrefix(parsePrefix('10.0.0.0/8')); // '10.0.0.0/8'
 * parsePrefix('10.0.0.1/8'); // throws IpError HOST_BITS_SET
 * formatPrefix(parsePrefix('10.0.0.1/8', { strict: false })); // '10.0.0.0/8'
 * ```
 */
export function parsePrefix(text: string, options?: ParsePrefixOptions): Prefix {
  const r = scanPrefix(text, strictOf(options));
  if (r instanceof IpError) throw r;
  return r;
}

/**
 * Like {@link parsePrefix} but never throws: returns `{ ok: true, value }` or `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * const r = safeParsePrefix('fe80::/10%eth0');
 * r.ok; // false
 * ```
 */
export function safeParsePrefix(text: unknown, options?: ParsePrefixOptions): Result<Prefix> {
  const r = scanPrefix(text, strictOf(options));
  if (r instanceof IpError) return { ok: false, error: r };
  return { ok: true, value: r };
}
