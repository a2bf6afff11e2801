import type { PathSegment } from '@podnet/ip';
import { ClusterError } from '../cluster-error.ts';
import { LIMITS } from './limits.ts';

const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Deep-copies a JSON-like value into fresh plain data: drops `__proto__` keys (they never reach a prototype),
 * refuses input nested deeper than {@link LIMITS.maxDepth}, cycles, and values JSON cannot hold
 * (functions, symbols, bigints, class instances other than plain objects and arrays). Numbers must be finite.
 */
export function sanitize(value: unknown, path: readonly PathSegment[] = []): unknown {
  return copy(value, path.slice(), 0, new Set());
}

function copy(value: unknown, path: PathSegment[], depth: number, seen: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ClusterError(
        'INVALID_VALUE',
        `${describePath(path)}: ${String(value)} is not a finite number`,
        path,
      );
    }
    return value;
  }
  if (typeof value !== 'object') {
    throw new ClusterError(
      'INVALID_VALUE',
      `${describePath(path)}: a ${typeof value} is not JSON data`,
      path,
    );
  }
  if (depth >= LIMITS.maxDepth) {
    throw new ClusterError(
      'TOO_DEEP',
      `${describePath(path)}: input nested deeper than ${LIMITS.maxDepth} levels is refused`,
      path,
    );
  }
  if (seen.has(value)) {
    throw new ClusterError('INVALID_VALUE', `${describePath(path)}: input contains a cycle`, path);
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        out[i] = copy(value[i], path, depth + 1, seen);
        path.pop();
      }
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new ClusterError('INVALID_VALUE', `${describePath(path)}: expected plain JSON data`, path);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      path.push(key);
      const v = copy((value as Record<string, unknown>)[key], path, depth + 1, seen);
      path.pop();
      if (v === undefined) continue;
      // `__proto__` was skipped above, so a plain assignment creates an own data property
      out[key] = v;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Formats a key path the way messages show it: `nodes[2].ip`; `(root)` for the empty path.
 */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Quotes a value for an error message, shortened so a huge value cannot flood the message. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (Array.isArray(value)) text = 'an array';
  else text = `a ${typeof value}`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
