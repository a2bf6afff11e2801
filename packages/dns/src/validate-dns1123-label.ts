import {
  byteLength,
  DNS1123_LABEL_FMT,
  DNS1123_LABEL_RE,
  DNS1123_SUBDOMAIN_RE,
  maxLenError,
  regexError,
} from './internal/validation-text.ts';

/**
 * Kubernetes' `DNS1123LabelMaxLength`.
 *
 * @example
 * ```ts
 * DNS1123_LABEL_MAX_LENGTH; // 63
 * ```
 */
export const DNS1123_LABEL_MAX_LENGTH = 63;

/**
 * Checks a DNS-1123 label (namespace names, Service port names, `pod.spec.hostname`,
 * `pod.spec.subdomain`, endpoint hostnames) exactly as Kubernetes' `IsDNS1123Label` does and
 * returns its error messages, word for word; an empty array when the value is valid. A value
 * that would be a valid subdomain gets "must not contain dots".
 *
 * @example
 * ```ts
 * validateDns1123Label('my-name'); // []
 * validateDns1123Label('My_Name');
 * // ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
 * validateDns1123Label('a.b'); // ['must not contain dots']
 * ```
 */
export function validateDns1123Label(value: string): string[] {
  const s = typeof value === 'string' ? value : '';
  const errs: string[] = [];
  if (byteLength(s) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(s)) {
    if (DNS1123_SUBDOMAIN_RE.test(s)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}
