export { DnsError, isDnsError } from './dns-error.ts';
