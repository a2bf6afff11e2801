// Mutations of valid texts (truncation, duplicated lines, swapped fields, huge numbers, unicode, NUL, very long
// lines, CRLF) through every text parser: a value or the package's own coded error, in bounded time; and a
// `\r` from CRLF input never inside a parsed value.
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import * as ip from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collect,
  type ErrorClass,
  FUZZ,
  misbehaviour,
  mutatedText,
  safeMisbehaviour,
  TEST_MS,
} from './harness.ts';
import {
  CONFLIST_SAMPLES,
  COREFILE_SAMPLES,
  IP_ROUTE_SAMPLES,
  IP_RULE_SAMPLES,
  IPTABLES_SAVE_SAMPLES,
  K8S_LIST_JSON,
  RESOLV_CONF_SAMPLES,
  SPEC_YAML,
} from './samples.ts';

type Parse = (text: string) => unknown;

interface TextParser {
  readonly name: string;
  readonly parse: Parse;
  readonly safe?: Parse;
  readonly errorClass: ErrorClass;
  readonly samples: readonly string[];
  /** CRLF input must parse like LF input (false where the format is not line-oriented text we own) */
  readonly crlf: boolean;
  /** a lone trailing `\r` after the last CRLF is tolerated too (YAML refuses it with a coded error) */
  readonly loneCr?: boolean;
}

const PARSERS: readonly TextParser[] = [
  {
    name: 'ip parseAddr',
    parse: ip.parseAddr,
    safe: ip.safeParseAddr,
    errorClass: ip.IpError,
    samples: ['10.0.0.1', '2001:db8::1', '::ffff:192.0.2.1', 'fe80::1%eth0', '255.255.255.255'],
    crlf: false,
  },
  {
    name: 'ip parsePrefix',
    parse: (t) => ip.parsePrefix(t, { strict: false }),
    safe: (t) => ip.safeParsePrefix(t),
    errorClass: ip.IpError,
    samples: ['10.244.0.0/16', '2001:db8::/64', '0.0.0.0/0', '10.96.0.0/12', '::/0'],
    crlf: false,
  },
  {
    name: 'ip parseIPRange',
    parse: ip.parseIPRange,
    safe: ip.safeParseIPRange,
    errorClass: ip.IpError,
    samples: ['10.0.0.1-10.0.0.9', '2001:db8::1-2001:db8::ff'],
    crlf: false,
  },
  {
    name: 'routes parseIpRoute',
    parse: (t) => routes.parseIpRoute(t),
    safe: (t) => routes.safeParseIpRoute(t),
    errorClass: routes.RoutesError,
    samples: IP_ROUTE_SAMPLES,
    crlf: true,
  },
  {
    name: 'routes parseIpRule',
    parse: routes.parseIpRule,
    safe: routes.safeParseIpRule,
    errorClass: routes.RoutesError,
    samples: IP_RULE_SAMPLES,
    crlf: true,
  },
  {
    name: 'proxy parseIptablesSave',
    parse: proxy.parseIptablesSave,
    safe: proxy.safeParseIptablesSave,
    errorClass: proxy.ProxyError,
    samples: IPTABLES_SAVE_SAMPLES,
    crlf: false, // open finding: proxy/test/corpus/iptables-save-crlf.json
  },
  {
    name: 'proxy parseIptablesRule',
    parse: proxy.parseIptablesRule,
    errorClass: proxy.ProxyError,
    samples: IPTABLES_SAVE_SAMPLES.flatMap((s) => s.split('\n').filter((l) => l.startsWith('-A '))).slice(
      0,
      40,
    ),
    crlf: false,
  },
  {
    name: 'dns parseResolvConf',
    parse: dns.parseResolvConf,
    safe: dns.safeParseResolvConf,
    errorClass: dns.DnsError,
    samples: RESOLV_CONF_SAMPLES,
    crlf: true,
  },
  {
    name: 'dns parseCorefile',
    parse: dns.parseCorefile,
    safe: dns.safeParseCorefile,
    errorClass: dns.DnsError,
    samples: COREFILE_SAMPLES,
    crlf: true,
  },
  {
    name: 'cni parseResolvConf',
    parse: cni.parseResolvConf,
    errorClass: cni.CniError,
    samples: RESOLV_CONF_SAMPLES,
    crlf: true,
  },
  {
    name: 'cni parseNetConfList',
    parse: cni.parseNetConfList,
    safe: cni.safeParseNetConfList,
    errorClass: cni.CniError,
    samples: CONFLIST_SAMPLES,
    crlf: true,
  },
  {
    name: 'cluster defineCluster (YAML)',
    parse: cluster.defineCluster,
    safe: cluster.safeDefineCluster,
    errorClass: cluster.ClusterError,
    samples: [SPEC_YAML],
    crlf: true,
    loneCr: false,
  },
  {
    name: 'cluster loadCluster (Kubernetes JSON)',
    parse: (t) => cluster.loadCluster(t),
    safe: (t) => cluster.safeLoadCluster(t),
    errorClass: cluster.ClusterError,
    samples: [K8S_LIST_JSON, JSON.stringify(JSON.parse(K8S_LIST_JSON), null, 2)],
    crlf: true,
    loneCr: false,
  },
];

/** JSON of a parsed value, for the `\r` check (branded/frozen values are plain data). */
function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
}

describe.each(PARSERS)('$name', (p) => {
  it(
    'every sample parses (the mutations start from valid input)',
    () => {
      for (const s of p.samples) expect(() => p.parse(s)).not.toThrow();
    },
    TEST_MS,
  );

  it(
    'mutated input gives a value or a coded error in bounded time',
    () => {
      expect(collect(mutatedText(p.samples), (t) => misbehaviour(() => p.parse(t), p.errorClass))).toEqual(
        [],
      );
    },
    TEST_MS,
  );

  if (p.safe !== undefined) {
    const safe = p.safe;
    it(
      'the safe form never throws on mutated input',
      () => {
        expect(collect(mutatedText(p.samples), (t) => safeMisbehaviour(() => safe(t), p.errorClass))).toEqual(
          [],
        );
      },
      TEST_MS,
    );
  }

  if (p.crlf) {
    it(
      'CRLF input parses to the same value as LF input, with no \\r inside',
      () => {
        fc.assert(
          fc.property(fc.constantFrom(...p.samples), fc.boolean(), (s, trailingCr) => {
            const crlf = s.replace(/\n/g, '\r\n') + (trailingCr && p.loneCr !== false ? '\r' : '');
            const a = json(p.parse(s));
            const b = json(p.parse(crlf));
            expect(b).not.toContain('\\r');
            expect(b).toBe(a);
          }),
          { ...FUZZ, numRuns: 20 },
        );
      },
      TEST_MS,
    );
  }
});
