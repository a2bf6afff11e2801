// Replays the bad-input corpus (packages/*/test/corpus/*.json). Cases with status "open" are known bugs,
// run with it.fails so the suite stays green and flips when the package is fixed (then set status "ok").
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import * as ip from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';
import { describe, expect, it } from 'vitest';
import { type CorpusCase, corpusInput, loadCorpus } from './corpus.ts';
import { type ErrorClass, misbehaviour, safeMisbehaviour } from './harness.ts';

const MODULES: Readonly<Record<string, readonly [Record<string, unknown>, ErrorClass]>> = {
  ip: [ip, ip.IpError],
  cni: [cni, cni.CniError],
  routes: [routes, routes.RoutesError],
  proxy: [proxy, proxy.ProxyError],
  dns: [dns, dns.DnsError],
  cluster: [cluster, cluster.ClusterError],
};

function run(c: CorpusCase): void {
  const entry = MODULES[c.folder];
  if (entry === undefined) throw new Error(`no module for corpus folder ${c.folder}`);
  const [mod, errorClass] = entry;
  const fn = mod[c.function];
  if (typeof fn !== 'function') throw new Error(`${c.folder} has no export ${c.function}`);
  const call = (): unknown => (fn as (...a: unknown[]) => unknown)(corpusInput(c), ...(c.args ?? []));
  const safe = c.function.startsWith('safe');
  const problem = safe ? safeMisbehaviour(call, errorClass) : misbehaviour(call, errorClass);
  expect(problem).toBeUndefined();
  if (c.expect === 'coded-error') {
    if (safe) {
      expect((call() as { ok: boolean }).ok).toBe(false);
    } else {
      expect(call).toThrow(errorClass);
    }
  }
  if (c.expect === 'round-trip') {
    const format = mod[c.format ?? ''] as ((value: unknown) => string) | undefined;
    if (typeof format !== 'function') throw new Error(`${c.folder} has no export ${c.format}`);
    const once = call();
    expect((fn as (t: string) => unknown)(format(once))).toEqual(once);
  }
  if (c.expect === 'no-cr') {
    const value = call();
    const text = JSON.stringify(safe ? (value as { value?: unknown }).value : value);
    expect(text).toBeDefined();
    expect(text).not.toContain('\\r');
  }
}

const cases = loadCorpus();

describe('bad-input corpus', () => {
  it('is not empty', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    const title = `${c.folder}/test/corpus/${c.file}: ${c.function} → ${c.expect}`;
    if (c.status === 'open') it.fails(`[open finding] ${title}`, () => run(c));
    else it(title, () => run(c));
  }
});
