import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
import { compareVersions, negotiateCniVersion, parseCniVersion, selectCniVersion } from './cni-version.ts';

// containernetworking/cni pkg/version/version_test.go (ParseVersion) and libcni/conf_test.go (cniVersions)
describe('cni versions', () => {
  it('parses like version.ParseVersion', () => {
    expect(parseCniVersion('1.0.0')).toEqual([1, 0, 0]);
    expect(parseCniVersion('')).toEqual([0, 1, 0]);
    expect(parseCniVersion('0.4')).toEqual([0, 4, 0]);
    expect(parseCniVersion('1')).toEqual([1, 0, 0]);
    expect(() => parseCniVersion('1.2.3.4')).toThrow(/too many parts/);
    expect(() => parseCniVersion('1.0.f')).toThrow(CniError);
    expect(() => parseCniVersion('a.b.c')).toThrow(CniError);
  });
  it('compares numerically', () => {
    expect(compareVersions('0.3.1', '0.4.0')).toBe(-1);
    expect(compareVersions('0.10.0', '0.9.0')).toBe(1);
    expect(compareVersions('', '0.1.0')).toBe(0);
  });
  it('selects like NetworkConfFromBytes', () => {
    expect(selectCniVersion({ cniVersions: ['1.1.0', '0.4.0', '1.0.0'] })).toBe('1.1.0');
    expect(selectCniVersion({ cniVersions: ['99.0.0', '1.1.0', '0.4.0', '1.0.0'] })).toBe('1.1.0');
    expect(selectCniVersion({ cniVersion: '1.2.3' })).toBe('1.2.3');
    expect(selectCniVersion({ cniVersion: '1.0.0', cniVersions: ['0.1.0', '0.4.0'] })).toBe('1.0.0');
    expect(selectCniVersion({ cniVersions: [] })).toBe('');
    expect(() => selectCniVersion({ cniVersions: ['1.1.0', '0.4.0', '1.0.f'] })).toThrow(CniError);
  });
  it('negotiates the highest common version or fails with code INCOMPATIBLE_CNI_VERSION', () => {
    expect(
      negotiateCniVersion({ cniVersion: '1.0.0', cniVersions: ['0.4.0', '1.0.0', '1.1.0'] }, [
        '0.3.1',
        '0.4.0',
        '1.0.0',
      ]),
    ).toBe('1.0.0');
    expect(negotiateCniVersion({ cniVersion: '0.3.1' })).toBe('0.3.1');
    expect(() => negotiateCniVersion({ cniVersion: '1.1.0' }, ['0.3.0', '0.3.1'])).toThrow(
      /incompatible CNI versions/,
    );
    try {
      negotiateCniVersion({ cniVersion: '1.1.0' }, ['0.3.0']);
    } catch (e) {
      expect((e as CniError).code).toBe('INCOMPATIBLE_CNI_VERSION');
    }
  });
});
