import {
  type Addr,
  addrNext,
  compareAddr,
  formatAddr,
  formatPrefix,
  type PathSegment,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import { ClusterError } from '../cluster-error.ts';
import { describePath, quote } from './sanitize.ts';

const fail = (code: string, path: readonly PathSegment[], message: string): never => {
  throw new ClusterError(code, `${describePath(path)}: ${message}`, path);
};

/** Checks an address field; returns the canonical text. */
export function checkAddr(text: string, path: readonly PathSegment[], family?: 4 | 6): string {
  const r = safeParseAddr(text);
  if (!r.ok || r.value.zone !== '') {
    return fail(
      'INVALID_ADDRESS',
      path,
      `${quote(text)} is not an ${family === 6 ? 'IPv6' : 'IPv4'} address`,
    );
  }
  if (family !== undefined && r.value.family !== family) {
    return fail(
      'FAMILY_MISMATCH',
      path,
      `${quote(text)} is not an IPv${family} address (the cluster's pod CIDR is IPv${family})`,
    );
  }
  return text;
}

/** Checks a CIDR field (strict: host bits set is an error); returns the canonical text. */
export function checkCidr(text: string, path: readonly PathSegment[], family?: 4 | 6): string {
  const r = safeParsePrefix(text);
  if (!r.ok) {
    return fail(
      r.error.code === 'HOST_BITS_SET' ? 'HOST_BITS_SET' : 'INVALID_PREFIX',
      path,
      `${quote(text)}: ${r.error.code === 'HOST_BITS_SET' ? 'host bits are set' : 'is not a CIDR'}`,
    );
  }
  if (family !== undefined && r.value.addr.family !== family) {
    return fail('FAMILY_MISMATCH', path, `${quote(text)} is not an IPv${family} CIDR`);
  }
  return formatPrefix(r.value);
}

/**
 * The LAN's conventional gateway: the first address of the /24 (IPv4) or /64 (IPv6) that holds the lowest node
 * IP; `192.168.1.1` without nodes. Used as the default upstream nameserver and `bridge-gateway` router.
 */
export function defaultGateway(nodes: readonly { readonly ip: string }[], family: 4 | 6 = 4): string {
  let best: Addr | null = null;
  for (const node of nodes) {
    const r = safeParseAddr(node.ip);
    if (r.ok && r.value.family === family && (best === null || compareAddr(r.value, best) < 0))
      best = r.value;
  }
  if (best === null) return family === 4 ? '192.168.1.1' : 'fd00::1';
  const net = safeParsePrefix(`${formatAddr(best)}/${family === 4 ? 24 : 64}`, { strict: false });
  const gateway = net.ok ? addrNext(net.value.addr) : undefined;
  return gateway === undefined ? '192.168.1.1' : formatAddr(gateway);
}
