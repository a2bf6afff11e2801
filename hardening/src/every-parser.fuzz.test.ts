// Every exported parse*/safeParse* of every package (found by name, so new parsers are covered as they
// land) given arbitrary input: a value or the package's own coded error; safeParse* never throws.
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import * as ip from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';
import { describe, expect, it } from 'vitest';
import {
  anyInput,
  collect,
  describeInput,
  type ErrorClass,
  misbehaviour,
  NON_INPUTS,
  safeMisbehaviour,
  TEST_MS,
} from './harness.ts';

type Fn = (...args: unknown[]) => unknown;

const PACKAGES: readonly (readonly [string, Record<string, unknown>, ErrorClass])[] = [
  ['@podnet/ip', ip, ip.IpError],
  ['@podnet/cni', cni, cni.CniError],
  ['@podnet/routes', routes, routes.RoutesError],
  ['@podnet/proxy', proxy, proxy.ProxyError],
  ['@podnet/dns', dns, dns.DnsError],
  ['@podnet/cluster', cluster, cluster.ClusterError],
];

/** Entry points that take outside input but are not named parse*. */
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  '@podnet/cluster': [
    'defineCluster',
    'safeDefineCluster',
    'fromKubernetesObjects',
    'safeFromKubernetesObjects',
    'loadCluster',
    'safeLoadCluster',
  ],
};

/**
 * Open findings (each one a case in packages/<folder>/test/corpus with status "open", replayed with it.fails by
 * corpus.test.ts): inputs of that kind are left out of the generic run so the suite stays green. Remove the
 * entry when the package is fixed.
 */
const KNOWN_FINDINGS: Readonly<Record<string, (input: unknown) => boolean>> = {};

function entryPoints(name: string, mod: Record<string, unknown>): string[] {
  const extra = EXTRA[name] ?? [];
  return Object.keys(mod)
    .filter((k) => typeof mod[k] === 'function' && (/^(safe)?[pP]arse[A-Z]/.test(k) || extra.includes(k)))
    .sort();
}

describe.each(PACKAGES)('%s entry points', (name, mod, errorClass) => {
  const fns = entryPoints(name, mod);
  it('has entry points to fuzz', () => {
    expect(fns.length).toBeGreaterThan(0);
  });
  for (const fnName of fns) {
    const fn = mod[fnName] as Fn;
    const safe = fnName.startsWith('safe');
    const skip = KNOWN_FINDINGS[`${name} ${fnName}`] ?? ((): boolean => false);
    const check = (input: unknown): string | undefined => {
      if (skip(input)) return undefined;
      return safe ? safeMisbehaviour(() => fn(input), errorClass) : misbehaviour(() => fn(input), errorClass);
    };
    it(
      `${fnName}: non-string / non-object input gives a coded error`,
      () => {
        const problems = NON_INPUTS.map((v) => [v, check(v)] as const).filter(([, p]) => p !== undefined);
        expect(problems.map(([v, p]) => `${describeInput(v)} → ${p}`)).toEqual([]);
      },
      TEST_MS,
    );
    it(
      `${fnName}: arbitrary strings and JSON give a value or a coded error`,
      () => {
        expect(collect(anyInput, check)).toEqual([]);
      },
      TEST_MS,
    );
  }
});
