// Hostile structured input: __proto__/constructor/prototype keys never pollute Object.prototype nor become the
// prototype of a returned object; YAML alias bombs and deeply nested documents are refused with a coded error.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import { afterEach, describe, expect, it } from 'vitest';
import { misbehaviour } from './harness.ts';
import { K8S_LIST_JSON, SPEC_YAML } from './samples.ts';

const MARK = 'hardeningPolluted';

/** Every object reachable from a value (own enumerable and non-enumerable props), bounded. */
function reachable(root: unknown, limit = 200_000): object[] {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0 && seen.size < limit) {
    const v = stack.pop();
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    if (v instanceof Set) {
      for (const x of v) stack.push(x);
      continue;
    }
    if (ArrayBuffer.isView(v)) continue;
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d !== undefined && 'value' in d) stack.push(d.value);
    }
  }
  return [...seen];
}

/** Objects in a value whose prototype chain carries the marker (an input object became a prototype). */
function polluted(value: unknown): string[] {
  const bad: string[] = [];
  for (const o of reachable(value)) {
    let proto: unknown = Object.getPrototypeOf(o);
    while (proto !== null && proto !== undefined) {
      if (Object.hasOwn(proto as object, MARK)) {
        bad.push(Object.keys(o).slice(0, 5).join(','));
        break;
      }
      proto = Object.getPrototypeOf(proto);
    }
  }
  return bad;
}

afterEach(() => {
  // a failing case must not leak into the next
  for (const p of [Object.prototype, Array.prototype, Function.prototype]) {
    if (Object.hasOwn(p, MARK)) delete (p as Record<string, unknown>)[MARK];
  }
});

/** Calls fn; the outcome must be a value or the package's coded error, with no pollution anywhere. */
function expectNoPollution(fn: () => unknown, errorClass: new (...a: never[]) => Error): void {
  let value: unknown;
  const problem = misbehaviour(() => {
    value = fn();
  }, errorClass as never);
  expect(problem).toBeUndefined();
  expect(({} as Record<string, unknown>)[MARK]).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>)[MARK]).toBeUndefined();
  expect(polluted(value)).toEqual([]);
}

const protoObject = (): Record<string, unknown> =>
  JSON.parse(
    `{"__proto__":{"${MARK}":true},"constructor":{"prototype":{"${MARK}":true}},"prototype":{"${MARK}":true}}`,
  );

describe('the pollution detector itself', () => {
  it('sees an input object that became a prototype', () => {
    const evil = JSON.parse(`{"${MARK}":1}`) as object;
    expect(polluted({ a: [Object.create(evil)] })).toHaveLength(1);
    expect(polluted({ a: [{ [MARK]: 1 }] })).toEqual([]);
  });
});

describe('__proto__ / constructor / prototype keys in CNI JSON', () => {
  const text = `{"cniVersion":"1.0.0","name":"mynet","__proto__":{"${MARK}":1},"constructor":{"prototype":{"${MARK}":1}},
    "plugins":[{"type":"bridge","bridge":"cni0","__proto__":{"${MARK}":1,"isGateway":true},"prototype":{"${MARK}":1},
      "ipam":{"type":"host-local","__proto__":{"${MARK}":1},"ranges":[[{"subnet":"10.244.0.0/24","__proto__":{"${MARK}":1}}]]}},
      {"type":"portmap","capabilities":{"__proto__":{"${MARK}":1},"portMappings":true}}]}`;
  for (const mode of ['spec', 'libcni'] as const) {
    it(`parseNetConfList (text, ${mode})`, () => {
      expectNoPollution(() => cni.parseNetConfList(text, { mode }), cni.CniError);
    });
    it(`parseNetConfList (parsed object, ${mode})`, () => {
      expectNoPollution(() => cni.parseNetConfList(JSON.parse(text), { mode }), cni.CniError);
    });
  }
  it('parseNetConf', () => {
    const conf = `{"cniVersion":"1.0.0","name":"n","type":"bridge","__proto__":{"${MARK}":1},"constructor":{"prototype":{"${MARK}":1}}}`;
    expectNoPollution(() => cni.parseNetConf(conf), cni.CniError);
    expectNoPollution(() => cni.parseNetConf(JSON.parse(conf)), cni.CniError);
  });
  it('parseResult', () => {
    const result = `{"cniVersion":"1.0.0","__proto__":{"${MARK}":1},"interfaces":[{"name":"eth0","__proto__":{"${MARK}":1}}],"ips":[{"address":"10.244.0.5/24","__proto__":{"${MARK}":1}}],"dns":{"__proto__":{"${MARK}":1}}}`;
    expectNoPollution(() => cni.parseResult(result), cni.CniError);
    expectNoPollution(() => cni.parseResult(JSON.parse(result)), cni.CniError);
  });
  it('parseHostLocalConfig', () => {
    const ipam = JSON.parse(
      `{"type":"host-local","__proto__":{"${MARK}":1},"ranges":[[{"subnet":"10.244.0.0/24","constructor":{"prototype":{"${MARK}":1}}}]]}`,
    );
    expectNoPollution(() => cni.parseHostLocalConfig(ipam), cni.CniError);
  });
});

