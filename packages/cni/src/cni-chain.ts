import type {
  CniAddOutcome,
  CniCheckOutcome,
  CniDelOutcome,
  CniEffect,
  CniInvocation,
  CniRuntime,
} from './cni-effect.ts';
import { CniError } from './cni-error.ts';
import { CNI_VERSIONS, compareVersions, safeParseCniVersion } from './cni-version.ts';
import { convertResult } from './convert-result.ts';
import { type HostLocalStore, hostLocalAddressesOf, readHostLocalStore } from './host-local-store.ts';
import { checkShape, cleanJson, describeValue, errorText, type Shape } from './internal/input.ts';
import {
  bridgeAdd,
  bridgeDel,
  calicoAdd,
  flannelDelegate,
  loopbackAdd,
  type PluginCall,
  type PluginOutcome,
  portmapAdd,
  portmapDel,
  releaseDel,
  weaveAdd,
} from './internal/plugins.ts';
import type { NetConfList } from './net-conf-list-schema.ts';
import { validateContainerId, validateInterfaceName } from './parse-cni-env.ts';
import type { PluginConf } from './plugin-conf-schema.ts';
import type { CniResult } from './result-schema.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The runtime config libcni injects: the plugin's true capabilities ∩ the runtime's capability args. */
function injectRuntimeConfig(plugin: PluginConf, runtime: CniRuntime): Record<string, unknown> | undefined {
  const caps = isObject(plugin.capabilities) ? plugin.capabilities : {};
  const args = runtime.capabilityArgs ?? {};
  const rc: Record<string, unknown> = {};
  for (const key of Object.keys(caps).sort()) {
    if (caps[key] !== true || !Object.hasOwn(args, key)) continue;
    rc[key] = args[key];
  }
  return Object.keys(rc).length > 0 ? rc : undefined;
}

function knownVersion(v: string): boolean {
  return (CNI_VERSIONS as readonly string[]).includes(v);
}

/**
 * The stdin libcni builds for one plugin (`buildOneConfig`): the plugin object plus the list's
 * `name` and `cniVersion`, `runtimeConfig` from capabilities, and `prevResult` when given.
 */
function requestConfig(
  list: NetConfList,
  plugin: PluginConf,
  runtime: CniRuntime,
  prevResult: CniResult | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...plugin, name: list.name, cniVersion: list.cniVersion };
  const rc = injectRuntimeConfig(plugin, runtime);
  if (rc !== undefined) out.runtimeConfig = rc;
  if (prevResult !== undefined) {
    out.prevResult = knownVersion(list.cniVersion) ? convertResult(prevResult, list.cniVersion) : prevResult;
  }
  return out;
}

const LIST_SHAPE: Shape = { cniVersion: 'string', name: 'string', disableCheck: 'boolean' };

/**
 * The list as a cleaned JSON copy (getters read once, depth-limited, no cycles): an object with a
 * string `name`, a `plugins` array of objects with a string `type`.
 */
function checkList(input: NetConfList): NetConfList {
  const list = cleanJson(input, []);
  const bad = (): never => {
    throw new CniError(
      'INVALID_ARGUMENT',
      'expected a parsed network configuration list (see parseNetConfList)',
    );
  };
  if (!isObject(list) || !Array.isArray(list.plugins) || typeof list.name !== 'string') bad();
  const obj = list as Record<string, unknown>;
  checkShape(obj, LIST_SHAPE);
  (obj.plugins as unknown[]).forEach((plugin, i) => {
    if (!isObject(plugin) || typeof plugin.type !== 'string') {
      throw new CniError(
        'INVALID_ARGUMENT',
        `plugin ${i} must be an object with a string "type", got ${describeValue(plugin)}`,
        ['plugins', i],
      );
    }
  });
  return obj as unknown as NetConfList;
}

const RUNTIME_SHAPE: Shape = {
  containerId: 'string',
  ifname: 'string',
  netns: 'string',
  capabilityArgs: {},
  args: [['string']],
  flannel: { network: 'string', subnet: 'string', mtu: 'number', ipMasq: 'boolean' },
  weave: { ipallocRange: 'string', bridgeAddress: 'string' },
  calico: { block: 'string' },
};

/** The runtime as a cleaned JSON copy whose known keys have the documented types. */
function readRuntime(input: CniRuntime): CniRuntime {
  const runtime = cleanJson(input, ['runtime']);
  if (!isObject(runtime)) {
    throw new CniError('INVALID_ARGUMENT', `runtime must be an object, got ${describeValue(runtime)}`);
  }
  checkShape(runtime, RUNTIME_SHAPE);
  for (const key of Object.keys(RUNTIME_SHAPE)) if (runtime[key] === null) delete runtime[key];
  return runtime as unknown as CniRuntime;
}

