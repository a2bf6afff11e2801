import type { Result } from '@podnet/ip';
import { withChanges } from '../internal/layered-map.ts';
import { ProxyError } from '../proxy-error.ts';
import {
  attachEndpoints,
  compareServicePorts,
  endpointsOf,
  objectList,
  type ServicePortBase,
  servicePortsOf,
  sliceServiceKey,
} from '../service-model/build-service-model.ts';
import { resolveProxyConfig } from '../service-model/resolve-proxy-config.ts';
import type {
  ModelWarning,
  ProxyInput,
  ResolvedProxyConfig,
  ServicePortModel,
} from '../service-model/types.ts';
import { assembleRuleset, NAT_TOP_CHAINS, staticRules } from './iptables-rules.ts';
import { withRenderedText } from './rendered-text.ts';
import type { IptablesLine, Ruleset } from './ruleset.ts';
import {
  chainLine,
  generationScratch,
  type HashCache,
  LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
  ruleLine,
  type ServiceFragment,
  serviceFragment,
} from './service-fragment.ts';
import { allEntries, type Chunk, chunksOf, type Entry, linesText, spliceChunks } from './sync-chunks.ts';

/**
 * What kube-proxy remembers between syncs: the inputs by key and every service port's rules, so a
 * partial sync rewrites only what changed. Treat as opaque; {@link syncStateRuleset} gives the
 * rules the kernel holds after the sync (equal to a full sync of the same input). A state is never
 * modified: a sync returns a new one that shares the unchanged parts (persistent maps, unchanged
 * chunks), so older states stay valid and can be synced from again.
 */
export interface IptablesSyncState {
  readonly config: ResolvedProxyConfig;
  /** The kube-proxy config the state was built with. */
  readonly input: ProxyInput['config'];
  /** Services by `ns/name`. */
  readonly services: ReadonlyMap<string, unknown>;
  /** EndpointSlices by `ns/sliceName`. */
  readonly endpointSlices: ReadonlyMap<string, unknown>;
  /** Slice keys (`ns/sliceName`) per service key (`ns/name`). */
  readonly slicesByService: ReadonlyMap<string, readonly string[]>;
  /**
   * Service ports sorted by ServicePortName with their rule fragments, in chunks that keep their
   * top-level rule lines and text (shared between states until a change touches them).
   */
  readonly chunks: readonly Chunk[];
  /** Each Service's entries, by `ns/name` (so a partial sync finds them without a scan). */
  readonly entriesByService: ReadonlyMap<string, readonly Entry[]>;
  readonly totalEndpoints: number;
}

/** A change to apply in a partial sync (kube-proxy's Service / EndpointSlice watch events). */
export interface IptablesChange {
  /** Added or updated Services. */
  readonly upsertServices?: readonly unknown[];
  /** Deleted Services, as `namespace/name`. */
  readonly deleteServices?: readonly string[];
  /** Added or updated EndpointSlices. */
  readonly upsertEndpointSlices?: readonly unknown[];
  /** Deleted EndpointSlices, as `namespace/sliceName`. */
  readonly deleteEndpointSlices?: readonly string[];
}

/** Options for {@link iptablesPartialSync}. */
export interface PartialSyncOptions {
  /**
   * Do a full sync when the total endpoint count crosses the large-cluster threshold (1,000), so
   * every chain switches comment style at once. kube-proxy does not (default false): unchanged
   * services keep their old comments until the next full sync.
   */
  readonly fullSyncOnLargeClusterChange?: boolean;
}

/** The result of one sync. */
export interface IptablesSyncResult {
  /** The state to pass to the next sync. */
  readonly state: IptablesSyncState;
  /** The `iptables-restore --noflush` input this sync writes. */
  readonly restore: Ruleset;
  /** Whether every service chain was rewritten. */
  readonly fullSync: boolean;
  /** `ns/name` of the Services whose chains were rewritten (all of them on a full sync). */
  readonly changedServices: readonly string[];
  readonly warnings: readonly ModelWarning[];
}

function isMapLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { get?: unknown }).get === 'function' &&
    typeof (value as { has?: unknown }).has === 'function'
  );
}