describe('__proto__ / constructor / prototype keys in cluster specs', () => {
  const json = JSON.stringify({
    name: 'demo',
    podCidr: '10.244.0.0/16',
    nodes: [{ name: 'node01', ip: '192.168.1.11' }],
    pods: [{ name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } }],
    services: [{ name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80 }] }],
  });
  const withKeys = (s: string): string =>
    s
      .replace(
        '{"name":"demo"',
        `{"__proto__":{"${MARK}":1},"constructor":{"prototype":{"${MARK}":1}},"name":"demo"`,
      )
      .replace(
        '"labels":{"app":"web"}',
        `"labels":{"app":"web","__proto__":{"${MARK}":"x"},"constructor":"x","prototype":"y"}`,
      )
      .replace('"selector":{"app":"web"}', `"selector":{"app":"web","__proto__":{"${MARK}":"x"}}`)
      .replace('{"name":"node01"', `{"__proto__":{"${MARK}":1},"name":"node01"`);
  const hostile = withKeys(json);

  it('defineCluster (JSON text)', () => {
    expectNoPollution(() => cluster.defineCluster(hostile), cluster.ClusterError);
  });
  it('defineCluster (parsed object with own __proto__ keys)', () => {
    expectNoPollution(() => cluster.defineCluster(JSON.parse(hostile)), cluster.ClusterError);
  });
  it('parseClusterSpec (parsed object)', () => {
    expectNoPollution(() => cluster.parseClusterSpec(JSON.parse(hostile)), cluster.ClusterError);
  });
  it('defineCluster (YAML)', () => {
    const yaml =
      `${SPEC_YAML}__proto__: { ${MARK}: 1 }\nconstructor: { prototype: { ${MARK}: 1 } }\n`.replace(
        'labels: { app: web }',
        `labels: { app: web, __proto__: { ${MARK}: x }, constructor: x, prototype: y }`,
      );
    expectNoPollution(() => cluster.defineCluster(yaml), cluster.ClusterError);
  });
  it('defineCluster (YAML merge key << with a __proto__ map)', () => {
    const yaml = `base: &b { __proto__: { ${MARK}: 1 } }\n<<: *b\n${SPEC_YAML}`;
    expectNoPollution(() => cluster.defineCluster(yaml), cluster.ClusterError);
  });
});

