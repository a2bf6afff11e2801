// Issue #12: every exported function that takes caller input, fed values that are not what its types
// say. Each call must return a value or throw a coded CniError (never a TypeError/RangeError), and the
// safeParse* functions must never throw. The same inputs, where JSON can hold them, are in
// test/corpus/*.json (replayed by the hardening suite).
import { describe, expect, it } from 'vitest';
import * as cni from './index.ts';

type AnyFn = (...args: unknown[]) => unknown;

const deepArray = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const deepObject = (n: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

/** Every key any function below reads, each a getter that throws. */
const GETTER_KEYS = [
  'cniVersion',
  'cniVersions',
  'name',
  'plugins',
  'type',
  'containerId',
  'ifname',
  'netns',
  'reserved',
  'lastReserved',
  'code',
  'message',
  'mode',
  'podCidr',
  'mtu',
  'nodeName',
  'delegate',
  'network',
  'subnet',
  'ipMasq',
  'netName',
  'containerAddress',
  'snat',
  'requestedIps',
  'ipRanges',
  'resolvConfText',
  'interfaces',
  'ips',
  'CNI_COMMAND',
  'ipam',
  'capabilityArgs',
  'args',
  'hostPort',
];

function throwingGetters(): object {
  const o = {};
  for (const key of GETTER_KEYS) {
    Object.defineProperty(o, key, {
      enumerable: true,
      get() {
        throw new Error(`getter ${key}`);
      },
    });
  }
  return o;
}

const JUNK: Readonly<Record<string, () => unknown>> = {
  null: () => null,
  undefined: () => undefined,
  zero: () => 0,
  NaN: () => Number.NaN,
  bigint: () => 1n,
  'bigint array': () => [1n],
  symbol: () => Symbol('junk'),
  true: () => true,
  'empty array': () => [],
  'string array': () => ['a'],
  'empty object': () => ({}),
  'null prototype': () => Object.create(null),
  'toString/valueOf not functions': () => ({ toString: 1, valueOf: 'x' }),
  'throwing getters': throwingGetters,
  'proxy whose traps throw': () =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        has: () => {
          throw new Error('has');
        },
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('getOwnPropertyDescriptor');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    ),
  'revoked proxy': () => {
    const p = Proxy.revocable({}, {});
    p.revoke();
    return p.proxy;
  },
  function: () => () => 1,
  'array nested 100000 deep': () => deepArray(100_000),
  'object nested 100000 deep': () => deepObject(100_000),
  'JSON text nested 100000 deep': () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'empty string': () => '',
};

const list = {
  cniVersion: '1.0.0',
  name: 'n',
  plugins: [
    { type: 'bridge', ipam: { type: 'host-local', subnet: '10.0.0.0/24' } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};
const runtime = { containerId: 'c', netns: '/n', ifname: 'eth0' };
const result = { cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }] };
const ipam = { type: 'host-local', subnet: '10.0.0.0/24' };

/** Valid arguments per export; each position is replaced by each junk value in turn. */
const BASE: Readonly<Record<string, readonly unknown[]>> = {
  calicoVethName: ['ns', 'pod', 'cali'],
  formatChainName: ['n', 'c', ''],
  formatChainComment: ['n', 'c'],
  cniAdd: [list, runtime, undefined],
  cniDel: [list, runtime, result, undefined],
  cniCheck: [list, runtime, result, undefined],
  cniJsonSchema: ['result', '1.0.0'],
  compareVersions: ['0.4.0', '1.0.0'],
  confListFromConf: [{ cniVersion: '1.0.0', name: 'n', type: 'bridge' }],
  convertResult: [result, '0.4.0'],
  defaultConflist: ['bridge-static', { podCidr: '10.0.0.0/24' }],
  flannelDelegateConf: [{ delegate: {} }, { network: '10.0.0.0/16', subnet: '10.0.1.1/24' }, 'n', '1.0.0'],
  flannelSubnetEnv: ['10.0.0.0/16', '10.0.1.0/24', 'vxlan', 1500],
  hostLocalAddressesOf: [undefined, 'c', 'eth0'],
  hostLocalAllocate: [ipam, undefined, 'c1', 'eth0', {}],
  hostLocalRelease: [undefined, 'c1', 'eth0'],
  negotiateCniVersion: [{ cniVersion: '1.0.0' }, ['1.0.0']],
  parseCniArgs: ['A=b'],
  parseCniEnv: [{ CNI_COMMAND: 'VERSION' }],
  safeParseCniEnv: [{ CNI_COMMAND: 'VERSION' }],
  parseCniVersion: ['1.0.0'],
  safeParseCniVersion: ['1.0.0'],
  parseHostLocalConfig: [ipam, {}],
  safeParseHostLocalConfig: [ipam, {}],
  parseNetConf: [{ cniVersion: '1.0.0', name: 'n', type: 'bridge' }, {}],
  safeParseNetConf: [{ cniVersion: '1.0.0', name: 'n', type: 'bridge' }, {}],
  parseNetConfList: [list, {}],
  safeParseNetConfList: [list, {}],
  parseResolvConf: ['nameserver 10.96.0.10'],
  parseResult: [result],
  safeParseResult: [result],
  portmapChains: [
    { type: 'portmap' },
    [{ hostPort: 80, containerPort: 8080 }],
    { netName: 'n', containerId: 'c', containerAddress: '10.0.0.2/24' },
  ],
  selectCniVersion: [{ cniVersion: '1.0.0' }],
  toErrorResult: [new cni.CniError('X', 'x'), '1.0.0', 'd'],
  validateContainerId: ['c'],
  validateInterfaceName: ['eth0'],
  versionResult: ['1.0.0', ['1.0.0']],
  isCniError: [new cni.CniError('X', 'x')],
  emptyHostLocalStore: [],
};

