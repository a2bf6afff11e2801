import type { Result } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { errorText, isArraySafe, readKey } from './internal/input.ts';
import { VALID_NAME } from './internal/zod-common.ts';

/** The CNI verbs (`CNI_COMMAND`). */
export type CniCommand = 'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS' | 'VERSION';

/** The runtime parameters a plugin receives in its environment, validated. */
export interface CniRuntimeEnv {
  readonly command: CniCommand;
  readonly containerId: string;
  readonly netns: string;
  readonly ifname: string;
  /** `CNI_ARGS` split into `[key, value]` pairs, in order. */
  readonly args: readonly (readonly [string, string])[];
  /** `CNI_PATH` split on `:`. */
  readonly path: readonly string[];
}

const COMMANDS: readonly CniCommand[] = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION'];

/** Which variables skel requires for which command (`pkg/skel/skel.go` `getCmdArgsFromEnv`). */
const VARS: readonly { name: string; requiredFor: readonly string[] }[] = [
  { name: 'CNI_COMMAND', requiredFor: [] },
  { name: 'CNI_CONTAINERID', requiredFor: ['ADD', 'CHECK', 'DEL'] },
  { name: 'CNI_NETNS', requiredFor: ['ADD', 'CHECK'] },
  { name: 'CNI_IFNAME', requiredFor: ['ADD', 'CHECK', 'DEL'] },
  { name: 'CNI_ARGS', requiredFor: [] },
  { name: 'CNI_PATH', requiredFor: ['ADD', 'CHECK', 'DEL', 'GC', 'STATUS'] },
  { name: 'CNI_NETNS_OVERRIDE', requiredFor: [] },
];

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const SPACE = /\s/u;

/**
 * Validates an interface name like `utils.ValidateInterfaceName`: non-empty, at most 15 bytes
 * (IFNAMSIZ−1), not `.` or `..`, no `/`, `:` or whitespace. Throws `INVALID_IFNAME`.
 *
 * @example
 * ```ts
 * validateInterfaceName('eth0'); // ok
 * validateInterfaceName('a-very-long-ifname'); // throws: interface name is too long
 * ```
 */
export function validateInterfaceName(ifname: string): void {
  const fail = (message: string): never => {
    throw new CniError('INVALID_IFNAME', message, ['CNI_IFNAME']);
  };
  if (typeof ifname !== 'string' || ifname.length === 0) fail('interface name is empty');
  if (utf8Length(ifname) > 15)
    fail('interface name is too long: interface name should be less than 16 characters');
  if (ifname === '.' || ifname === '..') fail('interface name is . or ..');
  for (const ch of ifname) {
    if (ch === '/' || ch === ':' || SPACE.test(ch))
      fail('interface name contains / or : or whitespace characters');
  }
}

/**
 * Validates a container ID like `utils.ValidateContainerID`: non-empty (`INVALID_CONTAINER_ID`,
 * CNI code 3 "missing containerID") and matching `^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$` (CNI code 4).
 *
 * @example
 * ```ts
 * validateContainerId('0123456789abcdef'); // ok
 * ```
 */
export function validateContainerId(id: string): void {
  if (typeof id !== 'string' || id === '') {
    throw new CniError('MISSING_CONTAINER_ID', 'missing containerID', ['CNI_CONTAINERID']);
  }
  if (!VALID_NAME.test(id)) {
    throw new CniError('INVALID_CONTAINER_ID', `invalid characters in containerID: ${id}`, [
      'CNI_CONTAINERID',
    ]);
  }
}

/**
 * Splits `CNI_ARGS` like `types.LoadArgs`: pairs separated by `;`, each exactly `key=value`
 * (so values cannot contain `=`). Throws `INVALID_CNI_ARGS` on a bad pair.
 *
 * @example
 * ```ts
 * parseCniArgs('IgnoreUnknown=1;K8S_POD_NAME=web-1'); // [['IgnoreUnknown','1'], ['K8S_POD_NAME','web-1']]
 * ```
 */
