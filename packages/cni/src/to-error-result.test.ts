import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
import { safeParseCniEnv } from './parse-cni-env.ts';
import { CNI_ERROR_CODES, errorResultSchema } from './result-schema.ts';
import { toErrorResult } from './to-error-result.ts';

// containernetworking/cni SPEC.md "Error" and pkg/skel/skel.go
describe('toErrorResult', () => {
  it('maps environment errors to code 4 and produces a valid error result', () => {
    const r = safeParseCniEnv({ CNI_COMMAND: 'ADD' });
    if (r.ok) throw new Error('expected an error');
    const json = toErrorResult(r.error, '1.1.0');
    expect(json).toEqual({
      cniVersion: '1.1.0',
      code: CNI_ERROR_CODES.INVALID_ENVIRONMENT_VARIABLES,
      msg: 'required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing',
    });
    expect(errorResultSchema.safeParse(json).success).toBe(true);
  });
  it('maps config errors to 7, unknown container to 3 and plugin failures to 999', () => {
    expect(toErrorResult(new CniError('INVALID_NAME', 'x'), '1.0.0').code).toBe(7);
    expect(toErrorResult(new CniError('MISSING_CONTAINER_ID', 'missing containerID'), '1.0.0').code).toBe(3);
    expect(
      toErrorResult(new CniError('NO_ADDRESSES_AVAILABLE', 'no IP addresses available'), '1.0.0', 'd'),
    ).toEqual({
      cniVersion: '1.0.0',
      code: 999,
      msg: 'no IP addresses available',
      details: 'd',
    });
  });
});
