import {
  byteLength,
  DNS1035_LABEL_FMT,
  DNS1035_LABEL_RE,
  maxLenError,
  regexError,
} from './internal/validation-text.ts';

/**
 * Kubernetes' `DNS1035LabelMaxLength`.
 *
 * @example
 * ```ts
 * DNS1035_LABEL_MAX_LENGTH; // 63
 * ```
 */
export const DNS1035_LABEL_MAX_LENGTH = 63;

/**
 * Checks a DNS-1035 label (Service names) exactly as Kubernetes' `IsDNS1035Label` does and
 * returns its messages word for word; empty when valid. The first character must be a letter.
 *
 * @example
 * ```ts
 * validateDns1035Label('my-svc'); // []
 * validateDns1035Label('1svc');
 * // ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]
 * ```
 */
export function validateDns1035Label(value: string): string[] {
  const s = typeof value === 'string' ? value : '';
  const errs: string[] = [];
  if (byteLength(s) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(s)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}
