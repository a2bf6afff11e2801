import { describe, expect, it } from 'vitest';
import { testService, testSlice } from '../modes/upstream-fixtures.ts';
import { formatIpvsadm } from './format-ipvsadm.ts';
import { formatIpvsadmSave } from './format-ipvsadm-save.ts';
import { ipvsRules } from './ipvs-rules.ts';
import type { IpvsRuleset, IpvsVirtualServer } from './ipvs-ruleset.ts';
import { parseIpvsadmSave, safeParseIpvsadmSave } from './parse-ipvsadm-save.ts';

describe('parseIpvsadmSave', () => {
  it('reads a real ipvsadm -S -n dump (NodePort on several interfaces)', () => {
    const dump = [
      '-A -t 172.17.0.1:30470 -s rr',
      '-a -t 172.17.0.1:30470 -r 10.126.142.9:80 -m -w 1',
      '-A -t 10.12.32.121:30470 -s rr',
      '-a -t 10.12.32.121:30470 -r 10.126.142.9:80 -m -w 1',
      '-A -u 10.96.0.10:53 -s rr -p 10800',
      '-a -u 10.96.0.10:53 -r 10.244.0.3:53 -m -w 1',
      '-a -u 10.96.0.10:53 -r 10.244.0.2:53 -m -w 1',
      '',
    ].join('\n');
    expect(parseIpvsadmSave(dump)).toEqual([
      {
        address: '10.12.32.121',
        port: 30470,
        protocol: 'TCP',
        scheduler: 'rr',
        realServers: [{ address: '10.126.142.9', port: 80, weight: 1 }],
      },
      {
        address: '172.17.0.1',
        port: 30470,
        protocol: 'TCP',
        scheduler: 'rr',
        realServers: [{ address: '10.126.142.9', port: 80, weight: 1 }],
      },
      {
        address: '10.96.0.10',
        port: 53,
        protocol: 'UDP',
        scheduler: 'rr',
        flags: ['persistent'],
        timeout: 10800,
        realServers: [
          { address: '10.244.0.2', port: 53, weight: 1 },
          { address: '10.244.0.3', port: 53, weight: 1 },
        ],
      },
    ]);
  });

  it('round-trips what formatIpvsadmSave prints (IPv4 and IPv6, SCTP, affinity)', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [
            { name: 'p80', port: 80, nodePort: 3001 },
            { name: 'sctp', port: 9, protocol: 'SCTP', nodePort: 3002 },
          ],
          sessionAffinityTimeout: 600,
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [{ ip: '10.180.0.2' }, { ip: '10.180.0.10' }],
          [
            { name: 'p80', port: 8080 },
            { name: 'sctp', port: 9, protocol: 'SCTP' },
          ],
        ),
      ],
      config: { hostname: 'n1', nodeIPs: ['192.168.0.2'] },
    });
    const text = formatIpvsadmSave(r);
    expect(parseIpvsadmSave(text)).toEqual(r.virtualServers);
    expect(formatIpvsadmSave({ ...r, virtualServers: parseIpvsadmSave(text) })).toBe(text);
    const v6 = '-A -t [2020::1]:80 -s rr\n-a -t [2020::1]:80 -r [fd00::a]:8080 -m -w 1\n';
    expect(parseIpvsadmSave(v6)[0]?.realServers).toEqual([{ address: 'fd00::a', port: 8080, weight: 1 }]);
  });

  it('reports bad input with INVALID_IPVSADM and the line index', () => {
    for (const [text, line] of [
      ['-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.2:80 -r 10.1.1.1:80 -m -w 1', 1],
      ['-A -t 10.0.0.1 -s rr', 0],
      ['-X', 0],
      ['-A -f 100 -s rr', 0],
      ['-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -m -w 1', 1],
    ] as const) {
      const r = safeParseIpvsadmSave(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_IPVSADM');
        expect(r.error.path).toEqual([line]);
      }
    }
    expect(safeParseIpvsadmSave(null as unknown as string).ok).toBe(false);
  });
});

function errorOf(text: unknown): [string, string, readonly unknown[]] | undefined {
  const r = safeParseIpvsadmSave(text as string);
  return r.ok ? undefined : [r.error.code, r.error.message, r.error.path];
}

const VS = '-A -t 10.0.0.1:80 -s rr\n';