/** A cached result as a cleaned JSON copy; `undefined`/`null` is none. */
function readCachedResult(input: CniResult | undefined): CniResult | undefined {
  if (input === undefined || input === null) return undefined;
  const value = cleanJson(input, ['cachedResult']);
  if (!isObject(value)) {
    throw new CniError('INVALID_ARGUMENT', `cachedResult must be an object, got ${describeValue(value)}`, [
      'cachedResult',
    ]);
  }
  return value as unknown as CniResult;
}

function attachment(runtime: CniRuntime): { containerId: string; ifname: string; netns: string } {
  validateContainerId(runtime.containerId);
  const ifname = runtime.ifname ?? 'eth0';
  validateInterfaceName(ifname);
  return {
    containerId: runtime.containerId,
    ifname,
    netns: runtime.netns ?? `/var/run/netns/${runtime.containerId}`,
  };
}

function toRich(result: CniResult | undefined): CniResult | undefined {
  if (result === undefined) return undefined;
  return knownVersion(result.cniVersion) ? (convertResult(result, '1.1.0') as CniResult) : result;
}

function addOne(call: PluginCall): PluginOutcome {
  switch (call.conf.type) {
    case 'bridge':
      return bridgeAdd(call);
    case 'flannel':
      return bridgeAdd(flannelDelegate(call));
    case 'portmap':
      return portmapAdd(call);
    case 'loopback':
      return loopbackAdd(call);
    case 'weave-net':
      return weaveAdd(call);
    case 'calico':
      return calicoAdd(call);
    default:
      return {
        result: call.prevResult,
        store: call.store,
        effects: [{ kind: 'opaque', plugin: call.index, type: call.conf.type }],
      };
  }
}

function delOne(call: PluginCall): PluginOutcome {
  switch (call.conf.type) {
    case 'bridge':
      return bridgeDel(call);
    case 'flannel':
      return bridgeDel(flannelDelegate(call));
    case 'portmap':
      return portmapDel(call);
    case 'weave-net':
      return releaseDel(call, call.ifname);
    case 'calico':
      return releaseDel(call, call.ifname);
    case 'loopback':
      return { result: undefined, store: call.store, effects: [] };
    default:
      return {
        result: undefined,
        store: call.store,
        effects: [{ kind: 'opaque', plugin: call.index, type: call.conf.type }],
      };
  }
}

/**
 * Runs a conflist's ADD as a runtime does (SPEC §3, libcni `AddNetworkList`): plugins in order,
 * each given the derived request config (list `name`/`cniVersion`, `runtimeConfig` from its true
 * capabilities, the previous plugin's result as `prevResult`); the first error stops the chain.
 * Simulated plugins: bridge (and flannel's delegate), portmap, loopback, weave-net, calico with
 * host-local, static and a calico-ipam stand-in; other types pass `prevResult` through and are
 * recorded as `opaque`. Returns the final result (in the list's version), the new IPAM store, and
 * every effect as data: bridge device, veth pair, addresses, routes, sysctls, iptables chains.
 *
 * @example
 * ```ts
 * const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
 * const add = cniAdd(list, { containerId: 'c1', netns: '/var/run/netns/c1' });
 * add.result.ips;  // [{ interface: 2, address: '10.244.1.2/24', gateway: '10.244.1.1' }]
 * add.effects.filter((e) => e.kind === 'link').map((e) => e.name); // ['cni0', 'eth0', 'veth…']
 * ```
 */
export function cniAdd(rawList: NetConfList, rawRuntime: CniRuntime, store?: HostLocalStore): CniAddOutcome {
  const list = checkList(rawList);
  const runtime = readRuntime(rawRuntime);
  const { containerId, ifname, netns } = attachment(runtime);
  let current: HostLocalStore = readHostLocalStore(store);
  let prev: CniResult | undefined;
  const effects: CniEffect[] = [];
  const invocations: CniInvocation[] = [];
  list.plugins.forEach((plugin, index) => {
    const stdin = requestConfig(list, plugin, runtime, prev);
    invocations.push({ plugin: index, type: plugin.type, command: 'ADD', stdin });
    const call: PluginCall = {
      index,
      conf: stdin as PluginCall['conf'],
      netName: list.name,
      cniVersion: list.cniVersion,
      runtime,
      containerId,
      ifname,
      netns,
      prevResult: prev,
      store: current,
    };
    let out: PluginOutcome;
    try {
      out = addOne(call);
    } catch (error) {
      if (error instanceof CniError) {
        throw new CniError(error.code, `plugin ${index} (${plugin.type}): ${error.message}`, [
          'plugins',
          index,
          ...error.path,
        ]);
      }
      // A config the simulation cannot read (say a libcni-mode list with odd nested values):
      // reported like a failing plugin, never as a bare TypeError.
      throw new CniError('PLUGIN_FAILED', `plugin ${index} (${plugin.type}): ${errorText(error)}`, [
        'plugins',
        index,
      ]);
    }
    current = out.store;
    effects.push(...out.effects);
    prev = toRich(out.result);
  });
  if (prev === undefined) {
    throw new CniError('NO_RESULT', 'no plugin in the chain produced a result');
  }
  const result = knownVersion(list.cniVersion) ? (convertResult(prev, list.cniVersion) as CniResult) : prev;
  return { result, store: current, effects, invocations };
}

