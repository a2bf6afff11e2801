import type { Result } from '@podnet/ip';
import { canonicalIp, compareIp, parseIpSloppy } from '../internal/ip.ts';
import { ProxyError } from '../proxy-error.ts';
import type { IpvsRealServer, IpvsVirtualServer } from './ipvs-ruleset.ts';

const PROTOCOLS: Readonly<Record<string, IpvsVirtualServer['protocol']>> = {
  '-t': 'TCP',
  '--tcp-service': 'TCP',
  '-u': 'UDP',
  '--udp-service': 'UDP',
  '--sctp-service': 'SCTP',
};

function hostPort(text: string, line: number): { address: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  const address = m === null ? null : canonicalIp(m[1]!);
  const port = m === null ? Number.NaN : Number(m[2]);
  if (address === null || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ProxyError('INVALID_IPVSADM', `line ${line + 1}: bad address:port ${JSON.stringify(text)}`, [
      line,
    ]);
  }
  return { address, port };
}

type MutableVS = { -readonly [K in keyof IpvsVirtualServer]: IpvsVirtualServer[K] } & {
  realServers: IpvsRealServer[];
};

/**
 * Reads `ipvsadm-save -n` / `ipvsadm -S -n` output (what {@link formatIpvsadmSave} prints) into
 * virtual servers with their real servers, sorted as `ipvsadm -Ln` lists them. Firewall-mark
 * services (`-f`) are not supported. Throws `ProxyError` (`INVALID_IPVSADM`, path `[lineIndex]`).
 *
 * @example
 * ```ts
 * parseIpvsadmSave('-A -t 10.96.0.1:443 -s rr\n-a -t 10.96.0.1:443 -r 192.168.1.11:6443 -m -w 1\n');
 * // [{ address: '10.96.0.1', port: 443, protocol: 'TCP', scheduler: 'rr', realServers: [{ address: '192.168.1.11', port: 6443, weight: 1 }] }]
 * ```
 */
export function parseIpvsadmSave(text: string): IpvsVirtualServer[] {
  if (typeof text !== 'string')
    throw new ProxyError('INVALID_IPVSADM', 'ipvsadm-save text must be a string', []);
  const services = new Map<string, MutableVS>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const w = line.split(/\s+/);
    const cmd = w[0];
    const proto = PROTOCOLS[w[1] ?? ''];
    if ((cmd !== '-A' && cmd !== '-a') || proto === undefined || w[2] === undefined) {
      throw new ProxyError(
        'INVALID_IPVSADM',
        `line ${i + 1}: not an ipvsadm-save service or server line: ${JSON.stringify(line)}`,
        [i],
      );
    }
    const vip = hostPort(w[2], i);
    const key = `${proto} ${vip.address} ${vip.port}`;
    if (cmd === '-A') {
      const vs: MutableVS = {
        address: vip.address,
        port: vip.port,
        protocol: proto,
        scheduler: 'wlc',
        realServers: [],
      };
      for (let j = 3; j < w.length; j++) {
        const opt = w[j];
        const val = w[j + 1];
        if (opt === '-s' || opt === '--scheduler') {
          vs.scheduler = val ?? '';
          j++;
        } else if (opt === '-p' || opt === '--persistent') {
          vs.flags = [...(vs.flags ?? []), 'persistent'];
          vs.timeout = val !== undefined && /^\d+$/.test(val) ? Number(val) : 300;
          if (val !== undefined && /^\d+$/.test(val)) j++;
        } else if (opt === '-b' || opt === '--sched-flags') {
          if (val !== undefined && /(^|,)(sh|mh)-port(,|$)|flag-2/.test(val))
            vs.flags = [...(vs.flags ?? []), 'source-hash'];
          j++;
        } else if (opt === '-M' || opt === '--netmask' || opt === '-o' || opt === '--ops' || opt === '--pe') {
          if (opt !== '-o' && opt !== '--ops') j++;
        } else {
          throw new ProxyError('INVALID_IPVSADM', `line ${i + 1}: unknown option ${JSON.stringify(opt)}`, [
            i,
          ]);
        }
      }
      services.set(key, vs);
    } else {
      const vs = services.get(key);
      if (vs === undefined)
        throw new ProxyError('INVALID_IPVSADM', `line ${i + 1}: real server for unknown service ${w[2]}`, [
          i,
        ]);
      let rs: { address: string; port: number } | undefined;
      let weight = 1;
      for (let j = 3; j < w.length; j++) {
        const opt = w[j];
        if (opt === '-r' || opt === '--real-server') rs = hostPort(w[++j] ?? '', i);
        else if (opt === '-w' || opt === '--weight') {
          const n = Number(w[++j]);
          if (!Number.isInteger(n) || n < 0)
            throw new ProxyError('INVALID_IPVSADM', `line ${i + 1}: bad weight`, [i]);
          weight = n;
        } else if (opt === '-x' || opt === '-y' || opt === '--u-threshold' || opt === '--l-threshold') j++;
        else if (!['-m', '--masquerading', '-g', '--gatewaying', '-i', '--ipip'].includes(opt ?? '')) {
          throw new ProxyError('INVALID_IPVSADM', `line ${i + 1}: unknown option ${JSON.stringify(opt)}`, [
            i,
          ]);
        }
      }
      if (rs === undefined) throw new ProxyError('INVALID_IPVSADM', `line ${i + 1}: missing -r`, [i]);
      vs.realServers.push({ address: rs.address, port: rs.port, weight });
    }
  }
  const order: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, SCTP: 132 };
  const cmpAddr = (a: string, b: string): number =>
    compareIp(parseIpSloppy(a, true)!, parseIpSloppy(b, true)!);
  const out = [...services.values()];
  for (const vs of out) vs.realServers.sort((a, b) => cmpAddr(a.address, b.address) || a.port - b.port);
  return out.sort(
    (a, b) =>
      (order[a.protocol] ?? 0) - (order[b.protocol] ?? 0) || cmpAddr(a.address, b.address) || a.port - b.port,
  );
}

/**
 * {@link parseIpvsadmSave} returning a Result instead of throwing.
 *
 * @example
 * ```ts
 * safeParseIpvsadmSave('-X').ok; // false
 * ```
 */
export function safeParseIpvsadmSave(text: string): Result<IpvsVirtualServer[], ProxyError> {
  try {
    return { ok: true, value: parseIpvsadmSave(text) };
  } catch (error) {
    if (error instanceof ProxyError) return { ok: false, error };
    return {
      ok: false,
      error: new ProxyError('INVALID_IPVSADM', error instanceof Error ? error.message : String(error)),
    };
  }
}
