// Hand-written rulesets checking each match the tracer reads, with iptables' own semantics
// (iptables-extensions(8): addrtype, tcp --dport ranges "[port[:port]]", -i "+" wildcards, statistic;
// the walk follows kube-proxy's tracePacket in pkg/proxy/iptables/proxier_test.go).
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { applyIptablesRestore } from './apply-iptables-restore.ts';
import { assertRuleset } from './assert-ruleset.ts';
import { evaluatePacket, type Packet, type PacketResult } from './evaluate-packet.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import type { Ruleset } from './ruleset.ts';

function thrown(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

/** A nat table with the given `-A` rules (and optional filter rules). */
function rules(nat: readonly string[], filter: readonly string[] = []): Ruleset {
  let text = `*nat\n${nat.join('\n')}\nCOMMIT\n`;
  if (filter.length > 0) text += `*filter\n${filter.join('\n')}\nCOMMIT\n`;
  return parseIptablesSave(text);
}

const pkt = (extra: Partial<Packet> = {}): Packet => ({
  sourceIP: '10.0.0.2',
  destIP: '10.96.0.1',
  destPort: 80,
  ...extra,
});
const TO = '-j DNAT --to-destination 10.1.0.1:8080';

/** Whether a single rule `-A KUBE-SERVICES <match> -j DNAT …` matches the packet. */
function matches(match: string, packet: Partial<Packet> = {}, localIPs?: readonly string[]): boolean {
  const r = evaluatePacket(
    rules([`-A KUBE-SERVICES ${match} ${TO}`]),
    pkt(packet),
    localIPs === undefined ? {} : { localIPs },
  );
  return r.verdict === 'DNAT';
}

describe('evaluatePacket (iptables) matches', () => {
  it.each([
    ['-d 10.96.0.1', {}, true],
    ['-d 10.96.0.1/32', {}, true],
    ['-d 10.96.0.2', {}, false],
    ['-d 10.96.0.0/16', {}, true],
    ['-d 10.97.0.0/16', {}, false],
    ['! -d 10.96.0.1', {}, false],
    ['! -d 10.97.0.0/16', {}, true],
    ['-d bogus', {}, false],
    ['! -d bogus', {}, true],
    ['-d 10.96.0.0/33', {}, false],
    ['-d fd00::1', { destIP: 'FD00:0::1' }, true],
    ['-d fd00::/64', { destIP: 'fd00::1' }, true],
    ['-d fd00::/64', {}, false],
    ['-s 10.0.0.0/8', {}, true],
    ['-s 10.0.0.3', {}, false],
    ['! -s 10.0.0.2/32', {}, false],
    ['-p tcp', {}, true],
    ['-p tcp', { protocol: 'UDP' }, false],
    ['-p udp', { protocol: 'udp' }, true],
    ['-p sctp', { protocol: 'SCTP' }, true],
    ['! -p tcp', {}, false],
    ['! -p tcp', { protocol: 'UDP' }, true],
    ['--dport 80', {}, true],
    ['--dport 81', {}, false],
    ['! --dport 80', {}, false],
    ['! --dport 81', {}, true],
    ['--dport 30000:32767', { destPort: 29999 }, false],
    ['--dport 30000:32767', { destPort: 30000 }, true],
    ['--dport 30000:32767', { destPort: 32767 }, true],
    ['--dport 30000:32767', { destPort: 32768 }, false],
    ['--dport :100', { destPort: 0 }, true],
    ['--dport :100', { destPort: 100 }, true],
    ['--dport :100', { destPort: 101 }, false],
    ['--dport 100:', { destPort: 99 }, false],
    ['--dport 100:', { destPort: 100 }, true],
    ['--dport 100:', { destPort: 65535 }, true],
    ['! --dport 100:200', { destPort: 150 }, false],
    ['! --dport 100:200', { destPort: 250 }, true],
    ['-i eth0', { inInterface: 'eth0' }, true],
    ['-i eth0', { inInterface: 'eth1' }, false],
    ['-i eth0', {}, true],
    ['-i veth+', { inInterface: 'veth12' }, true],
    ['-i veth+', { inInterface: 'eth0' }, false],
    ['-i veth', { inInterface: 'veth12' }, false],
    ['! -i lo', { inInterface: 'lo' }, false],
    ['! -i lo', { inInterface: 'eth0' }, true],
    ['-m recent --name X --rcheck --seconds 10800 --reap', {}, false],
    ['-m mark --mark 0x4000/0x4000', {}, false],
    ['-m conntrack --ctstate INVALID', {}, false],
  ])('%s with %j → %s', (match, packet, want) => {
    expect(matches(match, packet)).toBe(want);
  });

  it.each([
    ['-m addrtype --dst-type LOCAL', { destIP: '127.0.0.1' }, undefined, true],
    ['-m addrtype --dst-type LOCAL', { destIP: '::1' }, undefined, true],
    ['-m addrtype --dst-type LOCAL', { destIP: '192.168.0.2' }, undefined, false],
    ['-m addrtype --dst-type LOCAL', { destIP: '192.168.0.2' }, ['192.168.0.2'], true],
    ['-m addrtype --dst-type LOCAL', { destIP: '192.168.0.2', localIPs: ['192.168.0.2'] }, undefined, true],
    // options.localIPs wins over packet.localIPs
    [
      '-m addrtype --dst-type LOCAL',
      { destIP: '192.168.0.2', localIPs: ['192.168.0.2'] },
      ['192.168.0.3'],
      false,
    ],
    ['-m addrtype ! --dst-type LOCAL', { destIP: '192.168.0.2' }, undefined, true],
    ['-m addrtype ! --dst-type LOCAL', { destIP: '127.0.0.1' }, undefined, false],
    ['-m addrtype --src-type LOCAL', { sourceIP: '192.168.0.2' }, ['192.168.0.2'], true],
    ['-m addrtype --src-type LOCAL', { sourceIP: '10.0.0.2' }, ['192.168.0.2'], false],
    ['-m addrtype ! --src-type LOCAL', { sourceIP: '10.0.0.2' }, ['192.168.0.2'], true],
    ['-m addrtype --dst-type LOCAL', { destIP: 'fd00::2' }, ['FD00:0::2'], true],
  ])('%s with %j and localIPs %j → %s', (match, packet, localIPs, want) => {
    expect(matches(match, packet, localIPs)).toBe(want);
  });
});

describe('evaluatePacket (iptables) walk', () => {
  const run = (
    nat: readonly string[],
    filter: readonly string[] = [],
    packet: Partial<Packet> = {},
  ): PacketResult => evaluatePacket(rules(nat, filter), pkt(packet));

  it('marks for masquerade and keeps going; skips MARK, SNAT, LOG, CONNMARK and target-less rules', () => {
    const r = run([
      '-A KUBE-SERVICES -p tcp',
      '-A KUBE-SERVICES -j MARK --set-xmark 0x1/0x1',
      '-A KUBE-SERVICES -j MASQUERADE',
      '-A KUBE-SERVICES -j SNAT --to-source 1.2.3.4',
      '-A KUBE-SERVICES -j LOG',
      '-A KUBE-SERVICES -j CONNMARK --save-mark',
      '-A KUBE-SERVICES -j KUBE-MARK-MASQ',
      `-A KUBE-SERVICES ${TO}`,
    ]);
    expect(r).toEqual({
      verdict: 'DNAT',
      candidates: [{ endpoint: '10.1.0.1:8080', probability: 1 }],
      masquerade: true,
      matchedRules: [
        '-A KUBE-SERVICES -j MARK --set-xmark 0x1/0x1',
        '-A KUBE-SERVICES -j MASQUERADE',
        '-A KUBE-SERVICES -j SNAT --to-source 1.2.3.4',
        '-A KUBE-SERVICES -j LOG',
        '-A KUBE-SERVICES -j CONNMARK --save-mark',
        '-A KUBE-SERVICES -j KUBE-MARK-MASQ',
        `-A KUBE-SERVICES ${TO}`,
      ],
    });
    expect(run(['-A KUBE-SERVICES -d 10.9.9.9 -j KUBE-MARK-MASQ']).masquerade).toBe(false);
  });

  it.each([
    ['ACCEPT', 'NONE'],
    ['REJECT', 'REJECT'],
    ['DROP', 'DROP'],
  ])('%s in nat ends the walk without a DNAT (verdict %s)', (target, verdict) => {
    const r = run([`-A KUBE-SERVICES -j ${target}`, `-A KUBE-SERVICES ${TO}`]);
    expect([r.verdict, r.candidates]).toEqual([verdict, []]);
    // A filter verdict still applies after a nat ACCEPT.
    expect(run([`-A KUBE-SERVICES -j ${target}`], ['-A KUBE-NODEPORTS -j ACCEPT']).verdict).toBe(
      verdict === 'NONE' ? 'ACCEPT' : verdict,
    );
  });

  it('DNATs only the share of traffic a nat ACCEPT does not take', () => {
    const r = run([
      '-A KUBE-SERVICES -m statistic --mode random --probability 0.25 -j ACCEPT',
      `-A KUBE-SERVICES ${TO}`,
    ]);
    expect([r.verdict, r.candidates]).toEqual(['DNAT', [{ endpoint: '10.1.0.1:8080', probability: 0.75 }]]);
    const direct = run([
      '-A KUBE-SERVICES -m statistic --mode random --probability 0.25 -j DNAT --to-destination 10.1.0.1:1',
      '-A KUBE-SERVICES -j DNAT --to-destination 10.1.0.2:2',
    ]);
    expect(direct.candidates).toEqual([
      { endpoint: '10.1.0.1:1', probability: 0.25 },
      { endpoint: '10.1.0.2:2', probability: 0.75 },
    ]);
  });

  it('RETURN ends a chain; a jump continues after the callee returns, a goto does not', () => {
    expect(run(['-A KUBE-SERVICES -j RETURN', `-A KUBE-SERVICES ${TO}`]).verdict).toBe('NONE');
    expect(run(['-A KUBE-SERVICES -j SUB', `-A KUBE-SERVICES ${TO}`, '-A SUB -j RETURN']).verdict).toBe(
      'DNAT',
    );
    expect(run(['-A KUBE-SERVICES -g SUB', `-A KUBE-SERVICES ${TO}`, '-A SUB -j RETURN']).verdict).toBe(
      'NONE',
    );
    expect(run(['-A KUBE-SERVICES -j MISSING', `-A KUBE-SERVICES ${TO}`]).verdict).toBe('DNAT');
    // A callee that DNATs ends the caller too.
    const r = run([
      '-A KUBE-SERVICES -j SUB',
      '-A KUBE-SERVICES -j DNAT --to-destination 10.1.0.9:1',
      '-A SUB -j DNAT --to-destination 10.1.0.2:2',
    ]);
    expect(r.candidates).toEqual([{ endpoint: '10.1.0.2:2', probability: 1 }]);
  });

  it('follows every statistic branch with its share (clamped to [0, 1]) and merges equal endpoints', () => {
    const r = run([
      '-A KUBE-SERVICES -j SVC',
      '-A SVC -m statistic --mode random --probability 0.25000000000 -j SEP1',
      '-A SVC -m statistic --mode random --probability 0.50000000000 -j SEP2',
      '-A SVC -j SEP1',
      '-A SEP1 -j DNAT --to-destination 10.1.0.1:80',
      '-A SEP2 -j DNAT --to-destination [fd00::2]:80',
    ]);
    expect(r.candidates).toEqual([
      { endpoint: '10.1.0.1:80', probability: 0.625 },
      { endpoint: '[fd00::2]:80', probability: 0.375 },
    ]);
    const clamped = run([
      '-A KUBE-SERVICES -m statistic --mode random --probability 1.5 -j SEP1',
      '-A KUBE-SERVICES -j SEP2',
      '-A SEP1 -j DNAT --to-destination 10.1.0.1:80',
      '-A SEP2 -j DNAT --to-destination 10.1.0.2:80',
    ]);
    expect(clamped.candidates).toEqual([
      { endpoint: '10.1.0.1:80', probability: 1 },
      { endpoint: '10.1.0.2:80', probability: 0 },
    ]);
    const zero = run([
      '-A KUBE-SERVICES -m statistic --mode random --probability -1 -j SEP1',
      '-A KUBE-SERVICES -j SEP2',
      '-A SEP1 -j DNAT --to-destination 10.1.0.1:80',
      '-A SEP2 -j DNAT --to-destination 10.1.0.2:80',
    ]);
    expect(zero.candidates).toEqual([
      { endpoint: '10.1.0.1:80', probability: 0 },
      { endpoint: '10.1.0.2:80', probability: 1 },
    ]);
  });

  it('follows jumps 64 levels deep and no deeper (loops end)', () => {
    const chain = (n: number) => (n === 0 ? 'KUBE-SERVICES' : `C${n}`);
    const nested = (dnatAt: number) => {
      const lines: string[] = [];
      for (let n = 0; n < dnatAt; n++) lines.push(`-A ${chain(n)} -j ${chain(n + 1)}`);
      lines.push(`-A ${chain(dnatAt)} ${TO}`);
      return lines;
    };
    expect(run(nested(64)).verdict).toBe('DNAT');
    expect(run(nested(65)).verdict).toBe('NONE');
    expect(run(['-A KUBE-SERVICES -j LOOP', '-A LOOP -j LOOP']).verdict).toBe('NONE');
  });

  it('starts at nat PREROUTING when the dump has it', () => {
    const r = run([':PREROUTING ACCEPT [0:0]', '-A PREROUTING -j KUBE-SERVICES', `-A KUBE-SERVICES ${TO}`]);
    expect(r.verdict).toBe('DNAT');
    expect(run([':PREROUTING ACCEPT [0:0]', `-A KUBE-SERVICES ${TO}`]).verdict).toBe('NONE');
  });

  it('checks the filter chains against the DNAT destination; DROP and REJECT win', () => {
    const nat = [`-A KUBE-SERVICES ${TO}`];
    for (const chain of [
      'KUBE-SERVICES',
      'KUBE-EXTERNAL-SERVICES',
      'KUBE-NODEPORTS',
      'KUBE-PROXY-FIREWALL',
    ]) {
      expect(run(nat, [`-A ${chain} -d 10.1.0.2 -j DROP`]).verdict).toBe('DNAT');
      const r = run(nat, [`-A ${chain} -d 10.1.0.1 -j REJECT`]);
      expect([r.verdict, r.candidates]).toEqual(['REJECT', []]);
      expect(run(nat, [`-A ${chain} -d 10.96.0.1 -j DROP`]).verdict).toBe('DNAT');
    }
    expect(run([], ['-A KUBE-SERVICES -d 10.96.0.1 -j DROP']).verdict).toBe('DROP');
    expect(run([], ['-A KUBE-NODEPORTS -j ACCEPT']).verdict).toBe('ACCEPT');
    expect(run(nat, ['-A KUBE-NODEPORTS -j ACCEPT']).verdict).toBe('DNAT');
    expect(run([], []).verdict).toBe('NONE');
    const v6 = run(
      ['-A KUBE-SERVICES -j DNAT --to-destination [fd00::1]:80'],
      ['-A KUBE-SERVICES -d fd00::1 -j DROP'],
      {
        sourceIP: 'fd00::9',
        destIP: 'fd00::10',
      },
    );
    expect(v6.verdict).toBe('DROP');
  });

  it('infers LOCAL addresses from -d ADDR -j KUBE-NODEPORTS rules when nothing else gives them', () => {
    const nat = [
      '-A KUBE-SERVICES -d 192.168.0.2/32 -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -d 192.168.0.3 -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -d fd00::2/128 -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES ! -d 192.168.0.4/32 -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -d 192.168.1.0/24 -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -d 192.168.0.5/32 -j OTHER',
      `-A KUBE-NODEPORTS -m addrtype --dst-type LOCAL ${TO}`,
    ];
    const local = (destIP: string) => run(nat, [], { destIP }).verdict;
    expect(local('192.168.0.2')).toBe('DNAT');
    expect(local('192.168.0.3')).toBe('DNAT');
    expect(local('fd00::2')).toBe('DNAT');
    // ! -d 192.168.0.4 sends 192.168.1.7 to KUBE-NODEPORTS, but neither is LOCAL.
    expect(local('192.168.1.7')).toBe('NONE');
    expect(local('192.168.0.5')).toBe('NONE');
    const withLocal = { ...rules(nat), localIPs: ['192.168.0.5'] };
    expect(evaluatePacket(withLocal, pkt({ destIP: '192.168.0.2' })).verdict).toBe('NONE');
  });

  it('walks long chains through a per-destination subset with the same result', () => {
    const nat: string[] = [];
    for (let i = 0; i < 80; i++)
      nat.push(`-A KUBE-SERVICES -d 10.96.1.${i} -j DNAT --to-destination 10.1.1.${i}:80`);
    nat.push('-A KUBE-SERVICES ! -d 10.96.1.7 -d 10.96.1.0/24 -j DNAT --to-destination 10.2.0.1:80');
    nat.push('-A KUBE-SERVICES -j DNAT --to-destination 10.3.0.1:80');
    const rs = rules(nat);
    const to = (destIP: string) => evaluatePacket(rs, pkt({ destIP })).candidates[0]?.endpoint;
    expect(to('10.96.1.5')).toBe('10.1.1.5:80');
    expect(to('10.96.1.79')).toBe('10.1.1.79:80');
    expect(to('10.96.1.5')).toBe('10.1.1.5:80');
    expect(to('10.96.1.200')).toBe('10.2.0.1:80');
    expect(to('10.96.2.1')).toBe('10.3.0.1:80');
  });
});

describe('evaluatePacket (iptables) input errors', () => {
  const rs = rules([`-A KUBE-SERVICES ${TO}`]);
  it.each([
    [null, 'INVALID_PACKET', 'packet must be an object', []],
    [
      { ...pkt(), sourceIP: 'x' },
      'INVALID_ADDRESS',
      'packet.sourceIP "x" is not an IP address',
      ['sourceIP'],
    ],
    [
      { ...pkt(), destIP: '10.96.0' },
      'INVALID_ADDRESS',
      'packet.destIP "10.96.0" is not an IP address',
      ['destIP'],
    ],
    [{ ...pkt(), destPort: 65536 }, 'INVALID_PORT', 'packet.destPort 65536 is not a port', ['destPort']],
    [{ ...pkt(), destPort: -1 }, 'INVALID_PORT', 'packet.destPort -1 is not a port', ['destPort']],
    [{ ...pkt(), destPort: 2.5 }, 'INVALID_PORT', 'packet.destPort 2.5 is not a port', ['destPort']],
    [{ ...pkt(), destPort: '80' }, 'INVALID_PORT', 'packet.destPort "80" is not a port', ['destPort']],
    [
      { ...pkt(), protocol: 'icmp' },
      'INVALID_PROTOCOL',
      'packet.protocol "icmp" must be TCP, UDP or SCTP',
      ['protocol'],
    ],
  ])('%j', (packet, code, message, path) => {
    const e = thrown(() => evaluatePacket(rs, packet as never));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
  });

  it('accepts ports 0 and 65535', () => {
    expect(evaluatePacket(rs, pkt({ destPort: 0 })).verdict).toBe('DNAT');
    expect(evaluatePacket(rs, pkt({ destPort: 65535 })).verdict).toBe('DNAT');
  });
});

describe('assertRuleset', () => {
  const good = parseIptablesSave('*nat\n:A - [0:0]\n-A A -j RETURN\nCOMMIT\n');
  const table = good.tables[0];
  it.each([
    [null, [], 'ruleset must be a Ruleset object'],
    [[], [], 'ruleset must be a Ruleset object'],
    ['x', [], 'ruleset must be a Ruleset object'],
    [{}, ['tables'], 'ruleset.tables must be an array'],
    [{ tables: [], trailer: 'x' }, ['trailer'], 'ruleset.trailer must be an array of strings'],
    [{ tables: [], trailer: [1] }, ['trailer'], 'ruleset.trailer must be an array of strings'],
    [{ tables: [], localIPs: [null] }, ['localIPs'], 'ruleset.localIPs must be an array of strings'],
    [{ tables: [null] }, ['tables', 0], 'ruleset.tables[0] must be a table object'],
    [{ tables: [{ ...table, name: 1 }] }, ['tables', 0, 'name'], 'ruleset.tables[0].name must be a string'],
    [
      { tables: [{ ...table, header: 1 }] },
      ['tables', 0, 'header'],
      'ruleset.tables[0].header must be a string',
    ],
    [
      { tables: [{ ...table, commit: null }] },
      ['tables', 0, 'commit'],
      'ruleset.tables[0].commit must be a string',
    ],
    [
      { tables: [{ ...table, before: [2] }] },
      ['tables', 0, 'before'],
      'ruleset.tables[0].before must be an array of strings',
    ],
    [
      { tables: [{ ...table, lines: 'x' }] },
      ['tables', 0, 'lines'],
      'ruleset.tables[0].lines must be an array',
    ],
    [
      { tables: [table, { ...table, lines: [null] }] },
      ['tables', 1, 'lines', 0],
      'ruleset.tables[1].lines[0] must be a line object with a text',
    ],
    [
      { tables: [{ ...table, lines: [{ kind: 'rule', text: 5, chain: 'A' }] }] },
      ['tables', 0, 'lines', 0],
      'ruleset.tables[0].lines[0] must be a line object with a text',
    ],
    [
      { tables: [{ ...table, lines: [{ kind: 'rule', text: '-A A' }] }] },
      ['tables', 0, 'lines', 0, 'chain'],
      'ruleset.tables[0].lines[0].chain must be a string',
    ],
  ])('%j', (value, path, message) => {
    const e = thrown(() => assertRuleset(value));
    expect([e.code, e.message, e.path]).toEqual(['INVALID_RULESET', message, path]);
  });

  it('accepts well-formed rulesets, "other" lines without a chain, and skips lines when asked', () => {
    expect(() => assertRuleset(good)).not.toThrow();
    expect(() =>
      assertRuleset({
        tables: [{ ...table, lines: [{ kind: 'other', text: '# x' }] }],
        trailer: [],
        localIPs: ['1.2.3.4'],
      }),
    ).not.toThrow();
    expect(() => assertRuleset({ tables: [{ ...table, lines: [null] }] }, 'current', false)).not.toThrow();
    const e = thrown(() => assertRuleset({ tables: 'x' }, 'current'));
    expect(e.message).toBe('current.tables must be an array');
  });
});

// iptables-restore --noflush (iptables/iptables-restore.c): a chain line creates or flushes the chain,
// -A appends, -X deletes; untouched chains and tables stay.
describe('applyIptablesRestore', () => {
  const current = parseIptablesSave(
    '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-B - [0:0]\n:KUBE-A - [0:0]\n-A PREROUTING -j KUBE-A\n-A KUBE-A -j RETURN\n-A KUBE-B -j RETURN\nCOMMIT\n',
  );
  it('flushes named chains, appends, deletes and keeps the rest in iptables-save order', () => {
    const restore = parseIptablesSave(
      '*nat\n:KUBE-A - [0:0]\n:KUBE-C - [0:0]\n-A KUBE-A -j KUBE-C\n-X KUBE-B\nCOMMIT\n*filter\n:KUBE-F - [0:0]\n-A KUBE-F -j DROP\nCOMMIT\n',
    );
    expect(formatIptablesSave(applyIptablesRestore(current, restore))).toBe(
      '*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-A - [0:0]\n:KUBE-C - [0:0]\n-A PREROUTING -j KUBE-A\n-A KUBE-A -j KUBE-C\nCOMMIT\n' +
        '*filter\n:KUBE-F - [0:0]\n-A KUBE-F -j DROP\nCOMMIT\n',
    );
  });

  it('keeps localIPs from the current ruleset, else from the restore input', () => {
    const empty = parseIptablesSave('');
    expect(
      applyIptablesRestore({ ...current, localIPs: ['1.1.1.1'] }, { ...empty, localIPs: ['2.2.2.2'] })
        .localIPs,
    ).toEqual(['1.1.1.1']);
    expect(applyIptablesRestore(current, { ...empty, localIPs: ['2.2.2.2'] }).localIPs).toEqual(['2.2.2.2']);
    expect('localIPs' in applyIptablesRestore(current, empty)).toBe(false);
  });

  it('refuses a rule for a chain that does not exist, naming table, chain and line', () => {
    const restore = parseIptablesSave('*nat\n:KUBE-A - [0:0]\n-A KUBE-Z -j RETURN\nCOMMIT\n');
    const e = thrown(() => applyIptablesRestore(current, restore));
    expect([e.code, e.message, e.path]).toEqual([
      'CHAIN_NOT_FOUND',
      'table nat: rule for missing chain KUBE-Z',
      ['tables', 'nat', 'lines', 1],
    ]);
    const e2 = thrown(() => applyIptablesRestore(null as never, restore));
    expect([e2.code, e2.message]).toEqual(['INVALID_RULESET', 'current must be a Ruleset object']);
    const e3 = thrown(() => applyIptablesRestore(current, {} as never));
    expect([e3.code, e3.message]).toEqual(['INVALID_RULESET', 'restore.tables must be an array']);
  });
});
