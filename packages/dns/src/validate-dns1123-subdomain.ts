import {
  byteLength,
  DNS1123_SUBDOMAIN_FMT,
  DNS1123_SUBDOMAIN_RE,
  maxLenError,
  regexError,
} from './internal/validation-text.ts';

/**
 * Kubernetes' `DNS1123SubdomainMaxLength`.
 *
 * @example
 * ```ts
 * DNS1123_SUBDOMAIN_MAX_LENGTH; // 253
 * ```
 */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/**
 * Checks a DNS-1123 subdomain (Pod names, `externalName`, `dnsConfig.searches`) exactly as
 * Kubernetes' `IsDNS1123Subdomain` does and returns its messages word for word; empty when
 * valid. Like upstream it only limits the total length (253), not each label.
 *
 * @example
 * ```ts
 * validateDns1123Subdomain('example.com'); // []
 * validateDns1123Subdomain('-bad.com')[0]?.includes('must consist of lower case alphanumeric characters'); // true
 * ```
 */
export function validateDns1123Subdomain(value: string): string[] {
  const s = typeof value === 'string' ? value : '';
  const errs: string[] = [];
  if (byteLength(s) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!DNS1123_SUBDOMAIN_RE.test(s)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}
