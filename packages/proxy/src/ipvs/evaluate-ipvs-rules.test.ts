// Hand-built IPVS rulesets: each iptables match the ipvs evaluator reads, the ipset types kube-proxy
// uses (pkg/proxy/ipvs/ipset.go: bitmap:port, hash:ip,port, hash:ip,port,ip, hash:ip,port,net) and
// the virtual-server lookup (weights as IPVS's weighted schedulers read them).
import { describe, expect, it } from 'vitest';
import { parseIptablesSave } from '../iptables/parse-iptables-save.ts';
import type { ModePacket } from '../modes/evaluation.ts';
import { ProxyError } from '../proxy-error.ts';
import { evaluateIpvsPacket } from './evaluate-ipvs-packet.ts';
import type { IpsetDefinition, IpvsRuleset, IpvsVirtualServer } from './ipvs-ruleset.ts';

const VS: IpvsVirtualServer = {
  address: '10.96.0.1',
  port: 80,
  protocol: 'TCP',
  scheduler: 'rr',
  realServers: [{ address: '10.1.0.1', port: 8080, weight: 1 }],
};

function ruleset(opts: {
  nat?: readonly string[];
  filter?: readonly string[];
  sets?: readonly Pick<IpsetDefinition, 'name' | 'type' | 'entries'>[];
  vs?: readonly IpvsVirtualServer[];
  family?: 4 | 6;
  nodeIPs?: readonly string[];
  bound?: readonly string[];
}): IpvsRuleset {
  const text = `*nat\n${(opts.nat ?? []).join('\n')}\nCOMMIT\n*filter\n${(opts.filter ?? []).join('\n')}\nCOMMIT\n`;
  return {
    kind: 'ipvs',
    family: opts.family ?? 4,
    virtualServers: opts.vs ?? [VS],
    ipsets: {},
    ipsetDefinitions: (opts.sets ?? []).map((s) => ({ family: 'inet', comment: '', ...s })),
    boundAddresses: opts.bound ?? [],
    iptables: parseIptablesSave(text),
    nodeIPs: opts.nodeIPs ?? ['192.168.0.2'],
  };
}

const pkt = (extra: Partial<ModePacket> = {}): ModePacket => ({
  sourceIP: '10.0.0.2',
  destIP: '10.96.0.1',
  destPort: 80,
  ...extra,
});

/** Whether `-A KUBE-SERVICES <match> -j KUBE-MARK-MASQ` marks the packet. */
function marks(
  match: string,
  packet: Partial<ModePacket> = {},
  sets: Parameters<typeof ruleset>[0]['sets'] = [],
) {
  // Masquerade is reported with a DNAT: a virtual server for each destination the cases use.
  const vs = [
    VS,
    { ...VS, address: '192.168.0.2' },
    { ...VS, address: '127.0.0.1' },
    { ...VS, protocol: 'UDP' as const },
  ];
  const rs = ruleset({ nat: [`-A KUBE-SERVICES ${match} -j KUBE-MARK-MASQ`], sets, vs });
  return evaluateIpvsPacket(rs, pkt(packet)).masquerade;
}

