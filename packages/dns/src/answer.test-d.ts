import { describe, expectTypeOf, it } from 'vitest';
import type { DnsAnswer, Rcode } from './answer.ts';
import { answer } from './answer.ts';
import type { ClusterZone } from './cluster-zone.ts';
import { clusterZone } from './cluster-zone.ts';
import type { DnsRecord } from './dns-record.ts';
import { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { type SearchCandidatesOptions, searchCandidates } from './search-candidates.ts';
import { validateDns1123Label } from './validate-dns1123-label.ts';

describe('public types', () => {
  it('answer returns readonly records with a string-literal rcode', () => {
    const zone = clusterZone({ clusterDomain: 'cluster.local' });
    expectTypeOf(zone).toEqualTypeOf<ClusterZone>();
    const r = answer(zone, { name: 'a', type: 'A' });
    expectTypeOf(r).toEqualTypeOf<DnsAnswer>();
    expectTypeOf(r.rcode).toEqualTypeOf<Rcode>();
    expectTypeOf(r.answers).toEqualTypeOf<readonly DnsRecord[]>();
  });

  it('parsers come in throwing and Result flavours', () => {
    expectTypeOf(parseResolvConf('')).toEqualTypeOf<ResolvConf>();
    const r = safeParseResolvConf('');
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<ResolvConf>();
    else expectTypeOf(r.error.code).toBeString();
  });

  it('resolver kinds are checked', () => {
    expectTypeOf<NonNullable<SearchCandidatesOptions['resolver']>>().toEqualTypeOf<'glibc' | 'musl' | 'go'>();
    // @ts-expect-error — not a resolver we model
    searchCandidates('a', parseResolvConf(''), { resolver: 'bionic' });
    expectTypeOf(validateDns1123Label('x')).toEqualTypeOf<string[]>();
  });
});