export function parseCniArgs(text: string): readonly (readonly [string, string])[] {
  if (text === '' || text === undefined) return [];
  if (typeof text !== 'string') {
    throw new CniError(
      'INVALID_CNI_ARGS',
      `ARGS: expected a string, got ${text === null ? 'null' : isArraySafe(text) ? 'an array' : typeof text}`,
      ['CNI_ARGS'],
    );
  }
  return text.split(';').map((pair) => {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CniError('INVALID_CNI_ARGS', `ARGS: invalid pair "${pair}"`, ['CNI_ARGS']);
    return [kv[0]!, kv[1]!] as const;
  });
}

/**
 * Reads and validates the CNI runtime parameters from an environment map, exactly as the Go
 * `skel` package does: all required-but-missing variables reported together in declaration order
 * (`required env variables [CNI_NETNS,CNI_PATH] missing`, code `MISSING_ENV`, CNI code 4), an unknown
 * command (`UNKNOWN_COMMAND`), then the container ID and interface name rules for ADD/DEL/CHECK.
 * Note skel requires `CNI_PATH` for ADD/DEL/CHECK, which the spec leaves optional.
 *
 * @example
 * ```ts
 * parseCniEnv({ CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'c1', CNI_NETNS: '/run/netns/c1', CNI_IFNAME: 'eth0', CNI_PATH: '/opt/cni/bin' });
 * // { command: 'ADD', containerId: 'c1', netns: '/run/netns/c1', ifname: 'eth0', args: [], path: ['/opt/cni/bin'] }
 * ```
 */
export function parseCniEnv(env: Readonly<Record<string, string | undefined>>): CniRuntimeEnv {
  if (env === null || typeof env !== 'object') {
    throw new CniError('INVALID_ARGUMENT', 'environment must be an object of strings');
  }
  const get = (name: string): string => {
    let own: boolean;
    try {
      own = Object.hasOwn(env, name);
    } catch {
      throw new CniError('INVALID_VALUE', `could not read "${name}": a proxy trap threw`, [name]);
    }
    const v = own ? readKey(env, name, [name]) : undefined;
    return typeof v === 'string' ? v : '';
  };
  const cmd = get('CNI_COMMAND');
  const missing = VARS.filter(
    (v) => get(v.name) === '' && (v.name === 'CNI_COMMAND' || v.requiredFor.includes(cmd)),
  ).map((v) => v.name);
  if (missing.length > 0) {
    throw new CniError('MISSING_ENV', `required env variables [${missing.join(',')}] missing`, [missing[0]!]);
  }
  if (!(COMMANDS as readonly string[]).includes(cmd)) {
    throw new CniError('UNKNOWN_COMMAND', `unknown CNI_COMMAND: ${cmd}`, ['CNI_COMMAND']);
  }
  const command = cmd as CniCommand;
  const containerId = get('CNI_CONTAINERID');
  const ifname = get('CNI_IFNAME');
  if (command === 'ADD' || command === 'DEL' || command === 'CHECK') {
    validateContainerId(containerId);
    validateInterfaceName(ifname);
  }
  const pathText = get('CNI_PATH');
  return {
    command,
    containerId,
    netns: get('CNI_NETNS'),
    ifname,
    args: parseCniArgs(get('CNI_ARGS')),
    path: pathText === '' ? [] : pathText.split(':'),
  };
}

/**
 * {@link parseCniEnv} returning a Result; never throws.
 *
 * @example
 * ```ts
 * safeParseCniEnv({ CNI_COMMAND: 'ADD' }).ok; // false — required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing
 * ```
 */
export function safeParseCniEnv(
  env: Readonly<Record<string, string | undefined>>,
): Result<CniRuntimeEnv, CniError> {
  try {
    return { ok: true, value: parseCniEnv(env) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return { ok: false, error: new CniError('INTERNAL', errorText(error)) };
  }
}
