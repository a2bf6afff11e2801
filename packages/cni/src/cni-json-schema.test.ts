import { describe, expect, it } from 'vitest';
import { cniJsonSchema } from './cni-json-schema.ts';

describe('cniJsonSchema', () => {
  it('exports the conflist schema per version', () => {
    const s = cniJsonSchema('conflist', '1.1.0');
    expect(s.type).toBe('object');
    expect(s.required).toEqual(['cniVersion', 'name', 'plugins']);
    expect(Object.keys(s.properties as object)).toEqual(
      expect.arrayContaining(['cniVersions', 'disableCheck', 'disableGC', 'loadOnlyInlinedPlugins']),
    );
    expect(Object.keys(cniJsonSchema('conflist', '0.3.1').properties as object)).not.toContain(
      'disableCheck',
    );
  });
  it('exports results, errors, VERSION and runtimeConfig', () => {
    for (const kind of ['plugin', 'error', 'version', 'runtimeConfig'] as const) {
      expect(cniJsonSchema(kind).type).toBe('object');
    }
    expect(JSON.stringify(cniJsonSchema('result', '0.4.0'))).toContain('"version"');
    expect(JSON.stringify(cniJsonSchema('result', '1.1.0'))).toContain('"pciID"');
    expect(() => cniJsonSchema('conflist', '0.2.0')).toThrow();
  });
});
