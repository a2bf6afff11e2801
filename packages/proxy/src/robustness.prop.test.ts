import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  applyIptablesRestore,
  buildServiceModel,
  chainName,
  evaluatePacket,
  formatIptablesSave,
  iptablesPartialSync,
  iptablesRules,
  iptablesSync,
  normalizeIptablesSave,
  ProxyError,
  parseIptablesRule,
  parseIptablesSave,
  resolveProxyConfig,
  syncStateRuleset,
  withIptablesJumps,
} from './index.ts';
import { fakeConfig } from './testing/fixtures.ts';

/** Calls fn; it may return or throw a ProxyError, never anything else. */
function onlyProxyErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyError);
  }
}

const junk = fc.anything({ withNullPrototype: true, maxDepth: 3 });

test.prop([junk, junk, junk], { numRuns: 200 })(
  'public functions reject junk with ProxyError only',
  (a, b, c) => {
    onlyProxyErrors(() => iptablesRules(a as never));
    onlyProxyErrors(() => iptablesRules({ services: a, endpointSlices: b, config: fakeConfig() } as never));
    onlyProxyErrors(() =>
      iptablesRules({ services: [a], endpointSlices: [b], config: fakeConfig() } as never),
    );
    onlyProxyErrors(() => iptablesRules({ services: [], endpointSlices: [], config: c } as never));
    onlyProxyErrors(() =>
      buildServiceModel({
        services: [{ metadata: { name: 'x' }, spec: a }],
        endpointSlices: [],
        config: fakeConfig(),
      } as never),
    );
    onlyProxyErrors(() =>
      buildServiceModel({
        services: [
          { metadata: { name: 'x', namespace: 'n' }, spec: { clusterIP: '1.2.3.4', ports: [{ port: 80 }] } },
        ],
        endpointSlices: [
          {
            metadata: { name: 's', namespace: 'n', labels: { 'kubernetes.io/service-name': 'x' } },
            endpoints: a,
            ports: b,
          },
        ],
        config: fakeConfig(),
      } as never),
    );
    onlyProxyErrors(() => resolveProxyConfig(a as never));
    onlyProxyErrors(() => chainName(a as never, b as never, c as never));
    onlyProxyErrors(() => parseIptablesSave(a as never));
    onlyProxyErrors(() => parseIptablesRule(a as never));
    onlyProxyErrors(() => formatIptablesSave(a as never));
    onlyProxyErrors(() => normalizeIptablesSave(a as never));
    onlyProxyErrors(() => withIptablesJumps(a as never));
    onlyProxyErrors(() => applyIptablesRestore(a as never, b as never));
    onlyProxyErrors(() => evaluatePacket(a as never, b as never));
    onlyProxyErrors(() => syncStateRuleset(a as never));
    onlyProxyErrors(() => iptablesSync(a as never));
    onlyProxyErrors(() => iptablesPartialSync(a as never, b as never));
  },
);

test.prop([fc.string({ maxLength: 200 })], { numRuns: 200 })(
  'text parsers never throw anything but ProxyError',
  (text) => {
    onlyProxyErrors(() => formatIptablesSave(parseIptablesSave(text)));
    onlyProxyErrors(() => parseIptablesRule(text));
    onlyProxyErrors(() => normalizeIptablesSave(text));
    const rs = iptablesRules({ services: [], endpointSlices: [], config: fakeConfig() });
    onlyProxyErrors(() => evaluatePacket(rs, { sourceIP: text, destIP: '1.2.3.4', destPort: 80 }));
  },
);

test.prop(
  [
    fc.stringMatching(
      /^(\*[a-z]+\n)?(:[A-Z-]{1,8} - \[0:0\]\n|-A [A-Z-]{1,8}( -j [A-Z-]{1,8})?\n|-X [A-Z-]{1,8}\n|# c\n|COMMIT\n){0,12}$/,
    ),
  ],
  {
    numRuns: 200,
  },
)('format(parse(text)) === text for every parsable dump', (text) => {
  let parsed: ReturnType<typeof parseIptablesSave> | undefined;
  try {
    parsed = parseIptablesSave(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyError);
  }
  if (parsed !== undefined) expect(formatIptablesSave(parsed)).toBe(text);
});

const syncBase = iptablesSync({ services: [], endpointSlices: [], config: fakeConfig() }).state;

test.prop([junk, junk, junk], { numRuns: 200 })(
  'iptablesPartialSync from a real state rejects junk changes with ProxyError only',
  (a, b, c) => {
    onlyProxyErrors(() => iptablesPartialSync(syncBase, a as never));
    onlyProxyErrors(() =>
      iptablesPartialSync(syncBase, {
        upsertServices: a,
        deleteServices: b,
        upsertEndpointSlices: c,
      } as never),
    );
    onlyProxyErrors(() =>
      iptablesPartialSync(syncBase, {
        upsertServices: [{ metadata: { name: 'x', namespace: 'n' }, spec: a }],
        upsertEndpointSlices: [
          {
            metadata: { name: 's', namespace: 'n', labels: { 'kubernetes.io/service-name': 'x' } },
            endpoints: b,
            ports: c,
          },
        ],
        deleteEndpointSlices: [b],
      } as never),
    );
  },
);
