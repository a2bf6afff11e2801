import type { Addr } from '../addr.ts';
import { makeAddr } from './make-addr.ts';

/**
 * Scans `s[start, end)` as a strict dotted-quad IPv4 address: exactly four decimal fields,
 * 0–255, no leading zeros, nothing else. Returns the uint32 value, or -1 when invalid.
 * Hand-written char-code scanner: no regex, no split, no allocation.
 */
export function scanIPv4(s: string, start: number, end: number): number {
  let acc = 0;
  let fields = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return -1;
      value = value * 10 + (c - 48);
      if (value > 255) return -1;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || fields === 3) return -1;
      acc = acc * 256 + value;
      fields++;
      value = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (digits === 0 || fields !== 3) return -1;
  return acc * 256 + value;
}

/** Says why `s[start, end)` is not a strict IPv4 address (slow path, for error messages). */
export function explainIPv4(s: string, start: number, end: number): string {
  let fields = 1;
  let fieldStart = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const field = s.slice(fieldStart, i);
      if (field === '') return 'empty field';
      if (field.length > 1 && field.charCodeAt(0) === 48) return `field "${field}" has a leading zero`;
      if (Number(field) > 255) return `field "${field}" is greater than 255`;
      if (i < end) fields++;
      fieldStart = i + 1;
    } else if (c < 48 || c > 57) {
      return `unexpected character ${JSON.stringify(s[i])} at position ${i - start}`;
    }
  }
  // Four well-formed fields would have passed scanIPv4, so the count is what is wrong.
  return `expected 4 fields, got ${fields}`;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses `s[0, end)` as an IPv6 address (no zone) and returns it with the given zone, or a reason
 * string when invalid. Accepts 1–4 hex digits per group, one `::` standing for at least one zero
 * group, and a trailing dotted-quad IPv4 in the last 32 bits.
 */
export function scanIPv6(s: string, end: number, zone: string): Addr | string {
  const g = [0, 0, 0, 0, 0, 0, 0, 0];
  let gi = 0;
  let ellipsis = -1;
  let i = 0;
  if (end >= 2 && s.charCodeAt(0) === 58 && s.charCodeAt(1) === 58) {
    ellipsis = 0;
    i = 2;
  }
  while (i < end) {
    let j = i;
    let val = 0;
    while (j < end && j - i < 4) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      val = val * 16 + h;
      j++;
    }
    if (j === i) {
      return s.charCodeAt(i) === 58 ? 'unexpected ":"' : `unexpected character ${JSON.stringify(s[i])}`;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      if (gi > 6) return 'embedded IPv4 address does not fit';
      if (ellipsis < 0 && gi !== 6) return 'embedded IPv4 address must hold the last 32 bits';
      const v4 = scanIPv4(s, i, end);
      if (v4 < 0) return `invalid embedded IPv4 address: ${explainIPv4(s, i, end)}`;
      g[gi++] = Math.floor(v4 / 65536);
      g[gi++] = v4 % 65536;
      i = end;
      break;
    }
    if (j < end && hexValue(s.charCodeAt(j)) >= 0) return 'a group has more than 4 hex digits';
    if (gi === 8) return 'too many groups';
    g[gi++] = val;
    i = j;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return `unexpected character ${JSON.stringify(s[i])}`;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (ellipsis >= 0) return 'more than one "::"';
      ellipsis = gi;
      i++;
    } else if (i === end) {
      return 'trailing ":"';
    }
  }
  if (ellipsis >= 0) {
    if (gi === 8) return '"::" must stand for at least one zero group';
    const n = gi - ellipsis;
    // Move the groups after "::" to the end; every slot they leave (and those between) is then 0.
    for (let k = 0; k < n; k++) {
      g[7 - k] = g[gi - 1 - k] as number;
      g[gi - 1 - k] = 0;
    }
  } else if (gi !== 8) {
    return `expected 8 groups, got ${gi}`;
  }
  return makeAddr(
    6,
    ((g[0] as number) * 65536 + (g[1] as number)) >>> 0,
    ((g[2] as number) * 65536 + (g[3] as number)) >>> 0,
    ((g[4] as number) * 65536 + (g[5] as number)) >>> 0,
    ((g[6] as number) * 65536 + (g[7] as number)) >>> 0,
    zone,
  );
}

/**
 * Parses `text[0, end)` as an address; returns the Addr or a reason string. Shared by parseAddr and
 * parsePrefix.
 */
export function scanAddr(text: string, end: number = text.length): Addr | string {
  const v4 = scanIPv4(text, 0, end);
  if (v4 >= 0) return makeAddr(4, 0, 0, 0, v4, '');
  if (end === 0) return 'empty string';
  let pct = text.indexOf('%');
  if (pct >= end) pct = -1;
  const colon = text.indexOf(':');
  if (colon < 0 || colon >= end || (pct >= 0 && colon > pct)) {
    if (pct >= 0) {
      const inner = scanIPv4(text, 0, pct);
      return inner >= 0 ? 'IPv4 addresses cannot have a zone' : explainIPv4(text, 0, pct);
    }
    return explainIPv4(text, 0, end);
  }
  let zone = '';
  let stop = end;
  if (pct >= 0) {
    zone = text.slice(pct + 1, end);
    stop = pct;
    if (zone === '') return 'zone must be a non-empty string';
    for (let i = 0; i < zone.length; i++) {
      const c = zone.charCodeAt(i);
      if (c <= 32 || c === 37 || c === 47 || c === 127) {
        return `invalid character ${JSON.stringify(zone[i])} in zone`;
      }
    }
  }
  return scanIPv6(text, stop, zone);
}
