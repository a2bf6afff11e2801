import { formatAddr, formatPrefix, parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { formatIpRoute } from './format-ip-route.ts';
import { parseIpRoute, safeParseIpRoute } from './parse-ip-route.ts';
import { RoutesError } from './routes-error.ts';

// Golden lines are `ip route show` output as printed by iproute2's print_route()
// (iproute2/iproute2 ip/iproute.c): type, dst, from, tos, via, dev, table, proto, scope, src,
// metric, flags, metrics, pref — and the shapes in the reference note §5 (ip-route(8), ip-cref).
const NODE_TABLE = [
  'default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.11 metric 100',
  '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
  '10.244.2.0/24 via 192.168.1.12 dev eth0',
  '10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink',
  'blackhole 10.244.9.0/24',
  '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
  '192.168.1.1 dev eth0 proto dhcp scope link src 192.168.1.11 metric 100',
].join('\n');

const TABLE_ALL = [
  'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100',
  '10.0.2.0/24 dev enp0s3 proto kernel scope link src 10.0.2.15 metric 100',
  'local 10.0.2.15 dev enp0s3 table local proto kernel scope host src 10.0.2.15',
  'broadcast 10.0.2.255 dev enp0s3 table local proto kernel scope link src 10.0.2.15',
  'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1',
  'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1',
  'broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1',
  '::1 dev lo proto kernel metric 256 pref medium',
  'fe80::/64 dev enp0s3 proto kernel metric 256 pref medium',
  'local ::1 dev lo table local proto kernel metric 0 pref medium',
  'anycast fe80:: dev enp0s3 table local proto kernel metric 0 pref medium',
  'multicast ff00::/8 dev enp0s3 table local proto kernel metric 256 pref medium',
].join('\n');

const IPV6 = [
  'default via fe80::1 dev eth0 proto ra metric 1024 expires 1797sec hoplimit 64 pref medium',
  '2001:db8:1::/64 dev eth0 proto ra metric 100 pref medium',
  'unreachable default dev lo proto kernel metric 4294967295 error -101 pref medium',
].join('\n');

describe('parseIpRoute', () => {
  it('parses one route per non-empty line, in order', () => {
    const routes = parseIpRoute(`\n${NODE_TABLE}\n\n`);
    expect(routes).toHaveLength(7);
    const [def, bridge, hostgw, vxlan, bh, link, host] = routes;
    expect(def?.type).toBe('unicast');
    expect(def?.dst.bits).toBe(0);
    expect(formatAddr(def?.via ?? parseAddr('0.0.0.0'))).toBe('192.168.1.1');
    expect(def).toMatchObject({ dev: 'eth0', proto: 'dhcp', metric: 100 });
    expect(bridge).toMatchObject({ dev: 'cni0', proto: 'kernel', scope: 'link' });
    expect(formatPrefix(hostgw?.dst ?? bridge!.dst)).toBe('10.244.2.0/24');
    expect(vxlan?.onlink).toBe(true);
    expect(bh?.type).toBe('blackhole');
    expect(bh?.dev).toBeUndefined();
    expect(link?.src && formatAddr(link.src)).toBe('192.168.1.11');
    expect(host?.dst.bits).toBe(32);
  });

  it('round-trips iproute2 output exactly, with or without the final newline', () => {
    for (const text of [NODE_TABLE, TABLE_ALL, IPV6]) {
      expect(formatIpRoute(parseIpRoute(`${text}\n`))).toBe(`${text}\n`);
      expect(formatIpRoute(parseIpRoute(text))).toBe(text);
      expect(formatIpRoute(parseIpRoute(`${text}\r\n`))).toBe(`${text}\n`);
    }
    // arrays not straight from the parser print newline-terminated lines
    expect(formatIpRoute([...parseIpRoute(NODE_TABLE)])).toBe(`${NODE_TABLE}\n`);
    // the marker never shows in equality or JSON
    expect(parseIpRoute(NODE_TABLE)).toEqual(parseIpRoute(`${NODE_TABLE}\n`));
    expect(parseIpRoute(NODE_TABLE)).toStrictEqual(parseIpRoute(`${NODE_TABLE}\n`));
    expect(JSON.stringify(parseIpRoute(NODE_TABLE))).toBe(JSON.stringify(parseIpRoute(`${NODE_TABLE}\n`)));
  });

  it('reads `ip route show table all`: tables and the local/broadcast/anycast types', () => {
    const routes = parseIpRoute(TABLE_ALL);
    expect(routes.filter((r) => r.table === 'local').map((r) => r.type)).toEqual([
      'local',
      'broadcast',
      'local',
      'local',
      'broadcast',
      'local',
      'anycast',
      'multicast',
    ]);
    expect(routes[1]?.table).toBeUndefined();
  });

  it('takes the family of `default` from the line, then from the text', () => {
    const v6 = parseIpRoute(IPV6);
    expect(v6[0]?.dst.addr.family).toBe(6);
    // `unreachable default dev lo` names no address: the other lines are IPv6.
    expect(v6[2]?.dst.addr.family).toBe(6);
    expect(v6[2]).toMatchObject({ type: 'unreachable', metric: 4294967295, error: -101 });
    expect(parseIpRoute('default dev wg0 scope link')[0]?.dst.addr.family).toBe(4);
    expect(parseIpRoute('default dev wg0 scope link', { family: 6 })[0]?.dst.addr.family).toBe(6);
  });

  it('reads metrics with lock, realms, flags and multipath nexthop lines', () => {
    const text = [
      '10.0.0.0/8 via 192.168.1.1 dev eth0 metric 5 onlink linkdown mtu lock 1400 advmss 1360',
      'default proto static metric 100',
      '\tnexthop via 192.168.1.1 dev eth0 weight 1',
      '\tnexthop via 192.168.2.1 dev eth1 weight 2 onlink',
      '10.9.0.0/16 dev eth0 realm 12',
    ].join('\n');
    const routes = parseIpRoute(text);
    expect(routes).toHaveLength(3);
    expect(routes[0]).toMatchObject({ mtu: 1400, advmss: 1360, locked: ['mtu'], flags: ['linkdown'] });
    expect(routes[1]?.nexthops).toHaveLength(2);
    expect(routes[1]?.nexthops?.[1]).toMatchObject({ dev: 'eth1', weight: 2, onlink: true });
    expect(routes[2]?.realms).toBe('12');
    expect(formatIpRoute(routes)).toBe(text);
  });

  it('reads every RTA_METRICS metric iproute2 prints, in RTAX order', () => {
    const text =
      'default via 10.0.0.1 dev eth0 proto static metric 100 mtu 1400 window 65535 rtt 300ms rttvar 1.5s ssthresh 10 cwnd 20 advmss 1360 reordering 3 hoplimit 64 initcwnd 10 features ecn rto_min lock 5ms initrwnd 10 quickack 1 congctl bbr fastopen_no_cookie 1';
    const [r] = parseIpRoute(text);
    expect(r).toMatchObject({
      rtt: '300ms',
      rttvar: '1.5s',
      rto_min: '5ms',
      congctl: 'bbr',
      features: 'ecn',
      quickack: 1,
      locked: ['rto_min'],
    });
    expect(formatIpRoute([r!])).toBe(`${text}\n`);
    expect(safeParseIpRoute('10.0.0.0/8 dev eth0 quickack 2')).toMatchObject({
      ok: false,
      error: { code: 'NUMBER_OUT_OF_RANGE' },
    });
    expect(safeParseIpRoute('10.0.0.0/8 dev eth0 rtt 5')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE' },
    });
    expect(safeParseIpRoute('10.0.0.0/8 dev eth0 hoplimit 256')).toMatchObject({
      ok: false,
      error: { code: 'NUMBER_OUT_OF_RANGE' },
    });
  });

  it('keeps an explicit `unicast` (ip -d route) so that it round-trips', () => {
    const text = 'unicast 10.1.0.0/16 dev eth0 proto boot scope global';
    const [r] = parseIpRoute(text);
    expect(r?.type).toBe('unicast');
    expect(formatIpRoute(parseIpRoute(text))).toBe(text);
    expect(formatIpRoute(parseIpRoute('10.1.0.0/16 dev eth0\n'))).toBe('10.1.0.0/16 dev eth0\n');
  });

  it('round-trips the trailing spaces iproute2 prints after each field', () => {
    // iproute2 print_route prints every field as "%s ", so IPv4 lines end with a space.
    const text =
      'default via 10.0.2.2 dev enp0s3 proto dhcp metric 100 \n10.0.2.0/24 dev enp0s3 proto kernel scope link src 10.0.2.15 \nfe80::/64 dev enp0s3 proto kernel metric 256 pref medium\n';
    const routes = parseIpRoute(text);
    expect(formatIpRoute(routes)).toBe(text);
    expect(routes[0]?.proto).toBe('dhcp');
    expect(routes).toEqual(parseIpRoute(text.replaceAll(' \n', '\n')));
    const multipath =
      'default proto static metric 100 \n\tnexthop via 192.168.1.1 dev eth0 weight 1 \n\tnexthop via 192.168.2.1 dev eth1 weight 1 \n';
    expect(formatIpRoute(parseIpRoute(multipath))).toBe(multipath);
    expect(formatIpRoute(parseIpRoute(text.replaceAll('\n', '\r\n')))).toBe(text);
  });

  it('accepts CRLF, tabs and the trailing spaces iproute2 prints; no \\r reaches a value', () => {
    const routes = parseIpRoute(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \r\n10.244.2.0/24 via 192.168.1.12 dev eth0\r\n',
    );
    expect(routes).toHaveLength(2);
    expect(routes[1]?.dev).toBe('eth0');
    expect(JSON.stringify(routes.map((r) => [r.dev, r.proto, r.scope]))).not.toContain('\\r');
    expect(parseIpRoute('10.0.0.0/8 dev eth0\r')[0]?.dev).toBe('eth0');
    expect(parseIpRoute('10.0.0.0/8 via 10.1.1.1 dev\teth0\r\n')[0]?.dev).toBe('eth0');
  });

  it('reads a via of the other family only with an explicit inet/inet6 (RTA_VIA)', () => {
    const [r] = parseIpRoute('10.0.0.0/8 via inet6 fe80::1 dev eth0');
    expect(r?.via?.family).toBe(6);
    expect(formatIpRoute([r!])).toBe('10.0.0.0/8 via inet6 fe80::1 dev eth0\n');
  });

  it('keeps ::ffff:a.b.c.d destinations IPv6', () => {
    const [r] = parseIpRoute('::ffff:10.0.0.0/104 dev eth0 metric 1024 pref medium');
    expect(r?.dst.addr.family).toBe(6);
    expect(formatIpRoute([r!])).toBe('::ffff:10.0.0.0/104 dev eth0 metric 1024 pref medium\n');
  });
});