/**
 * Runs a conflist's DEL as a runtime does: plugins in **reverse** order, each given the cached ADD
 * result as `prevResult` (libcni passes it only for versions ≥ 0.4.0). Best effort: releasing what
 * is not held is not an error. Returns the new store and the removals as effects.
 *
 * @example
 * ```ts
 * const del = cniDel(list, { containerId: 'c1' }, add.result, add.store);
 * del.invocations.map((i) => i.type); // ['portmap', 'bridge']
 * ```
 */
export function cniDel(
  rawList: NetConfList,
  rawRuntime: CniRuntime,
  rawCachedResult: CniResult | undefined,
  store?: HostLocalStore,
): CniDelOutcome {
  const list = checkList(rawList);
  const runtime = readRuntime(rawRuntime);
  const cachedResult = readCachedResult(rawCachedResult);
  const { containerId, ifname, netns } = attachment(runtime);
  const usesCache = safeParseCniVersion(list.cniVersion).ok && compareVersions(list.cniVersion, '0.4.0') >= 0;
  const prev = usesCache ? toRich(cachedResult) : undefined;
  let current: HostLocalStore = readHostLocalStore(store);
  const effects: CniEffect[] = [];
  const invocations: CniInvocation[] = [];
  for (let index = list.plugins.length - 1; index >= 0; index--) {
    const plugin = list.plugins[index]!;
    const stdin = requestConfig(list, plugin, runtime, prev);
    invocations.push({ plugin: index, type: plugin.type, command: 'DEL', stdin });
    let out: PluginOutcome;
    try {
      out = delOne({
        index,
        conf: stdin as PluginCall['conf'],
        netName: list.name,
        cniVersion: list.cniVersion,
        runtime,
        containerId,
        ifname,
        netns,
        prevResult: prev ?? toRich(cachedResult),
        store: current,
      });
    } catch (error) {
      if (error instanceof CniError) throw error;
      throw new CniError('PLUGIN_FAILED', `plugin ${index} (${plugin.type}): ${errorText(error)}`, [
        'plugins',
        index,
      ]);
    }
    current = out.store;
    effects.push(...out.effects);
  }
  return { store: current, effects, invocations };
}

/**
 * Runs a conflist's CHECK: refused below 0.4.0 (`CHECK_UNSUPPORTED`, libcni "configuration version
 * … does not support the CHECK command"), skipped when `disableCheck` is set, else every plugin in
 * order with the cached result as `prevResult`. host-local's CHECK is modelled: the store must
 * still hold the container's addresses (`host-local: Failed to find address added by container`).
 *
 * @example
 * ```ts
 * cniCheck(list, { containerId: 'c1' }, add.result, add.store).skipped; // false
 * ```
 */
export function cniCheck(
  rawList: NetConfList,
  rawRuntime: CniRuntime,
  rawCachedResult: CniResult,
  store?: HostLocalStore,
): CniCheckOutcome {
  const list = checkList(rawList);
  const runtime = readRuntime(rawRuntime);
  const cachedResult = readCachedResult(rawCachedResult);
  const { containerId, ifname } = attachment(runtime);
  if (!safeParseCniVersion(list.cniVersion).ok || compareVersions(list.cniVersion, '0.4.0') < 0) {
    throw new CniError(
      'CHECK_UNSUPPORTED',
      `configuration version ${describeValue(list.cniVersion)} does not support the CHECK command`,
      ['cniVersion'],
    );
  }
  if (list.disableCheck === true) return { skipped: true, invocations: [] };
  if (cachedResult === undefined || cachedResult === null) {
    throw new CniError('MISSING_RESULT', 'CHECK needs the cached ADD result');
  }
  const invocations: CniInvocation[] = list.plugins.map((plugin, index) => ({
    plugin: index,
    type: plugin.type,
    command: 'CHECK',
    stdin: requestConfig(list, plugin, runtime, toRich(cachedResult)),
  }));
  list.plugins.forEach((plugin, index) => {
    const ipam = isObject(plugin.ipam) ? plugin.ipam : undefined;
    if (ipam?.type === 'host-local' && store !== undefined) {
      if (hostLocalAddressesOf(store, containerId, ifname).length === 0) {
        throw new CniError(
          'CHECK_FAILED',
          `host-local: Failed to find address added by container ${containerId}`,
          ['plugins', index, 'ipam'],
        );
      }
    }
  });
  return { skipped: false, invocations };
}