/** Junk placed in one key of an object argument: [argument position, key]. */
const NESTED: Readonly<Record<string, readonly (readonly [number, string])[]>> = {
  parseResult: [
    [0, 'interfaces'],
    [0, 'ips'],
    [0, 'dns'],
    [0, 'cniVersion'],
  ],
  safeParseResult: [[0, 'interfaces']],
  convertResult: [
    [0, 'interfaces'],
    [0, 'ips'],
    [0, 'routes'],
    [0, 'dns'],
    [0, 'ip4'],
  ],
  cniAdd: [
    [0, 'plugins'],
    [0, 'name'],
    [0, 'cniVersion'],
    [1, 'containerId'],
    [1, 'ifname'],
    [1, 'netns'],
    [1, 'args'],
    [1, 'capabilityArgs'],
    [1, 'flannel'],
  ],
  cniDel: [
    [2, 'ips'],
    [2, 'cniVersion'],
    [3, 'reserved'],
  ],
  cniCheck: [
    [2, 'ips'],
    [3, 'reserved'],
  ],
  hostLocalAllocate: [
    [0, 'subnet'],
    [0, 'routes'],
    [1, 'reserved'],
    [1, 'lastReserved'],
    [4, 'requestedIps'],
    [4, 'ipRanges'],
    [4, 'cniVersion'],
    [4, 'resolvConfText'],
  ],
  hostLocalRelease: [[0, 'reserved']],
  hostLocalAddressesOf: [[0, 'reserved']],
  defaultConflist: [
    [1, 'podCidr'],
    [1, 'mtu'],
    [1, 'nodeName'],
  ],
  flannelDelegateConf: [
    [0, 'delegate'],
    [1, 'subnet'],
    [1, 'network'],
    [1, 'mtu'],
    [1, 'ipMasq'],
  ],
  negotiateCniVersion: [
    [0, 'cniVersion'],
    [0, 'cniVersions'],
  ],
  selectCniVersion: [
    [0, 'cniVersion'],
    [0, 'cniVersions'],
  ],
  portmapChains: [
    [0, 'snat'],
    [0, 'conditionsV4'],
    [2, 'netName'],
    [2, 'containerAddress'],
  ],
  toErrorResult: [
    [0, 'code'],
    [0, 'message'],
  ],
  parseNetConfList: [
    [0, 'plugins'],
    [1, 'mode'],
  ],
  parseNetConf: [
    [0, 'type'],
    [1, 'mode'],
  ],
  parseCniEnv: [[0, 'CNI_COMMAND']],
  parseHostLocalConfig: [
    [0, 'ranges'],
    [1, 'requestedIps'],
  ],
};

/** What went wrong with one call, or undefined. */
function misbehaviour(name: string, fn: AnyFn, args: readonly unknown[]): string | undefined {
  let value: unknown;
  try {
    value = fn(...args);
  } catch (error) {
    if (name.startsWith('safe')) return `safe function threw ${String(error)}`;
    if (!(error instanceof cni.CniError)) {
      return `threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : typeof error}`;
    }
    if (!/^[A-Z][A-Z0-9_]+$/.test(error.code)) return `CniError with code ${error.code}`;
    if (error.message === '') return 'CniError without a message';
    return undefined;
  }
  if (name.startsWith('safe')) {
    const r = value as { ok?: unknown; error?: unknown };
    if (r.ok === false && !(r.error instanceof cni.CniError)) return 'Result.error is not a CniError';
    if (r.ok !== true && r.ok !== false) return 'did not return a Result';
  }
  return undefined;
}

const exports = cni as unknown as Readonly<Record<string, unknown>>;
const functionNames = Object.keys(exports)
  .filter((name) => typeof exports[name] === 'function' && name !== 'CniError')
  .sort();

describe('junk input to every exported function (issue #12)', () => {
  it('has valid base arguments for every exported function', () => {
    expect(functionNames.filter((name) => BASE[name] === undefined)).toEqual([]);
    for (const name of functionNames) {
      const fn = exports[name] as AnyFn;
      const value = fn(...BASE[name]!);
      if (name.startsWith('safe')) expect((value as { ok: boolean }).ok, name).toBe(true);
    }
  });

  for (const name of functionNames) {
    it(`${name}: a value or a coded CniError for junk in every argument`, () => {
      const fn = exports[name] as AnyFn;
      const base = BASE[name] ?? [];
      const problems: string[] = [];
      for (let pos = 0; pos < Math.max(base.length, 1); pos++) {
        for (const [label, make] of Object.entries(JUNK)) {
          const args = [...base];
          args[pos] = make();
          const problem = misbehaviour(name, fn, args);
          if (problem !== undefined) problems.push(`argument ${pos} = ${label}: ${problem}`);
        }
      }
      for (const [pos, key] of NESTED[name] ?? []) {
        for (const [label, make] of Object.entries(JUNK)) {
          const args = [...base];
          args[pos] = { ...(base[pos] as object), [key]: make() };
          const problem = misbehaviour(name, fn, args);
          if (problem !== undefined) problems.push(`argument ${pos}.${key} = ${label}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