describe('evaluateIpvsPacket matches', () => {
  it.each([
    ['-s 10.0.0.0/8', {}, true],
    ['-s 10.0.0.3', {}, false],
    ['-s 10.0.0.2', {}, true],
    ['! -s 10.0.0.0/8', {}, false],
    ['-d 10.96.0.1', {}, true],
    ['-d 10.96.0.0/24', {}, true],
    ['! -d 10.96.0.2', {}, true],
    ['-p tcp', {}, true],
    ['-p udp', {}, false],
    ['! -p udp', {}, true],
    ['-i eth0', {}, false],
    ['! -i eth0', {}, true],
    ['-m addrtype --dst-type LOCAL', { destIP: '192.168.0.2' }, true],
    ['-m addrtype --dst-type LOCAL', { destIP: '127.0.0.1' }, true],
    ['-m addrtype --dst-type LOCAL', {}, false],
    ['-m addrtype ! --dst-type LOCAL', {}, true],
    ['-m addrtype --src-type LOCAL', { sourceIP: '192.168.0.2' }, true],
    ['-m addrtype --src-type LOCAL', {}, false],
    ['-m physdev --physdev-is-in', {}, false],
    ['-m physdev ! --physdev-is-in', {}, true],
    ['-m conntrack --ctstate NEW', {}, true],
    ['-m conntrack --ctstate RELATED,NEW', {}, true],
    ['-m conntrack --ctstate INVALID', {}, false],
    ['-m conntrack ! --ctstate INVALID', {}, true],
    ['-m ipvs --vaddr 10.96.0.1 --vport 80 --vproto tcp', {}, true],
    ['-m ipvs --vaddr 10.96.0.2', {}, false],
    ['-m ipvs --vport 81', {}, false],
    ['-m ipvs --vproto udp', {}, false],
    ['-m mark --mark 0x4000/0x4000', {}, false],
    ['-m mark ! --mark 0x4000/0x4000', {}, true],
    ['-m comment --comment "a -s 1.1.1.1 b"', {}, true],
    ['-m tcp --dport 80', {}, true],
  ])('%s with %j → %s', (match, packet, want) => {
    expect(marks(match, packet)).toBe(want);
  });

  const S = (type: string, entries: string[]) => [{ name: 'S', type, entries }];
  it.each([
    ['bitmap:port', ['80'], 'dst', {}, true],
    ['bitmap:port', ['81'], 'dst', {}, false],
    ['hash:ip', ['10.96.0.1'], 'dst', {}, true],
    ['hash:ip', ['10.0.0.2'], 'src', {}, true],
    ['hash:ip', ['10.0.0.2'], 'dst', {}, false],
    ['hash:ip,port', ['10.96.0.1,tcp:80'], 'dst,dst', {}, true],
    ['hash:ip,port', ['10.96.0.1,udp:80'], 'dst,dst', {}, false],
    ['hash:ip,port', ['10.96.0.1,udp:80'], 'dst,dst', { protocol: 'UDP' }, true],
    ['hash:ip,port', ['10.96.0.1,tcp:81'], 'dst,dst', {}, false],
    ['hash:ip,port,ip', ['10.96.0.1,tcp:80,10.0.0.2'], 'dst,dst,src', {}, true],
    ['hash:ip,port,ip', ['10.96.0.1,tcp:80,10.0.0.3'], 'dst,dst,src', {}, false],
    ['hash:ip,port,net', ['10.96.0.1,tcp:80,10.0.0.0/24'], 'dst,dst,src', {}, true],
    ['hash:ip,port,net', ['10.96.0.1,tcp:80,10.9.0.0/24'], 'dst,dst,src', {}, false],
    ['hash:ip,port,net', ['10.96.0.1,tcp:81,10.0.0.0/24'], 'dst,dst,src', {}, false],
    ['hash:net', ['10.0.0.0/8'], 'src', {}, false],
  ])('ipset %s %j (%s) with %j → %s', (type, entries, dirs, packet, want) => {
    expect(marks(`-m set --match-set S ${dirs}`, packet, S(type, entries))).toBe(want);
  });

  it('a set that does not exist never matches', () => {
    expect(marks('-m set --match-set NOPE dst')).toBe(false);
  });
});