describe('__proto__ / constructor / prototype keys in Kubernetes objects', () => {
  const list = JSON.parse(K8S_LIST_JSON) as { items: Record<string, Record<string, unknown>>[] };
  const hostileText = K8S_LIST_JSON.replace(
    '"labels":{"app":"web"}',
    `"labels":{"app":"web","__proto__":{"${MARK}":"x"},"constructor":"c","prototype":"p"},"annotations":{"__proto__":{"${MARK}":"x"}}`,
  )
    .replace('"selector":{"app":"web"}', `"selector":{"app":"web","__proto__":{"${MARK}":"x"}}`)
    .replace(
      '{"apiVersion":"v1","kind":"Node"',
      `{"__proto__":{"${MARK}":1},"apiVersion":"v1","kind":"Node"`,
    );

  it('loadCluster (JSON text)', () => {
    expectNoPollution(() => cluster.loadCluster(hostileText), cluster.ClusterError);
  });
  it('fromKubernetesObjects (parsed objects)', () => {
    expectNoPollution(() => cluster.fromKubernetesObjects(JSON.parse(hostileText)), cluster.ClusterError);
  });
  it('fromKubernetesObjects (constructor/prototype metadata)', () => {
    const items = list.items.map((o) => ({ ...o, ...protoObject() }));
    expectNoPollution(() => cluster.fromKubernetesObjects({ ...list, items }), cluster.ClusterError);
  });
  it('normalizeKubernetesObjects keeps labels named constructor/prototype as plain data', () => {
    expectNoPollution(
      () => cluster.normalizeKubernetesObjects(JSON.parse(hostileText)),
      cluster.ClusterError,
    );
  });
});

describe('YAML alias bombs', () => {
  const laughs = (levels: number, width: number): string => {
    const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < levels; i++)
      lines.push(
        `l${i}: &l${i} [${Array(width)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${lines.join('\n')}\nname: bomb\n`;
  };
  for (const [levels, width] of [
    [9, 9],
    [30, 2],
    [5, 50],
  ] as const) {
    it(`billion laughs (${levels} levels × ${width}) is refused with a coded error`, () => {
      const r = cluster.safeDefineCluster(laughs(levels, width));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(
        misbehaviour(() => cluster.loadCluster(laughs(levels, width)), cluster.ClusterError),
      ).toBeUndefined();
    });
  }
  it('an alias bomb inside a Kubernetes List document is refused', () => {
    const text = `${laughs(8, 8)}apiVersion: v1\nkind: List\nitems: *l7\n`;
    expect(misbehaviour(() => cluster.loadCluster(text), cluster.ClusterError)).toBeUndefined();
    expect(cluster.safeLoadCluster(text).ok).toBe(false);
  });
  it('a self-referencing alias is refused', () => {
    expect(
      misbehaviour(() => cluster.defineCluster('a: &a [*a]\nname: x\n'), cluster.ClusterError),
    ).toBeUndefined();
  });
});

// Deep nesting runs in a child process against the built dist (yaml 2.9 on Node 20 can kill the process).
// Open findings (RangeError instead of a coded error) are listed here and in the corpus.
const OPEN_DEEP = new Set<string>([]);

interface DeepOutcome {
  readonly pkg: string;
  readonly fn: string;
  readonly input: string;
  readonly ms: number;
  readonly result: 'value' | 'threw';
  readonly name?: string;
  readonly code?: string;
}

const ERROR_NAMES: Readonly<Record<string, string>> = {
  cluster: 'ClusterError',
  cni: 'CniError',
  dns: 'DnsError',
};

describe('deeply nested documents (child process)', () => {
  const script = fileURLToPath(new URL('./child/deep-inputs.mjs', import.meta.url));
  const child = spawnSync(process.execPath, [script, '5000'], { encoding: 'utf8', timeout: 60_000 });
  const outcomes: DeepOutcome[] = child.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as DeepOutcome);

  it('the child process survives every input (exit 0, no signal)', () => {
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
  });
  for (const o of outcomes) {
    const key = `${o.pkg} ${o.fn} ${o.input}`;
    (OPEN_DEEP.has(key) ? it.fails : it)(`${key}: a value or a coded ${ERROR_NAMES[o.pkg]}, quickly`, () => {
      expect(o.ms).toBeLessThan(5_000);
      if (o.result === 'threw') {
        expect(o.name).toBe(ERROR_NAMES[o.pkg]);
        expect(o.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      }
      if (o.pkg === 'cluster') expect(o.result).toBe('threw');
    });
  }
});
