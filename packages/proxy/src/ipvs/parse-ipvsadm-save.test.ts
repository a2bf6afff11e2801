import { describe, expect, it } from 'vitest';
import { testService, testSlice } from '../modes/upstream-fixtures.ts';
import { formatIpvsadmSave } from './format-ipvsadm-save.ts';
import { ipvsRules } from './ipvs-rules.ts';
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
