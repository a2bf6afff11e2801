import { compareServicePorts } from '../service-model/build-service-model.ts';
import type { ServicePortModel } from '../service-model/types.ts';
import type { IptablesLine } from './ruleset.ts';
import type { ServiceFragment } from './service-fragment.ts';

/** One service port with the rules it contributes. */
export interface Entry {
  readonly port: ServicePortModel;
  readonly fragment: ServiceFragment;
}

/**
 * A run of consecutive entries (in ServicePortName order) with their top-level rule lines gathered,
 * and those lines' text built once on first use. A partial sync rebuilds only the chunks it touches;
 * every other chunk, with its lines and text, is shared by reference between sync states.
 */
export interface Chunk {
  readonly entries: readonly Entry[];
  /** The entries' `natTopRules`, in order. */
  readonly natTop: readonly IptablesLine[];
  /** The entries' `filterRules`, in order. */
  readonly filter: readonly IptablesLine[];
  /** `natTop` as restore text, each line followed by a newline (built once). */
  readonly natTopText: () => string;
  /** `filter` as restore text, each line followed by a newline (built once). */
  readonly filterText: () => string;
}

/** Target chunk size; a chunk is split when it grows past twice this. */
const CHUNK = 128;

/**
 * Lines as restore text, each followed by a newline.
 *
 * @example
 * ```ts
 * linesText([{ kind: 'rule', chain: 'X', text: '-A X -j RETURN' }]); // '-A X -j RETURN\n'
 * ```
 */
export function linesText(lines: readonly IptablesLine[]): string {
  if (lines.length === 0) return '';
  const parts: string[] = new Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) parts[i] = (lines[i] as IptablesLine).text;
  parts[lines.length] = '';
  return parts.join('\n');
}

function memo(build: () => string): () => string {
  let text: string | undefined;
  return () => {
    if (text === undefined) text = build();
    return text;
  };
}

function makeChunk(entries: readonly Entry[]): Chunk {
  const natTop: IptablesLine[] = [];
  const filter: IptablesLine[] = [];
  for (const e of entries) {
    for (const line of e.fragment.natTopRules) natTop.push(line);
    for (const line of e.fragment.filterRules) filter.push(line);
  }
  return {
    entries,
    natTop,
    filter,
    natTopText: memo(() => linesText(natTop)),
    filterText: memo(() => linesText(filter)),
  };
}

/**
 * Cuts sorted entries into chunks.
 *
 * @example
 * ```ts
 * const chunks = chunksOf(entries);
 * ```
 */
export function chunksOf(entries: readonly Entry[]): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < entries.length; i += CHUNK) out.push(makeChunk(entries.slice(i, i + CHUNK)));
  return out;
}

/**
 * Every entry of the chunks, in order.
 *
 * @example
 * ```ts
 * allEntries(chunksOf(entries)).length === entries.length; // true
 * ```
 */
export function allEntries(chunks: readonly Chunk[]): Entry[] {
  const out: Entry[] = [];
  for (const c of chunks) for (const e of c.entries) out.push(e);
  return out;
}

/** Index of the chunk an entry with this port belongs in: the first whose last entry is not before it. */
function chunkIndex(chunks: readonly Chunk[], port: ServicePortModel): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = chunks[mid] as Chunk;
    const last = c.entries[c.entries.length - 1] as Entry;
    if (compareServicePorts(last.port, port) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The chunks after a change, and which of them are new (the rest are shared with the input). */
export interface SplicedChunks {
  readonly chunks: readonly Chunk[];
  readonly fresh: ReadonlySet<Chunk>;
}

/**
 * Removes `removed` (by identity) and inserts `added` (sorted), rebuilding only the chunks they fall
 * in: chunks are found by binary search on their last entry, rebuilt chunks are re-sorted on their
 * own (at most a few hundred entries), split when they grow past twice the target size and dropped
 * when empty. No other chunk is touched.
 *
 * @example
 * ```ts
 * const { chunks, fresh } = spliceChunks(state.chunks, oldEntries, newEntries);
 * ```
 */
export function spliceChunks(
  chunks: readonly Chunk[],
  removed: readonly Entry[],
  added: readonly Entry[],
): SplicedChunks {
  if (removed.length === 0 && added.length === 0) return { chunks, fresh: new Set() };
  if (chunks.length === 0) {
    const made = chunksOf(added);
    return { chunks: made, fresh: new Set(made) };
  }
  const drop = new Set<Entry>(removed);
  const gained = new Map<number, Entry[]>();
  const touched = new Set<number>();
  for (const e of removed) touched.add(chunkIndex(chunks, e.port));
  for (const e of added) {
    const i = chunkIndex(chunks, e.port);
    touched.add(i);
    const list = gained.get(i);
    if (list === undefined) gained.set(i, [e]);
    else list.push(e);
  }
  const out: Chunk[] = [];
  const fresh = new Set<Chunk>();
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Chunk;
    if (!touched.has(i)) {
      out.push(chunk);
      continue;
    }
    const entries = chunk.entries.filter((e) => !drop.has(e));
    for (const e of gained.get(i) ?? []) entries.push(e);
    entries.sort((a, b) => compareServicePorts(a.port, b.port));
    if (entries.length === 0) continue;
    const pieces = entries.length > 2 * CHUNK ? chunksOf(entries) : [makeChunk(entries)];
    for (const p of pieces) {
      out.push(p);
      fresh.add(p);
    }
  }
  return { chunks: out, fresh };
}
