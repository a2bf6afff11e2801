import { formatAddr, formatPrefix, parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { formatIpRoute } from './format-ip-route.ts';
import { parseIpRoute, safeParseIpRoute } from './parse-ip-route.ts';

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
