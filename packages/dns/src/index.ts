export type { DnsAnswer, DnsQuestion, Rcode } from './answer.ts';
export { answer, DNS_SCHEMA_VERSION } from './answer.ts';
export type { ClusterZone, ClusterZoneInput, PodsMode, ZoneNameServer } from './cluster-zone.ts';
export { clusterZone } from './cluster-zone.ts';
export { DnsError, isDnsError } from './dns-error.ts';
export type { DnsRecord, RecordType } from './dns-record.ts';
export { formatResolvConf } from './format-resolv-conf.ts';
export type { IpInfo } from './internal/ip-text.ts';
export type { ZoneAddress, ZonePort, ZoneService, ZoneSlice } from './internal/zone-data.ts';
export type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';
export { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';
export type {
  PodDnsConfig,
  PodDnsConfigOption,
  PodDnsInput,
  PodDnsResult,
  PodResolvConfInput,
} from './pod-resolv-conf.ts';
export {
  MAX_DNS_NAMESERVERS,
  MAX_DNS_SEARCH_LIST_CHARS,
  MAX_DNS_SEARCH_PATHS,
  podDnsConfig,
  podResolvConf,
} from './pod-resolv-conf.ts';
export type { ResolvConf } from './resolv-conf.ts';
export type { ResolverKind, SearchCandidatesOptions } from './search-candidates.ts';
export { searchCandidates } from './search-candidates.ts';
export { DNS1035_LABEL_MAX_LENGTH, validateDns1035Label } from './validate-dns1035-label.ts';
export { DNS1123_LABEL_MAX_LENGTH, validateDns1123Label } from './validate-dns1123-label.ts';
export { DNS1123_SUBDOMAIN_MAX_LENGTH, validateDns1123Subdomain } from './validate-dns1123-subdomain.ts';
