export type { DnsAnswer, DnsQuestion, Rcode } from './answer.ts';
export { answer, DNS_SCHEMA_VERSION } from './answer.ts';
export type { CheckHostResolvConfOptions } from './check-host-resolv-conf.ts';
export { checkHostResolvConf } from './check-host-resolv-conf.ts';
export type {
  ClusterZone,
  ClusterZoneInput,
  EndpointRef,
  FastAnswers,
  NegativeAnswers,
  PodsMode,
  ZoneNameServer,
} from './cluster-zone.ts';
export { clusterZone } from './cluster-zone.ts';
export type { Corefile, CorefileDirective, CorefileServerBlock } from './corefile.ts';
export type { DefaultCorefileOptions } from './default-corefile.ts';
export { defaultCorefile } from './default-corefile.ts';
export { DnsError, isDnsError } from './dns-error.ts';
export type { DnsRecord, RecordType } from './dns-record.ts';
export type { FormatCorefileOptions } from './format-corefile.ts';
export { formatCorefile } from './format-corefile.ts';
export { formatResolvConf } from './format-resolv-conf.ts';
export type { IpInfo } from './internal/ip-text.ts';
export type { ZoneAddress, ZonePort, ZoneService, ZoneSlice } from './internal/zone-data.ts';
export type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';
export type { KubernetesPluginConfig } from './kubernetes-plugin-config.ts';
export { kubernetesPluginConfig, normalizeZone } from './kubernetes-plugin-config.ts';
export { COREFILE_MAX_DEPTH, parseCorefile, safeParseCorefile } from './parse-corefile.ts';
export { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';
export type { PodRecordsOptions } from './pod-records.ts';
export { podRecords } from './pod-records.ts';
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
export type {
  ResolveNameOptions,
  ResolveOutcome,
  ResolveQuery,
  ResolveResult,
} from './resolve-name.ts';
export { resolveName } from './resolve-name.ts';
export type { ResolverKind, SearchCandidatesOptions } from './search-candidates.ts';
export { searchCandidates } from './search-candidates.ts';
export type { ServiceRecordsOptions } from './service-records.ts';
export { serviceRecords } from './service-records.ts';
export { DNS1035_LABEL_MAX_LENGTH, validateDns1035Label } from './validate-dns1035-label.ts';
export { DNS1123_LABEL_MAX_LENGTH, validateDns1123Label } from './validate-dns1123-label.ts';
export { DNS1123_SUBDOMAIN_MAX_LENGTH, validateDns1123Subdomain } from './validate-dns1123-subdomain.ts';
export { zoneRecords } from './zone-records.ts';
