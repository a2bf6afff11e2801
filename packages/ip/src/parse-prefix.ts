import { describe } from './internal/describe.ts';
import { scanAddr } from './internal/scan.ts';
import { isMasked, maskAddr } from './internal/words.ts';
import { IpError, type Result } from './ip-error.ts';
import { makePrefix, type Prefix } from './prefix.ts';

/** Options for {@link parsePrefix}. */
export interface ParsePrefixOptions {
  /** Reject host bits with `HOST_BITS_SET` (default `true`); `false` masks them instead. */
  readonly strict?: boolean;
}

function scanPrefix(text: unknown, strict: boolean): Prefix | IpError {
  if (typeof text !== 'string') {
    return new IpError(
      'INVALID_PREFIX',
      `invalid prefix ${describe(text)}: expected a string, got ${typeof text}`,
    );
  }
  const bad = (reason: string): IpError =>
    new IpError('INVALID_PREFIX', `invalid prefix ${describe(text)}: ${reason}`);
  const slash = text.lastIndexOf('/');
  if (slash < 0) return bad('missing "/"');
  const lenText = text.slice(slash + 1);
  const n = lenText.length;
  if (n === 0) return bad('missing prefix length');
  if (n > 3) return bad(`invalid prefix length "${lenText}"`);
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = lenText.charCodeAt(i);
    if (c < 48 || c > 57) return bad(`invalid prefix length "${lenText}"`);
    bits = bits * 10 + (c - 48);
  }
  if (n > 1 && lenText.charCodeAt(0) === 48) return bad(`prefix length "${lenText}" has a leading zero`);
  const addrText = text.slice(0, slash);
  const addr = scanAddr(addrText);
  if (typeof addr === 'string') return bad(addr);
  if (addr.zone !== '') return bad('prefixes cannot have a zone');
  const width = addr.family === 4 ? 32 : 128;
  if (bits > width) return bad(`prefix length ${bits} is larger than ${width}`);
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
  return options === undefined || options === null || typeof options !== 'object' || options.strict !== false;
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