/** A constant-time shape check (the state is opaque; a deep check would cost O(Services) per sync). */
function assertState(state: unknown): asserts state is IptablesSyncState {
  const st = state as Partial<Record<keyof IptablesSyncState, unknown>> | null;
  const ok =
    typeof st === 'object' &&
    st !== null &&
    typeof st.config === 'object' &&
    st.config !== null &&
    isMapLike(st.services) &&
    isMapLike(st.endpointSlices) &&
    isMapLike(st.slicesByService) &&
    isMapLike(st.entriesByService) &&
    typeof st.totalEndpoints === 'number' &&
    Array.isArray(st.chunks) &&
    (st.chunks.length === 0 || isChunk(st.chunks[0]));
  if (!ok) throw new ProxyError('INVALID_STATE', 'state must come from iptablesSync or iptablesPartialSync');
}

function isChunk(c: unknown): boolean {
  return (
    typeof c === 'object' &&
    c !== null &&
    Array.isArray((c as { entries?: unknown }).entries) &&
    typeof (c as { natTopText?: unknown }).natTopText === 'function'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectKey(obj: unknown, what: string, path: readonly (string | number)[]): string {
  if (
    !isObject(obj) ||
    !isObject(obj.metadata) ||
    typeof obj.metadata.name !== 'string' ||
    obj.metadata.name === ''
  ) {
    throw new ProxyError('INVALID_OBJECT', `${what} at ${path.join('.')} needs metadata.name`, path);
  }
  const ns = obj.metadata.namespace;
  return `${typeof ns === 'string' && ns !== '' ? ns : 'default'}/${obj.metadata.name}`;
}

function byServiceKey(
  slices: ReadonlyMap<string, unknown>,
): Map<string, { slice: unknown; path: readonly (string | number)[] }[]> {
  const out = new Map<string, { slice: unknown; path: readonly (string | number)[] }[]>();
  for (const [key, slice] of slices) {
    const svc = sliceServiceKey(slice);
    if (svc === undefined) continue;
    let list = out.get(svc);
    if (list === undefined) {
      list = [];
      out.set(svc, list);
    }
    list.push({ slice, path: ['endpointSlices', key] });
  }
  return out;
}

function serviceChains(entries: readonly Entry[]): Set<string> {
  const chains = new Set<string>();
  for (const e of entries) for (const c of e.fragment.natChains) if (c.kind === 'chain') chains.add(c.chain);
  return chains;
}

function portsForService(
  key: string,
  service: unknown,
  slices: readonly { slice: unknown; path: readonly (string | number)[] }[],
  config: ResolvedProxyConfig,
  warnings: ModelWarning[],
): ServicePortModel[] {
  const ports: ServicePortBase[] = servicePortsOf(service, config, ['services', key], warnings);
  if (ports.length === 0) return [];
  return attachEndpoints(ports, endpointsOf(slices, config, warnings), config);
}

function buildEntries(
  ports: readonly ServicePortModel[],
  config: ResolvedProxyConfig,
  large: boolean,
  cache: HashCache,
): Entry[] {
  const probabilities: string[] = [];
  const scratch = generationScratch(config);
  return ports.map((port) => ({
    port,
    fragment: serviceFragment(port, config, large, probabilities, cache, scratch),
  }));
}

function countEndpoints(ports: readonly ServicePortModel[]): number {
  let n = 0;
  for (const p of ports) n += p.endpoints.length;
  return n;
}

function fullFromMaps(
  configInput: ProxyInput['config'],
  config: ResolvedProxyConfig,
  services: ReadonlyMap<string, unknown>,
  slices: ReadonlyMap<string, unknown>,
  previous: IptablesSyncState | undefined,
): IptablesSyncResult {
  const warnings: ModelWarning[] = [];
  const sliceIndex = byServiceKey(slices);
  const ports: ServicePortModel[] = [];
  const keys = [...services.keys()].sort();
  for (const key of keys) {
    for (const p of portsForService(key, services.get(key), sliceIndex.get(key) ?? [], config, warnings))
      ports.push(p);
  }
  ports.sort(compareServicePorts);
  const total = countEndpoints(ports);
  const entries = buildEntries(ports, config, total > LARGE_CLUSTER_ENDPOINTS_THRESHOLD, new Map());
  const active = serviceChains(entries);
  const stale =
    previous === undefined
      ? []
      : [...serviceChains(allEntries(previous.chunks))].filter((c) => !active.has(c)).sort();
  const fragments = entries.map((e) => e.fragment);
  const slicesByService = new Map<string, string[]>();
  for (const [svcKey, list] of sliceIndex) {
    slicesByService.set(
      svcKey,
      list.map((x) => x.path[1] as string),
    );
  }
  const state: IptablesSyncState = {
    config,
    input: configInput,
    services,
    endpointSlices: slices,
    slicesByService,
    chunks: chunksOf(entries),
    entriesByService: groupByService(entries),
    totalEndpoints: total,
  };
  return {
    state,
    restore: assembleRuleset(config, fragments, undefined, stale),
    fullSync: true,
    changedServices: [...new Set(ports.map((p) => p.serviceKey))],
    warnings,
  };
}

/**
 * A full sync (kube-proxy at start-up, or with `previous`, after a forced resync): every chain is
 * written; with `previous`, service chains that no longer exist are flushed and deleted
 * (`:CHAIN - [0:0]` + `-X CHAIN`). `syncStateRuleset(result.state)` equals `iptablesRules(input)`.
 *
 * @example
 * ```ts
 * const { state } = iptablesSync({ services, endpointSlices, config });
 * const next = iptablesPartialSync(state, { upsertServices: [newService] });
 * ```
 */
export function iptablesSync(input: ProxyInput, previous?: IptablesSyncState): IptablesSyncResult {
  if (!isObject(input)) throw new ProxyError('INVALID_INPUT', 'input must be an object');
  const config = resolveProxyConfig(input.config);
  const services = new Map<string, unknown>();
  const slices = new Map<string, unknown>();
  const inputServices = objectList(input.services, 'services');
  const inputSlices = objectList(input.endpointSlices, 'endpointSlices');
  inputServices.forEach((svc, i) => {
    const key = objectKey(svc, 'Service', ['services', i]);
    if (!services.has(key)) services.set(key, svc);
  });
  inputSlices.forEach((slice, i) => {
    slices.set(objectKey(slice, 'EndpointSlice', ['endpointSlices', i]), slice);
  });
  return fullFromMaps(input.config, config, services, slices, previous);
}

type SliceRef = { slice: unknown; path: readonly (string | number)[] };

function groupByService(entries: readonly Entry[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = e.port.serviceKey;
    const list = out.get(key);
    if (list === undefined) out.set(key, [e]);
    else list.push(e);
  }
  return out;
}

/**
 * The restore input of a partial sync: what `assembleRuleset` writes with only the `written`
 * fragments' chains, but built from the chunks: shared chunks contribute their gathered top-level
 * lines (and, when formatted, their text built once) by reference; only fresh chunks are walked.
 */
function partialRestore(
  config: ResolvedProxyConfig,
  chunks: readonly Chunk[],
  fresh: ReadonlySet<Chunk>,
  written: ReadonlySet<ServiceFragment>,
  stale: readonly string[],
): Ruleset {
  const st = staticRules(config);
  const filterHead: IptablesLine[] = [];
  for (const c of st.filterChains) filterHead.push(chainLine(c));
  for (const r of st.filterHead) filterHead.push(ruleLine(r));
  const filterTail = st.filterTail.map(ruleLine);
  const filter: IptablesLine[] = filterHead.slice();
  for (const c of chunks) for (const line of c.filter) filter.push(line);
  for (const line of filterTail) filter.push(line);

  const decls: IptablesLine[] = NAT_TOP_CHAINS.map(chainLine);
  const segments: (Chunk | IptablesLine[])[] = [];
  for (const c of chunks) {
    if (!fresh.has(c)) {
      segments.push(c);
      continue;
    }
    const lines: IptablesLine[] = [];
    for (const e of c.entries) {
      const f = e.fragment;
      for (const line of f.natTopRules) lines.push(line);
      if (!written.has(f)) continue;
      for (const line of f.natChains) decls.push(line);
      for (const line of f.natChainRules) lines.push(line);
    }
    segments.push(lines);
  }
  for (const name of stale) decls.push(chainLine(name));
  const head = st.natHead.map(ruleLine);
  const tail: IptablesLine[] = stale.map((name) => ({ kind: 'delete', chain: name, text: `-X ${name}` }));
  for (const r of st.natTail) tail.push(ruleLine(r));
  const nat: IptablesLine[] = decls.concat(head);
  for (const seg of segments) for (const line of Array.isArray(seg) ? seg : seg.natTop) nat.push(line);
  for (const line of tail) nat.push(line);
  const ruleset: Ruleset = {
    tables: [
      { name: 'filter', before: [], header: '*filter', lines: filter, commit: 'COMMIT' },
      { name: 'nat', before: [], header: '*nat', lines: nat, commit: 'COMMIT' },
    ],
    trailer: [],
    finalNewline: true,
    localIPs: [...config.allNodeIPs],
  };
  return withRenderedText(ruleset, () => {
    const parts: string[] = ['*filter\n', linesText(filterHead)];
    for (const c of chunks) parts.push(c.filterText());
    parts.push(linesText(filterTail), 'COMMIT\n*nat\n', linesText(decls), linesText(head));
    for (const seg of segments) parts.push(Array.isArray(seg) ? linesText(seg) : seg.natTopText());
    parts.push(linesText(tail), 'COMMIT\n');
    return parts.join('');
  });
}

/**
 * A partial sync (KEP-3453 MinimizeIPTablesRestore): applies `change` to the previous state and
 * writes only the top-level chains plus the SVC/SVL/EXT/FW/SEP chains of the Services whose
 * Service or EndpointSlices changed; chains of removed service ports are flushed and deleted.
 * Crossing the large-cluster threshold (over 1,000 endpoints) changes the comment style of the
 * services written from then on only, as in kube-proxy (TestSyncProxyRulesLargeClusterMode), unless
 * `options.fullSyncOnLargeClusterChange`. `syncStateRuleset(result.state)` equals a full sync of the new input.
 *
 * The work is proportional to the change: only the changed Services' rules are generated, the
 * other Services' line objects are reused by reference, and `previous` is left untouched (its maps
 * are shared, not copied). Only the top-level chains, which kube-proxy rewrites on every sync, grow
 * with the number of Services.
 *
 * @example
 * ```ts
 * const { state } = iptablesSync(input);
 * const r = iptablesPartialSync(state, { upsertServices: [svc], upsertEndpointSlices: [slice] });
 * formatIptablesSave(r.restore); // the small restore input
 * ```
 */
export function iptablesPartialSync(
  previous: IptablesSyncState,
  change: IptablesChange,
  options: PartialSyncOptions = {},
): IptablesSyncResult {
  assertState(previous);
  if (typeof change !== 'object' || change === null)
    throw new ProxyError('INVALID_INPUT', 'change must be an object');
  const config = previous.config;
  const affected = new Set<string>();
  const serviceChanges = new Map<string, unknown>();
  changeList(change.deleteServices, 'deleteServices').forEach((key, i) => {
    if (typeof key !== 'string')
      throw new ProxyError('INVALID_INPUT', 'deleteServices holds "ns/name" strings', ['deleteServices', i]);
    serviceChanges.set(key, undefined);
    affected.add(key);
  });
  changeList(change.upsertServices, 'upsertServices').forEach((svc, i) => {
    const key = objectKey(svc, 'Service', ['upsertServices', i]);
    serviceChanges.set(key, svc);
    affected.add(key);
  });
  const sliceChanges = new Map<string, unknown>();
  const listChanges = new Map<string, readonly string[] | undefined>();
  const currentSlice = (key: string): unknown =>
    sliceChanges.has(key) ? sliceChanges.get(key) : previous.endpointSlices.get(key);
  const currentList = (svc: string): readonly string[] =>
    (listChanges.has(svc) ? listChanges.get(svc) : previous.slicesByService.get(svc)) ?? [];
  const unlink = (sliceKey: string, slice: unknown): void => {
    const svc = sliceServiceKey(slice);
    if (svc === undefined) return;
    affected.add(svc);
    const list = currentList(svc).filter((k) => k !== sliceKey);
    listChanges.set(svc, list.length === 0 ? undefined : list);
  };
  const link = (sliceKey: string, slice: unknown): void => {
    const svc = sliceServiceKey(slice);
    if (svc === undefined) return;
    affected.add(svc);
    listChanges.set(svc, [...currentList(svc), sliceKey]);
  };
  changeList(change.deleteEndpointSlices, 'deleteEndpointSlices').forEach((key, i) => {
    if (typeof key !== 'string') {
      throw new ProxyError('INVALID_INPUT', 'deleteEndpointSlices holds "ns/name" strings', [
        'deleteEndpointSlices',
        i,
      ]);
    }
    unlink(key, currentSlice(key));
    sliceChanges.set(key, undefined);
  });
  changeList(change.upsertEndpointSlices, 'upsertEndpointSlices').forEach((slice, i) => {
    const key = objectKey(slice, 'EndpointSlice', ['upsertEndpointSlices', i]);
    unlink(key, currentSlice(key));
    link(key, slice);
    sliceChanges.set(key, slice);
  });
  const services = withChanges(previous.services, serviceChanges);
  const slices = withChanges(previous.endpointSlices, sliceChanges);
  const slicesByService = withChanges(previous.slicesByService, listChanges);

  const warnings: ModelWarning[] = [];
  const affectedKeys = [...affected].sort();
  const newPorts: ServicePortModel[] = [];
  for (const key of affectedKeys) {
    const svc = services.get(key);
    if (svc === undefined) continue;
    const list: SliceRef[] = [];
    for (const sliceKey of slicesByService.get(key) ?? []) {
      const slice = slices.get(sliceKey);
      if (slice !== undefined) list.push({ slice, path: ['endpointSlices', sliceKey] });
    }
    for (const p of portsForService(key, svc, list, config, warnings)) newPorts.push(p);
  }
  const removed: Entry[] = [];
  for (const key of affectedKeys) for (const e of previous.entriesByService.get(key) ?? []) removed.push(e);
  let removedEndpoints = 0;
  for (const e of removed) removedEndpoints += e.port.endpoints.length;
  const total = previous.totalEndpoints - removedEndpoints + countEndpoints(newPorts);
  const wasLarge = previous.totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
  const large = total > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
  if (wasLarge !== large && options.fullSyncOnLargeClusterChange === true) {
    const full = fullFromMaps(previous.input, config, services, slices, previous);
    return { ...full, warnings: [...warnings, ...full.warnings] };
  }
  newPorts.sort(compareServicePorts);
  const added = buildEntries(newPorts, config, large, new Map());
  const { chunks, fresh } = spliceChunks(previous.chunks, removed, added);
  const byServiceChanges = new Map<string, readonly Entry[] | undefined>();
  for (const key of affectedKeys) byServiceChanges.set(key, undefined);
  for (const [key, list] of groupByService(added)) byServiceChanges.set(key, list);
  const entriesByService = withChanges(previous.entriesByService, byServiceChanges);
  const oldChains = serviceChains(removed);
  const active = serviceChains(added);
  const stale = [...oldChains].filter((c) => !active.has(c)).sort();
  const state: IptablesSyncState = {
    config,
    input: previous.input,
    services,
    endpointSlices: slices,
    slicesByService,
    chunks,
    entriesByService,
    totalEndpoints: total,
  };
  const written = new Set<ServiceFragment>();
  for (const e of added) written.add(e.fragment);
  const restore = partialRestore(config, chunks, fresh, written, stale);
  return { state, restore, fullSync: false, changedServices: affectedKeys, warnings };
}

function changeList(value: unknown, name: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ProxyError('INVALID_INPUT', `${name} must be an array`, [name]);
  return value;
}

/**
 * {@link iptablesPartialSync} that returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeIptablesPartialSync(state, { upsertServices: [null] });
 * r.ok; // false
 * ```
 */
export function safeIptablesPartialSync(
  previous: IptablesSyncState,
  change: IptablesChange,
  options: PartialSyncOptions = {},
): Result<IptablesSyncResult, ProxyError> {
  try {
    return { ok: true, value: iptablesPartialSync(previous, change, options) };
  } catch (error) {
    if (error instanceof ProxyError) return { ok: false, error };
    return { ok: false, error: new ProxyError('INVALID_INPUT', String(error)) };
  }
}

/**
 * The rules the kernel holds after a sync (what `iptables-save` would print for kube-proxy's
 * chains): equal to `iptablesRules` of the state's inputs. Built on demand, since a partial sync
 * itself only needs the small restore input.
 *
 * @example
 * ```ts
 * const { state } = iptablesPartialSync(previous, change);
 * formatIptablesSave(syncStateRuleset(state));
 * ```
 */
export function syncStateRuleset(state: IptablesSyncState): Ruleset {
  assertState(state);
  return assembleRuleset(
    state.config,
    allEntries(state.chunks).map((e) => e.fragment),
    undefined,
    [],
  );
}
