import { beforeEach, describe, expect, it } from 'vitest';
import { parseIpRule } from './ip-rule.ts';
import { parseIpRoute } from './parse-ip-route.ts';
import { policyLookup } from './policy-lookup.ts';

// ip-rule(8) semantics; the wg-quick rules are the classic policy-routing example.
const WG = [
  '0:\tfrom all lookup local',
  '32764:\tfrom all lookup main suppress_prefixlength 0',
  '32765:\tnot from all fwmark 0xca6c lookup 51820',
  '32766:\tfrom all lookup main',
  '32767:\tfrom all lookup default',
].join('\n');

describe('policyLookup', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let routes: ReturnType<typeof parseIpRoute>;
  beforeEach(() => {
    routes = parseIpRoute(
      [
        'default via 192.168.1.1 dev eth0',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        'default dev wg0 table 51820 scope link',
        'local 192.168.1.11 dev eth0 table local proto kernel scope host src 192.168.1.11',
      ].join('\n'),
    );
  });
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let rules: ReturnType<typeof parseIpRule>;
  beforeEach(() => {
    rules = parseIpRule(WG);
  });

  it('wg-quick: everything but marked packets goes to the tunnel; local routes stay local', () => {
    expect(policyLookup(routes, rules, { dst: '1.1.1.1' }).route?.dev).toBe('wg0');
    expect(policyLookup(routes, rules, { dst: '1.1.1.1', fwmark: 0xca6c }).route?.dev).toBe('eth0');
    expect(policyLookup(routes, rules, { dst: '192.168.1.20' })).toMatchObject({ table: 'main', index: 1 });
    expect(policyLookup(routes, rules, { dst: '192.168.1.11' }).route?.type).toBe('local');
  });

  it('matches from/to/iif selectors and ends on blackhole/unreachable/prohibit rules', () => {
    const r = parseIpRule(
      '10:\tfrom 10.244.1.0/24 iif cni0 prohibit\n20:\tto 8.8.8.8 blackhole\n30:\tfrom all lookup main',
    );
    expect(policyLookup(routes, r, { dst: '1.1.1.1', src: '10.244.1.5', iif: 'cni0' }).action).toBe(
      'prohibit',
    );
    expect(policyLookup(routes, r, { dst: '1.1.1.1', src: '10.244.1.5', iif: 'eth0' }).route?.dev).toBe(
      'eth0',
    );
    expect(policyLookup(routes, r, { dst: '8.8.8.8' }).action).toBe('blackhole');
    expect(policyLookup(routes, r, { dst: '1.1.1.1' }).rule?.priority).toBe(30);
    expect(policyLookup([], r, { dst: '1.1.1.1' }).action).toBe('none');
  });

  it('follows goto and skips nop', () => {
    const r = parseIpRule(
      '1:\tfrom all goto 50\n2:\tfrom all unreachable\n50:\tfrom all nop\n60:\tfrom all lookup main',
    );
    expect(policyLookup(routes, r, { dst: '1.1.1.1' }).route?.dev).toBe('eth0');
  });

  it('rejects bad input', () => {
    expect(() => policyLookup(routes, rules, { dst: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
    expect(() => policyLookup(null as never, rules, { dst: '1.1.1.1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => policyLookup(routes, rules, null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('policyLookup rule order and selectors (ip-rule(8))', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let routes: ReturnType<typeof parseIpRoute>;
  beforeEach(() => {
    routes = parseIpRoute(
      [
        'default via 192.168.1.1 dev eth0', // 0: main
        'default via 192.168.9.1 dev vpn0 table 100', // 1
        'default via 192.168.8.1 dev alt0 table 200', // 2
        '10.0.0.0/8 via 192.168.1.1 dev eth0', // 3: main, /8
      ].join('\n'),
    );
  });
  const dev = (rules: string, packet: Parameters<typeof policyLookup>[2]) =>
    policyLookup(routes, parseIpRule(rules), packet).route?.dev;

  it('tries rules by priority whatever their array order; equal priorities in array order', () => {
    expect(dev('200:\tfrom all lookup main\n100:\tfrom all lookup 100', { dst: '1.1.1.1' })).toBe('vpn0');
    expect(dev('5:\tfrom all lookup 200\n5:\tfrom all lookup 100', { dst: '1.1.1.1' })).toBe('alt0');
    expect(dev('5:\tfrom all lookup 100\n5:\tfrom all lookup 200', { dst: '1.1.1.1' })).toBe('vpn0');
  });

  it('matches tos and oif selectors only on equal values', () => {
    const tos = '10:\tfrom all tos 0x10 lookup 100\n20:\tfrom all lookup main';
    expect(dev(tos, { dst: '1.1.1.1', tos: '0x10' })).toBe('vpn0');
    expect(dev(tos, { dst: '1.1.1.1', tos: '0x08' })).toBe('eth0');
    expect(dev(tos, { dst: '1.1.1.1' })).toBe('eth0');
    const oif = '10:\tfrom all oif wg0 lookup 100\n20:\tfrom all lookup main';
    expect(dev(oif, { dst: '1.1.1.1', oif: 'wg0' })).toBe('vpn0');
    expect(dev(oif, { dst: '1.1.1.1', oif: 'eth0' })).toBe('eth0');
    expect(dev(oif, { dst: '1.1.1.1' })).toBe('eth0');
    // every selector must hold
    const both = '10:\tfrom all tos 0x10 oif wg0 lookup 100\n20:\tfrom all lookup main';
    expect(dev(both, { dst: '1.1.1.1', tos: '0x10' })).toBe('eth0');
    expect(dev(both, { dst: '1.1.1.1', oif: 'wg0' })).toBe('eth0');
    expect(dev(both, { dst: '1.1.1.1', tos: '0x10', oif: 'wg0' })).toBe('vpn0');
  });

  it('goto jumps to the first rule at or after its target, never backwards', () => {
    const rules =
      '1:\tfrom all goto 50\n2:\tfrom all unreachable\n50:\tfrom all lookup 100\n60:\tfrom all lookup main';
    expect(dev(rules, { dst: '1.1.1.1' })).toBe('vpn0');
    expect(dev(rules.replace('goto 50', 'goto 45'), { dst: '1.1.1.1' })).toBe('vpn0');
    expect(dev(rules.replace('goto 50', 'goto 51'), { dst: '1.1.1.1' })).toBe('eth0');
    // a goto to itself or backwards is skipped; a goto past every rule ends nothing either
    const back =
      '10:\tfrom all goto 10\n20:\tfrom all goto 5\n30:\tfrom all goto 99\n40:\tfrom all lookup 200';
    expect(dev(back, { dst: '1.1.1.1' })).toBe('alt0');
  });

  it('ends on unreachable and nothing else; nop only passes', () => {
    const r = policyLookup(
      routes,
      parseIpRule('5:\tfrom all nop\n6:\tfrom all unreachable\n7:\tfrom all lookup main'),
      {
        dst: '1.1.1.1',
      },
    );
    expect(r).toEqual({ action: 'unreachable', rule: { priority: 6, action: 'unreachable' } });
  });

  it('suppress_prefixlength skips routes no longer than N', () => {
    const rules = '10:\tfrom all lookup main suppress_prefixlength 8\n20:\tfrom all lookup 100';
    expect(dev(rules, { dst: '10.1.1.1' })).toBe('vpn0'); // the /8 is suppressed
    expect(
      dev(rules.replace('suppress_prefixlength 8', 'suppress_prefixlength 7'), { dst: '10.1.1.1' }),
    ).toBe('eth0');
    expect(policyLookup(routes, parseIpRule('10:\tfrom all lookup main'), { dst: '10.1.1.1' })).toEqual({
      action: 'route',
      route: routes[3],
      index: 3,
      rule: { priority: 10, action: 'lookup', table: 'main' },
      table: 'main',
    });
  });

  it('names bad input', () => {
    const rules = parseIpRule('10:\tfrom all lookup main');
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(msg(() => policyLookup(routes, null as never, { dst: '1.1.1.1' }))).toBe(
      'expected arrays of routes and rules',
    );
    expect(msg(() => policyLookup(routes, rules, 'x' as never))).toBe('expected a packet { dst }');
    expect(msg(() => policyLookup(routes, rules, { dst: 'x' }))).toBe('invalid destination "x"');
    expect(msg(() => policyLookup(routes, rules, { dst: '1.1.1.1', src: 'x' }))).toBe('invalid source "x"');
  });
});