describe('parseIpvsadmSave error messages', () => {
  it.each([
    ['-X', 'line 1: not an ipvsadm-save service or server line: "-X"', [0]],
    [
      '\n# c\n  -A -f 100 -s rr ',
      'line 3: not an ipvsadm-save service or server line: "-A -f 100 -s rr"',
      [2],
    ],
    ['-A -t', 'line 1: not an ipvsadm-save service or server line: "-A -t"', [0]],
    ['-D -t 10.0.0.1:80', 'line 1: not an ipvsadm-save service or server line: "-D -t 10.0.0.1:80"', [0]],
    ['-A -t 10.0.0.1', 'line 1: bad address:port "10.0.0.1"', [0]],
    ['-A -t 10.0.0.1:65536', 'line 1: bad address:port "10.0.0.1:65536"', [0]],
    ['-A -t fd00::1:80', 'line 1: bad address:port "fd00::1:80"', [0]],
    ['-A -t [10.0.0.x]:80', 'line 1: bad address:port "[10.0.0.x]:80"', [0]],
    ['-A -t x.y:80', 'line 1: bad address:port "x.y:80"', [0]],
    ['-A -t 10.0.0.1:80 -z', 'line 1: unknown option "-z"', [0]],
    ['-a -t 10.0.0.1:80 -r 10.0.0.2:80', 'line 1: real server for unknown service 10.0.0.1:80', [0]],
    [
      '-A -u 10.0.0.1:80\n-a -t 10.0.0.1:80 -r 10.0.0.2:80',
      'line 2: real server for unknown service 10.0.0.1:80',
      [1],
    ],
    [`${VS}-a -t 10.0.0.1:80 -r 10.0.0.2:80 -w x`, 'line 2: bad weight', [1]],
    [`${VS}-a -t 10.0.0.1:80 -r 10.0.0.2:80 -w -1`, 'line 2: bad weight', [1]],
    [`${VS}-a -t 10.0.0.1:80 -r 10.0.0.2:80 -w 1.5`, 'line 2: bad weight', [1]],
    [`${VS}-a -t 10.0.0.1:80 -r 10.0.0.2:80 -w`, 'line 2: bad weight', [1]],
    [`${VS}-a -t 10.0.0.1:80 -m -w 1`, 'line 2: missing -r', [1]],
    [`${VS}-a -t 10.0.0.1:80 -r 10.0.0.2:80 -q`, 'line 2: unknown option "-q"', [1]],
    [`${VS}-a -t 10.0.0.1:80 -r`, 'line 2: bad address:port ""', [1]],
  ])('%j', (text, message, path) => {
    expect(errorOf(text)).toEqual(['INVALID_IPVSADM', message, path]);
    expect(() => parseIpvsadmSave(text)).toThrow(message);
  });

  it('refuses non-string text', () => {
    expect(errorOf(5)).toEqual(['INVALID_IPVSADM', 'ipvsadm-save text must be a string', []]);
  });
});

// ipvsadm(8): the default scheduler is wlc, the default persistence timeout 300 s; -b takes
// scheduler flags (sh-port, mh-port, flag-2 …); -M/--pe take a value, -o (one-packet) none.
describe('parseIpvsadmSave options', () => {
  const one = (line: string) => parseIpvsadmSave(line)[0];
  it.each([
    ['-A -t 10.0.0.1:80', { scheduler: 'wlc' }],
    ['-A -t 10.0.0.1:80 --scheduler sh', { scheduler: 'sh' }],
    ['-A -t 10.0.0.1:80 -s', { scheduler: '' }],
    ['-A -t 10.0.0.1:80 -s rr -p', { scheduler: 'rr', flags: ['persistent'], timeout: 300 }],
    ['-A -t 10.0.0.1:80 --persistent -s rr', { scheduler: 'rr', flags: ['persistent'], timeout: 300 }],
    ['-A -t 10.0.0.1:80 -s rr -p 10800', { scheduler: 'rr', flags: ['persistent'], timeout: 10800 }],
    ['-A -t 10.0.0.1:80 -s sh -b sh-port', { scheduler: 'sh', flags: ['source-hash'] }],
    [
      '-A -t 10.0.0.1:80 -s mh --sched-flags mh-fallback,mh-port',
      { scheduler: 'mh', flags: ['source-hash'] },
    ],
    [
      '-A -t 10.0.0.1:80 -s rr -b flag-2 -p 60',
      { scheduler: 'rr', flags: ['source-hash', 'persistent'], timeout: 60 },
    ],
    ['-A -t 10.0.0.1:80 -s sh -b sh-fallback', { scheduler: 'sh' }],
    ['-A -t 10.0.0.1:80 -s sh -b sh-portx', { scheduler: 'sh' }],
    ['-A -t 10.0.0.1:80 -s sh -b', { scheduler: 'sh' }],
    ['-A -t 10.0.0.1:80 -M 255.255.255.255 -o --ops --pe sip --netmask 1 -s rr', { scheduler: 'rr' }],
    ['-A --tcp-service 10.0.0.1:80 -s rr', { scheduler: 'rr' }],
  ])('%s', (line, want) => {
    const vs = one(line);
    expect(vs).toEqual({ address: '10.0.0.1', port: 80, protocol: 'TCP', realServers: [], ...want });
  });

  it.each([
    ['-u', 'UDP'],
    ['--udp-service', 'UDP'],
    ['--sctp-service', 'SCTP'],
    ['-t', 'TCP'],
  ])('%s is %s', (flag, protocol) => {
    expect(one(`-A ${flag} 10.0.0.1:65535 -s rr`)).toMatchObject({ protocol, port: 65535 });
  });

  it('reads real-server options, weight default 1', () => {
    const text = `${VS}-a -t 10.0.0.1:80 --real-server 10.0.0.2:0 -g --weight 0 -x 10 -y 5\n-a -t 10.0.0.1:80 -i -r 10.0.0.3:81 --u-threshold 1 --l-threshold 0 --masquerading --gatewaying --ipip\n`;
    expect(one(text)?.realServers).toEqual([
      { address: '10.0.0.2', port: 0, weight: 0 },
      { address: '10.0.0.3', port: 81, weight: 1 },
    ]);
  });

  it('sorts like ipvsadm -Ln: protocol number, then address, then port', () => {
    const text = [
      '-A --sctp-service 10.0.0.1:1 -s rr',
      '-A -u 10.0.0.1:1 -s rr',
      '-A -t 10.0.0.10:1 -s rr',
      '-A -t 10.0.0.9:2 -s rr',
      '-A -t 10.0.0.9:1 -s rr',
      '-a -t 10.0.0.9:1 -r 10.1.0.10:80 -m -w 1',
      '-a -t 10.0.0.9:1 -r 10.1.0.9:81 -m -w 1',
      '-a -t 10.0.0.9:1 -r 10.1.0.9:80 -m -w 1',
    ].join('\n');
    const out = parseIpvsadmSave(text);
    expect(out.map((v) => `${v.protocol} ${v.address}:${v.port}`)).toEqual([
      'TCP 10.0.0.9:1',
      'TCP 10.0.0.9:2',
      'TCP 10.0.0.10:1',
      'UDP 10.0.0.1:1',
      'SCTP 10.0.0.1:1',
    ]);
    expect(out[0]?.realServers.map((r) => `${r.address}:${r.port}`)).toEqual([
      '10.1.0.9:80',
      '10.1.0.9:81',
      '10.1.0.10:80',
    ]);
  });
});