describe('evaluateIpvsPacket walk and verdicts', () => {
  it('returns from a chain on RETURN and follows jumps to existing chains', () => {
    const rs = ruleset({
      nat: ['-A KUBE-SERVICES -j SUB', '-A KUBE-SERVICES -j KUBE-MARK-MASQ', '-A SUB -j RETURN'],
    });
    expect(evaluateIpvsPacket(rs, pkt()).masquerade).toBe(true);
    const rs2 = ruleset({ nat: ['-A KUBE-SERVICES -j RETURN', '-A KUBE-SERVICES -j KUBE-MARK-MASQ'] });
    expect(evaluateIpvsPacket(rs2, pkt()).masquerade).toBe(false);
    const loop = ruleset({ nat: ['-A KUBE-SERVICES -j L', '-A L -j L'] });
    expect(evaluateIpvsPacket(loop, pkt()).verdict).toBe('DNAT');
  });

  it('follows chains 16 levels deep and no deeper', () => {
    const nested = (n: number) => {
      const lines = ['-A KUBE-NODE-PORT -j C1'];
      for (let k = 1; k < n; k++) lines.push(`-A C${k} -j C${k + 1}`);
      lines.push(`-A C${n} -j DROP`);
      return ruleset({ filter: lines });
    };
    expect(evaluateIpvsPacket(nested(16), pkt()).verdict).toBe('DROP');
    expect(evaluateIpvsPacket(nested(17), pkt()).verdict).toBe('DNAT');
  });

  it.each(['KUBE-IPVS-FILTER', 'KUBE-PROXY-FIREWALL', 'KUBE-NODE-PORT'])(
    '%s DROP and REJECT win',
    (chain) => {
      for (const v of ['DROP', 'REJECT'] as const) {
        const rs = ruleset({ nat: ['-A KUBE-SERVICES -j KUBE-MARK-MASQ'], filter: [`-A ${chain} -j ${v}`] });
        expect(evaluateIpvsPacket(rs, pkt())).toEqual({ verdict: v, candidates: [], masquerade: true });
      }
    },
  );

  it('an ACCEPT in an earlier INPUT chain skips the later ones', () => {
    const rs = ruleset({ filter: ['-A KUBE-IPVS-FILTER -j ACCEPT', '-A KUBE-NODE-PORT -j DROP'] });
    expect(evaluateIpvsPacket(rs, pkt()).verdict).toBe('DNAT');
    expect(evaluateIpvsPacket(rs, pkt({ destPort: 81 }))).toEqual({
      verdict: 'ACCEPT',
      candidates: [],
      masquerade: false,
    });
    const none = ruleset({ filter: ['-A KUBE-NODE-PORT -p udp -j ACCEPT'] });
    expect(evaluateIpvsPacket(none, pkt({ destPort: 81 }))).toEqual({
      verdict: 'NONE',
      candidates: [],
      masquerade: false,
    });
  });

  it('matches the virtual server by address, port and protocol', () => {
    const rs = ruleset({});
    expect(evaluateIpvsPacket(rs, pkt({ protocol: 'udp' })).verdict).toBe('NONE');
    expect(evaluateIpvsPacket(rs, pkt({ destIP: '10.96.0.2' })).verdict).toBe('NONE');
    expect(evaluateIpvsPacket(rs, pkt({ destIP: 'fd00::1' })).verdict).toBe('NONE');
    expect(evaluateIpvsPacket(rs, pkt())).toEqual({
      verdict: 'DNAT',
      candidates: [{ endpoint: '10.1.0.1:8080', probability: 1 }],
      masquerade: false,
    });
  });

  it('weights candidates; all-zero weights share equally; no real servers rejects', () => {
    const weighted = ruleset({
      vs: [
        {
          ...VS,
          realServers: [
            { address: '10.1.0.1', port: 1, weight: 3 },
            { address: 'fd00::1', port: 2, weight: 1 },
          ],
        },
      ],
    });
    expect(evaluateIpvsPacket(weighted, pkt()).candidates).toEqual([
      { endpoint: '10.1.0.1:1', probability: 0.75 },
      { endpoint: '[fd00::1]:2', probability: 0.25 },
    ]);
    const zero = ruleset({
      vs: [
        {
          ...VS,
          realServers: [
            { address: '10.1.0.1', port: 1, weight: 0 },
            { address: '10.1.0.2', port: 1, weight: 0 },
          ],
        },
      ],
    });
    expect(evaluateIpvsPacket(zero, pkt()).candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
    const empty = ruleset({ vs: [{ ...VS, realServers: [] }], nat: ['-A KUBE-SERVICES -j KUBE-MARK-MASQ'] });
    expect(evaluateIpvsPacket(empty, pkt())).toEqual({ verdict: 'REJECT', candidates: [], masquerade: true });
  });

  it('drops node-originated traffic that KUBE-IPVS-OUT-FILTER drops (local sources only)', () => {
    const rs = ruleset({ filter: ['-A KUBE-IPVS-OUT-FILTER -d 10.96.0.1 -j DROP'], bound: ['10.96.0.9'] });
    expect(evaluateIpvsPacket(rs, pkt({ sourceIP: '192.168.0.2' })).verdict).toBe('DROP');
    expect(evaluateIpvsPacket(rs, pkt({ sourceIP: '10.96.0.9' })).verdict).toBe('DROP');
    expect(evaluateIpvsPacket(rs, pkt({ sourceIP: '127.0.0.1' })).verdict).toBe('DROP');
    expect(evaluateIpvsPacket(rs, pkt()).verdict).toBe('DNAT');
    const accept = ruleset({ filter: ['-A KUBE-IPVS-OUT-FILTER -j ACCEPT'] });
    expect(evaluateIpvsPacket(accept, pkt({ sourceIP: '192.168.0.2' })).verdict).toBe('DNAT');
  });

  it('masquerades hairpin traffic that KUBE-POSTROUTING matches after the DNAT', () => {
    const rs = ruleset({
      nat: ['-A KUBE-POSTROUTING -s 10.1.0.1 -d 10.1.0.1 -m tcp --dport 8080 -j MASQUERADE'],
      vs: [
        {
          ...VS,
          realServers: [
            { address: '10.1.0.1', port: 8080, weight: 1 },
            { address: '10.1.0.2', port: 8080, weight: 1 },
          ],
        },
      ],
    });
    expect(evaluateIpvsPacket(rs, pkt({ sourceIP: '10.1.0.1' })).masquerade).toBe(true);
    expect(evaluateIpvsPacket(rs, pkt({ sourceIP: '10.1.0.2' })).masquerade).toBe(false);
    const v = ruleset({
      nat: ['-A KUBE-POSTROUTING -m ipvs --vaddr 10.1.0.1 -j MASQUERADE'],
    });
    expect(evaluateIpvsPacket(v, pkt()).masquerade).toBe(true);
  });
});

describe('evaluateIpvsPacket input errors', () => {
  const good = ruleset({});
  it.each([
    [null],
    ['x'],
    [{ ...good, virtualServers: {} }],
    [{ ...good, ipsetDefinitions: null }],
    [{ ...good, iptables: null }],
    [{ ...good, iptables: 'x' }],
    [{ ...good, iptables: { tables: {} } }],
  ])('refuses %j', (rules) => {
    let e: unknown;
    try {
      evaluateIpvsPacket(rules as never, pkt());
    } catch (error) {
      e = error;
    }
    expect(e).toBeInstanceOf(ProxyError);
    expect([(e as ProxyError).code, (e as ProxyError).message]).toEqual([
      'INVALID_RULESET',
      'rules must be an IpvsRuleset (from ipvsRules)',
    ]);
  });
});
