import { describe, expect, it } from 'vitest';
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
  const routes = parseIpRoute(
    [
      'default via 192.168.1.1 dev eth0',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
      'default dev wg0 table 51820 scope link',
      'local 192.168.1.11 dev eth0 table local proto kernel scope host src 192.168.1.11',
    ].join('\n'),
  );
  const rules = parseIpRule(WG);

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