describe('parseIpRoute errors', () => {
  const bad: [string, string, string][] = [
    ['10.0.0.0/8 dev eth0 dev eth1', 'DUPLICATE_KEYWORD', '"dev"'],
    ['10.0.0.0/8 via 10.0.0.1 via 10.0.0.2', 'DUPLICATE_KEYWORD', '"via"'],
    ['10.0.0.0/8 dev eth0 metric 4294967296', 'METRIC_OUT_OF_RANGE', '"4294967296"'],
    ['10.0.0.0/8 dev eth0 metric -1', 'INVALID_NUMBER', '"-1"'],
    ['10.0.0.0/8 dev eth0 metric 1e3', 'INVALID_NUMBER', '"1e3"'],
    ['10.0.0.0/8 dev eth0 bogus 1', 'UNKNOWN_KEYWORD', '"bogus"'],
    ['10.0.0.0/8 dev', 'MISSING_VALUE', '"dev"'],
    ['10.0.0.0/33 dev eth0', 'INVALID_PREFIX', '"10.0.0.0/33"'],
    ['10.0.0.1/8 dev eth0', 'HOST_BITS_SET', '"10.0.0.1/8"'],
    ['10.0.0.256 dev eth0', 'INVALID_PREFIX', '"10.0.0.256"'],
    ['010.0.0.0/8 dev eth0', 'INVALID_PREFIX', '"010.0.0.0/8"'],
    ['10.0.0.0/8 via 10.0.0.x', 'INVALID_ADDRESS', '"10.0.0.x"'],
    ['10.0.0.0/8 via fe80::1 dev eth0', 'FAMILY_MISMATCH', 'via'],
    ['2001:db8::/32 src 10.0.0.1 dev eth0', 'FAMILY_MISMATCH', 'src'],
    ['10.0.0.0/8 dev averyveryverylongname', 'INVALID_DEVICE', '"averyveryverylongname"'],
    ['10.0.0.0/8 dev eth0 pref huge', 'INVALID_VALUE', '"huge"'],
    ['blackhole', 'MISSING_DESTINATION', '"blackhole"'],
    ['10.0.0.0/8 blackhole', 'UNEXPECTED_TOKEN', '"blackhole"'],
    ['\tnexthop via 10.0.0.1 dev eth0', 'UNEXPECTED_TOKEN', '"nexthop"'],
  ];
  it.each(bad)('%s → %s', (text, code, token) => {
    const r = safeParseIpRoute(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toContain(token);
    expect(() => parseIpRoute(text)).toThrow(r.error.message);
  });

  it('stays linear on pathological whitespace', () => {
    const r = safeParseIpRoute(`10.0.0.0/8${' '.repeat(200_000)}x${'\n '.repeat(50_000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNKNOWN_KEYWORD');
  });

  it('names the line (path = [line index])', () => {
    const r = safeParseIpRoute('10.0.0.0/8 dev eth0\n\n10.1.0.0/16 dev eth0 dev eth1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.path).toEqual([2]);
      expect(r.error.message).toContain('line 3');
    }
  });

  it('never throws a bare TypeError on non-string input', () => {
    for (const v of [null, undefined, 42, [], {}, Symbol.iterator]) {
      const r = safeParseIpRoute(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
    expect(() => parseIpRoute(null as unknown as string)).toThrow(/string/);
  });
});

/** The code, full message and path of a parse failure (the message quotes the whole trimmed line). */
function failure(
  text: string,
  options?: { family?: 4 | 6 },
): { code: string; message: string; path: unknown } {
  const r = safeParseIpRoute(text, options);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  expect(() => parseIpRoute(text, options)).toThrow(r.error.message);
  return { code: r.error.code, message: r.error.message, path: r.error.path };
}

describe('parseIpRoute error messages name the bad value, the line and the keyword', () => {
  // [line, code, message before " in <line>"]
  const cases: [string, string, string][] = [
    ['10.0.0.0/8 dev eth0 features 0xg', 'INVALID_VALUE', 'invalid features "0xg"'],
    ['10.0.0.0/8 dev eth0 features x0x1', 'INVALID_VALUE', 'invalid features "x0x1"'],
    ['10.0.0.0/8 dev eth0 features 0x1g', 'INVALID_VALUE', 'invalid features "0x1g"'],
    ['10.0.0.0/8 dev eth0 features 0x', 'INVALID_VALUE', 'invalid features "0x"'],
    ['10.0.0.0/8 dev eth0 features ecnx', 'INVALID_VALUE', 'invalid features "ecnx"'],
    ['10.0.0.0/8 dev eth0 rtt 5', 'INVALID_VALUE', 'invalid rtt "5"'],
    ['10.0.0.0/8 dev eth0 rto_min 5m', 'INVALID_VALUE', 'invalid rto_min "5m"'],
    ['10.0.0.0/8 dev eth0 congctl b!r', 'INVALID_VALUE', 'invalid congctl "b!r"'],
    ['10.0.0.0/8 dev eth0 table a!b', 'INVALID_VALUE', 'invalid table "a!b"'],
    ['10.0.0.0/8 dev eth0 proto a!b', 'INVALID_VALUE', 'invalid proto "a!b"'],
    ['10.0.0.0/8 dev eth0 protocol a!b', 'INVALID_VALUE', 'invalid proto "a!b"'],
    ['10.0.0.0/8 dev eth0 scope a!b', 'INVALID_VALUE', 'invalid scope "a!b"'],
    ['10.0.0.0/8 tos a!b dev eth0', 'INVALID_VALUE', 'invalid tos "a!b"'],
    ['10.0.0.0/8 dsfield a!b dev eth0', 'INVALID_VALUE', 'invalid tos "a!b"'],
    ['10.0.0.0/8 dev eth0 quickack 2', 'NUMBER_OUT_OF_RANGE', 'quickack "2" is out of range (0–1)'],
    [
      '10.0.0.0/8 dev eth0 fastopen_no_cookie 2',
      'NUMBER_OUT_OF_RANGE',
      'fastopen_no_cookie "2" is out of range (0–1)',
    ],
    ['10.0.0.0/8 dev eth0 hoplimit 256', 'NUMBER_OUT_OF_RANGE', 'hoplimit "256" is out of range (0–255)'],
    [
      '10.0.0.0/8 dev eth0 mtu 4294967296',
      'NUMBER_OUT_OF_RANGE',
      'mtu "4294967296" is out of range (0–4294967295)',
    ],
    [
      '10.0.0.0/8 dev eth0 metric 4294967296',
      'METRIC_OUT_OF_RANGE',
      'metric "4294967296" is out of range (0–4294967295)',
    ],
    ['10.0.0.0/8 nhid x dev eth0', 'INVALID_NUMBER', 'invalid nhid "x"'],
    ['10.0.0.0/8 dev eth0 mtu lock', 'MISSING_VALUE', 'keyword "mtu" needs a value'],
    ['10.0.0.0/8 dev eth0 mtu', 'MISSING_VALUE', 'keyword "mtu" needs a value'],
    ['10.0.0.0/8 via inet', 'MISSING_VALUE', 'keyword "via" needs a value'],
    ['10.0.0.0/8 via inet6', 'MISSING_VALUE', 'keyword "via" needs a value'],
    ['10.0.0.0/8 via 10.0.0.x', 'INVALID_ADDRESS', 'invalid via address "10.0.0.x"'],
    ['10.0.0.0/8 via inet 10.0.0.x', 'INVALID_ADDRESS', 'invalid via address "10.0.0.x"'],
    ['10.0.0.0/8 dev eth0 src 10.0.0.x', 'INVALID_ADDRESS', 'invalid src address "10.0.0.x"'],
    ['10.0.0.0/8 from 10.0.0.1/8 dev eth0', 'HOST_BITS_SET', 'invalid from prefix "10.0.0.1/8"'],
    ['10.0.0.0/8 from 10.0.0.x dev eth0', 'INVALID_PREFIX', 'invalid from prefix "10.0.0.x"'],
    ['10.0.0.256 dev eth0', 'INVALID_PREFIX', 'invalid destination prefix "10.0.0.256"'],
    ['10.0.0.0/33 dev eth0', 'INVALID_PREFIX', 'invalid destination prefix "10.0.0.0/33"'],
    ['fe80::1%eth0 dev eth0', 'INVALID_PREFIX', 'invalid destination prefix "fe80::1%eth0"'],
    ['all dev eth0', 'INVALID_PREFIX', 'invalid destination "all"'],
    ['any dev eth0', 'INVALID_PREFIX', 'invalid destination "any"'],
    ['unreachable all', 'INVALID_PREFIX', 'invalid destination "all"'],
    ['blackhole', 'MISSING_DESTINATION', 'route type "blackhole" without a destination'],
    ['10.0.0.0/8 dev eth0 realms a/b/c', 'INVALID_VALUE', 'invalid realms "a/b/c"'],
    ['10.0.0.0/8 dev eth0 realms /1', 'INVALID_VALUE', 'invalid realms "/1"'],
    ['10.0.0.0/8 dev eth0 realms 1/', 'INVALID_VALUE', 'invalid realms "1/"'],
    ['10.0.0.0/8 dev eth0 realms !1', 'INVALID_VALUE', 'invalid realms "!1"'],
    ['10.0.0.0/8 dev eth0 realms 1!', 'INVALID_VALUE', 'invalid realms "1!"'],
    ['10.0.0.0/8 dev eth0 realms 1/!2', 'INVALID_VALUE', 'invalid realms "1/!2"'],
    ['10.0.0.0/8 dev eth0 realm 1 realms 2', 'DUPLICATE_KEYWORD', 'repeated keyword "realms"'],
    ['10.0.0.0/8 dev eth0 expires 5', 'INVALID_NUMBER', 'invalid expires "5"'],
    ['10.0.0.0/8 dev eth0 expires x5sec', 'INVALID_NUMBER', 'invalid expires "x5sec"'],
    ['10.0.0.0/8 dev eth0 expires 5secs', 'INVALID_NUMBER', 'invalid expires "5secs"'],
    ['10.0.0.0/8 dev eth0 expires 05sec', 'INVALID_NUMBER', 'invalid expires "05sec"'],
    ['unreachable 10.0.0.0/8 error x1', 'INVALID_NUMBER', 'invalid error "x1"'],
    ['unreachable 10.0.0.0/8 error 1x', 'INVALID_NUMBER', 'invalid error "1x"'],
    ['unreachable 10.0.0.0/8 error 01', 'INVALID_NUMBER', 'invalid error "01"'],
    ['unreachable 10.0.0.0/8 error 2147483648', 'INVALID_NUMBER', 'invalid error "2147483648"'],
    ['unreachable 10.0.0.0/8 error -2147483648', 'INVALID_NUMBER', 'invalid error "-2147483648"'],
    ['10.0.0.0/8 dev eth0 pref huge', 'INVALID_VALUE', 'invalid pref "huge"'],
    ['10.0.0.0/8 dev 0123456789abcdef', 'INVALID_DEVICE', 'invalid device name "0123456789abcdef"'],
    ['10.0.0.0/8 dev a/b', 'INVALID_DEVICE', 'invalid device name "a/b"'],
    ['10.0.0.0/8 dev .', 'INVALID_DEVICE', 'invalid device name "."'],
    ['10.0.0.0/8 dev ..', 'INVALID_DEVICE', 'invalid device name ".."'],
    ['10.0.0.0/8 oif a/b', 'INVALID_DEVICE', 'invalid device name "a/b"'],
    ['10.0.0.0/8 via fe80::1 dev eth0', 'FAMILY_MISMATCH', 'via address family differs from the destination'],
    [
      '2001:db8::/32 src 10.0.0.1 dev eth0',
      'FAMILY_MISMATCH',
      'src address family differs from the destination',
    ],
    [
      '10.0.0.0/8 from 2001:db8::/32 dev eth0',
      'FAMILY_MISMATCH',
      'from prefix family differs from the destination',
    ],
    [
      'default via 10.0.0.1 from 2001:db8::/32 dev eth0',
      'FAMILY_MISMATCH',
      'from prefix family differs from the destination',
    ],
    [
      'default src fe80::1 from 10.0.0.0/8 dev eth0',
      'FAMILY_MISMATCH',
      'from prefix family differs from the destination',
    ],
    ['10.0.0.0/8 dev eth0 local', 'UNEXPECTED_TOKEN', 'route type "local" must come first'],
    ['10.0.0.0/8 dev eth0 bogus', 'UNKNOWN_KEYWORD', 'unknown keyword "bogus"'],
  ];
  it.each(cases)('%s → %s', (text, code, message) => {
    expect(failure(text)).toEqual({
      code,
      message: `line 1: ${message} in ${JSON.stringify(text)}`,
      path: [0],
    });
  });

  // Multipath: the error is reported on the nexthop line, quoting it trimmed.
  const nexthopCases: [string, string, string][] = [
    ['nexthop via', 'MISSING_VALUE', 'keyword "via" needs a value'],
    ['nexthop dev eth0 weight', 'MISSING_VALUE', 'keyword "weight" needs a value'],
    ['nexthop via inet', 'MISSING_VALUE', 'keyword "via" needs a value'],
    ['nexthop via inet6', 'MISSING_VALUE', 'keyword "via" needs a value'],
    ['nexthop dev eth0 dev eth1', 'DUPLICATE_KEYWORD', 'repeated keyword "dev"'],
    ['nexthop via 10.0.0.1 via 10.0.0.2', 'DUPLICATE_KEYWORD', 'repeated keyword "via"'],
    ['nexthop dev eth0 metric 5', 'UNKNOWN_KEYWORD', 'unknown nexthop keyword "metric"'],
    ['nexthop via 10.0.0.x', 'INVALID_ADDRESS', 'invalid via address "10.0.0.x"'],
    ['nexthop dev eth0 weight 257', 'NUMBER_OUT_OF_RANGE', 'weight "257" is out of range (0–256)'],
    ['nexthop dev eth0 weight x', 'INVALID_NUMBER', 'invalid weight "x"'],
    ['nexthop dev a/b', 'INVALID_DEVICE', 'invalid device name "a/b"'],
  ];
  it.each(nexthopCases)('nexthop line %s → %s', (nh, code, message) => {
    expect(failure(`default proto static\n\t${nh}`)).toEqual({
      code,
      message: `line 2: ${message} in ${JSON.stringify(nh)}`,
      path: [1],
    });
  });

  it('rejects nexthop lines that are not indented or sit under a route with its own via/dev', () => {
    expect(failure('default proto static\nnexthop via 10.0.0.1 dev eth0')).toEqual({
      code: 'UNEXPECTED_TOKEN',
      message: 'line 2: "nexthop" line without a route above it in "nexthop via 10.0.0.1 dev eth0"',
      path: [1],
    });
    for (const route of ['default via 10.0.0.1', 'default dev eth0']) {
      expect(failure(`${route}\n\tnexthop via 10.0.0.2 dev eth1`)).toEqual({
        code: 'UNEXPECTED_TOKEN',
        message:
          'line 2: "nexthop" under a route that already has via/dev in "nexthop via 10.0.0.2 dev eth1"',
        path: [1],
      });
    }
  });

  it('rejects a nexthop via of the other family, reported on the route line', () => {
    const message = (line: string): string =>
      `line 1: nexthop via address family differs from the destination in ${JSON.stringify(line)}`;
    expect(failure('default proto static\n\tnexthop via fe80::1 dev eth0')).toEqual({
      code: 'FAMILY_MISMATCH',
      message: message('default proto static'),
      path: [0],
    });
    expect(failure('2001:db8::/32 proto static\n\tnexthop via 10.0.0.1 dev eth0')).toEqual({
      code: 'FAMILY_MISMATCH',
      message: message('2001:db8::/32 proto static'),
      path: [0],
    });
    // a nexthop with only a device has no family to check
    expect(parseIpRoute('2001:db8::/32 proto static\n\tnexthop dev eth0')[0]?.nexthops).toEqual([
      { dev: 'eth0' },
    ]);
    // the family of an IPv6 route wins over the option (which is only for bare `default`)
    const [r] = parseIpRoute('2001:db8::/32 proto static\n\tnexthop via fe80::1 dev eth0', { family: 4 });
    expect(r?.nexthops?.[0]?.via?.family).toBe(6);
  });

  it('quotes lines longer than 160 characters cut to 157 characters and "..."', () => {
    const pad = (n: number): string => `10.0.0.0/8 dev eth0 bogus ${'x'.repeat(n - 26)}`;
    const at160 = pad(160);
    const at161 = pad(161);
    expect(at160).toHaveLength(160);
    expect(failure(at160).message).toBe(`line 1: unknown keyword "bogus" in ${JSON.stringify(at160)}`);
    expect(failure(at161).message).toBe(
      `line 1: unknown keyword "bogus" in ${JSON.stringify(`${at161.slice(0, 157)}...`)}`,
    );
  });

  it('wraps a non-RoutesError thrown while parsing as INVALID_INPUT', () => {
    const options = {
      get family(): 4 {
        throw new Error('boom');
      },
    };
    const r = safeParseIpRoute('10.0.0.0/8 dev eth0', options);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(RoutesError);
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toBe('cannot parse ip route text: Error: boom');
    }
    expect(safeParseIpRoute('10.0.0.0/8 dev eth0').ok).toBe(true);
  });
});

describe('parseIpRoute accepted values', () => {
  const one = (text: string): Record<string, unknown> => {
    const [r] = parseIpRoute(text);
    return r as unknown as Record<string, unknown>;
  };

  it('reads from, nhid, tos/dsfield, oif, protocol and realm aliases', () => {
    const r = one(
      '10.0.0.0/8 from 10.1.0.0/16 nhid 7 tos 0x10 via inet 10.0.0.1 oif eth0 protocol static realm 1/2',
    );
    expect(r.from && formatPrefix(r.from as never)).toBe('10.1.0.0/16');
    expect(r).toMatchObject({ nhid: 7, tos: '0x10', dev: 'eth0', proto: 'static', realms: '1/2' });
    expect(formatAddr(r.via as never)).toBe('10.0.0.1');
    expect(one('10.0.0.0/8 dsfield 0x04 dev eth0').tos).toBe('0x04');
    expect(one('10.0.0.0/8 from 10.1.2.3 dev eth0').from).toMatchObject({ bits: 32 });
    expect(one('2001:db8::/32 from 2001:db8::1 dev eth0').from).toMatchObject({ bits: 128 });
    expect(one('10.0.0.0/8 dev eth0 realms 12/345').realms).toBe('12/345');
  });

  it('accepts feature masks, pref values, error numbers, expiry and 15-character devices', () => {
    expect(one('10.0.0.0/8 dev eth0 features 0x1f').features).toBe('0x1f');
    for (const pref of ['low', 'medium', 'high']) {
      expect(one(`2001:db8::/32 dev eth0 pref ${pref}`).pref).toBe(pref);
    }
    for (const [token, value] of [
      ['101', 101],
      ['-101', -101],
      ['10', 10],
      ['0', 0],
      ['2147483647', 2147483647],
      ['-2147483647', -2147483647],
    ] as const) {
      expect(one(`unreachable 10.0.0.0/8 error ${token}`).error).toBe(value);
    }
    expect(one('2001:db8::/32 dev eth0 expires 0sec').expires).toBe(0);
    expect(one('2001:db8::/32 dev eth0 expires 1797sec').expires).toBe(1797);
    expect(one('10.0.0.0/8 dev 0123456789abcde').dev).toBe('0123456789abcde');
    expect(one('10.0.0.0/8 dev a..b').dev).toBe('a..b');
    expect(one('10.0.0.0/8 dev eth0 quickack 0 fastopen_no_cookie 1')).toMatchObject({
      quickack: 0,
      fastopen_no_cookie: 1,
    });
  });

  it('keeps flags and locked metrics in iproute2 print order (RTNH_F_* / RTAX_* order)', () => {
    const r = one('10.0.0.0/8 dev eth0 linkdown dead onlink advmss lock 1360 mtu lock 1400');
    expect(r.flags).toEqual(['dead', 'linkdown']);
    expect(r.onlink).toBe(true);
    expect(r.locked).toEqual(['mtu', 'advmss']);
    const plain = one('10.0.0.0/8 dev eth0 onlink');
    expect(plain.onlink).toBe(true);
    expect(plain.flags).toBeUndefined();
    expect(one('10.0.0.0/8 dev eth0').type).toBe('unicast');
  });

  it('reads nexthop flags, onlink and an explicit via family', () => {
    const [r] = parseIpRoute(
      [
        'default proto static',
        '\tnexthop via 10.0.0.1 dev eth0 weight 1 linkdown dead',
        '\tnexthop via 10.0.0.2 dev eth1 weight 256 onlink',
        '\tnexthop via inet 10.0.0.3 dev eth2 dead',
        '\tnexthop dev eth3',
      ].join('\n'),
    );
    const nhs = r?.nexthops ?? [];
    expect(nhs[0]).toMatchObject({ weight: 1, flags: ['dead', 'linkdown'] });
    expect(nhs[0]?.onlink).toBeUndefined();
    expect(nhs[1]).toMatchObject({ dev: 'eth1', weight: 256, onlink: true });
    expect(nhs[1]?.flags).toBeUndefined();
    expect(nhs[2]?.via && formatAddr(nhs[2].via)).toBe('10.0.0.3');
    expect(nhs[2]).toMatchObject({ dev: 'eth2', flags: ['dead'] });
    expect(nhs[2]?.onlink).toBeUndefined();
    expect(nhs[3]).toEqual({ dev: 'eth3' });
    const [v6] = parseIpRoute('default proto static\n\tnexthop via inet6 fe80::1 dev eth0', { family: 6 });
    expect(v6?.nexthops?.[0]?.via?.family).toBe(6);
  });

  it('takes the family of a bare `default` from its via, src or from, else from the text or option', () => {
    const fam = (text: string, options?: { family?: 4 | 6 }): number[] =>
      parseIpRoute(text, options).map((r) => r.dst.addr.family);
    expect(fam('default via fe80::1 dev eth0')).toEqual([6]);
    expect(fam('default src fe80::1 dev eth0')).toEqual([6]);
    expect(fam('default from 2001:db8::/32 dev eth0')).toEqual([6]);
    // an explicit `via inet6` is RTA_VIA: it does not set the route's family
    expect(fam('default via inet6 fe80::1 dev eth0')).toEqual([4]);
    expect(fam('default via inet6 fe80::1 dev eth0 src 10.0.0.1')).toEqual([4]);
    expect(fam('default via inet6 fe80::1 dev eth0 src 2001:db8::1')).toEqual([6]);
    // the text decides only when all other routes are IPv6; an option always wins
    expect(fam('default dev wg0\n2001:db8::/32 dev eth0')).toEqual([6, 6]);
    expect(fam('default dev wg0\n2001:db8::/32 dev eth0\n10.0.0.0/8 dev eth0')).toEqual([4, 6, 4]);
    expect(fam('10.0.0.0/8 dev eth0\ndefault dev wg0\n2001:db8::/32 dev eth0')).toEqual([4, 4, 6]);
    expect(fam('default dev wg0\n2001:db8::/32 dev eth0', { family: 4 })).toEqual([4, 6]);
    expect(fam('default dev wg0\n10.0.0.0/8 dev eth0', { family: 6 })).toEqual([6, 4]);
  });

  it('ends with a newline when the text does, whatever blank space follows it', () => {
    for (const tail of ['\n', '\n  ', '\n\t', '\n\v', '\n\f', '\r\n \r']) {
      expect(formatIpRoute(parseIpRoute(`10.0.0.0/8 dev eth0${tail}`))).toBe('10.0.0.0/8 dev eth0\n');
    }
    expect(formatIpRoute(parseIpRoute('10.0.0.0/8 dev eth0 '))).toBe('10.0.0.0/8 dev eth0 ');
  });
});