// ipvsadm.c print_service_entry / ipvsadm -S: scheduler flags print as "sh-port"/"mh-port" for the
// sh/mh schedulers, "flag-2" otherwise; persistence as "persistent N" (list) or "-p N" (save).
describe('formatIpvsadm and formatIpvsadmSave flags', () => {
  const rules = (vs: Partial<IpvsVirtualServer>): IpvsRuleset =>
    ({
      virtualServers: [
        { address: '10.0.0.1', port: 80, protocol: 'TCP', scheduler: 'rr', realServers: [], ...vs },
      ],
    }) as unknown as IpvsRuleset;
  it.each([
    [{}, 'TCP  10.0.0.1:80 rr', '-A -t 10.0.0.1:80 -s rr'],
    [
      { scheduler: 'sh', flags: ['source-hash'] },
      'TCP  10.0.0.1:80 sh (sh-port)',
      '-A -t 10.0.0.1:80 -s sh -b sh-port',
    ],
    [
      { scheduler: 'mh', flags: ['source-hash'] },
      'TCP  10.0.0.1:80 mh (mh-port)',
      '-A -t 10.0.0.1:80 -s mh -b mh-port',
    ],
    [
      { scheduler: 'rr', flags: ['source-hash'] },
      'TCP  10.0.0.1:80 rr (flag-2)',
      '-A -t 10.0.0.1:80 -s rr -b flag-2',
    ],
    [
      { flags: ['persistent'], timeout: 10800 },
      'TCP  10.0.0.1:80 rr persistent 10800',
      '-A -t 10.0.0.1:80 -s rr -p 10800',
    ],
    [{ flags: ['persistent'] }, 'TCP  10.0.0.1:80 rr persistent 0', '-A -t 10.0.0.1:80 -s rr -p 0'],
    [
      { scheduler: 'sh', flags: ['persistent', 'source-hash'], timeout: 60 },
      'TCP  10.0.0.1:80 sh (sh-port) persistent 60',
      '-A -t 10.0.0.1:80 -s sh -b sh-port -p 60',
    ],
    [{ protocol: 'UDP' }, 'UDP  10.0.0.1:80 rr', '-A -u 10.0.0.1:80 -s rr'],
    [{ protocol: 'SCTP' }, 'SCTP  10.0.0.1:80 rr', '-A --sctp-service 10.0.0.1:80 -s rr'],
  ])('%j', (vs, listLine, saveLine) => {
    const r = rules(vs as Partial<IpvsVirtualServer>);
    expect(formatIpvsadm(r).split('\n')[3]).toBe(listLine);
    expect(formatIpvsadmSave(r)).toBe(`${saveLine}\n`);
  });

  it('prints padded real-server columns and nothing for an empty table', () => {
    const r = rules({ realServers: [{ address: 'fd00::1', port: 8080, weight: 12 }], address: 'fd00::9' });
    expect(formatIpvsadm(r).split('\n').slice(3)).toEqual([
      'TCP  [fd00::9]:80 rr',
      '  -> [fd00::1]:8080               Masq    12     0          0         ',
      '',
    ]);
    expect(formatIpvsadmSave(r)).toBe(
      '-A -t [fd00::9]:80 -s rr\n-a -t [fd00::9]:80 -r [fd00::1]:8080 -m -w 12\n',
    );
    expect(formatIpvsadmSave({ virtualServers: [] } as unknown as IpvsRuleset)).toBe('');
    expect(formatIpvsadm({ virtualServers: [] } as unknown as IpvsRuleset)).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n',
    );
  });
});
