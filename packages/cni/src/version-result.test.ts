import { describe, expect, it } from 'vitest';
import { versionResultSchema } from './result-schema.ts';
import { versionResult } from './version-result.ts';

// containernetworking/cni SPEC.md "VERSION" example and pkg/version (All)
describe('versionResult', () => {
  it('matches the spec example', () => {
    expect(versionResult('1.1.0')).toEqual({
      cniVersion: '1.1.0',
      supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'],
    });
    expect(versionResultSchema.safeParse(versionResult('0.4.0', ['0.3.1', '0.4.0'])).success).toBe(true);
  });
});
