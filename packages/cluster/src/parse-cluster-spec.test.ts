import { describe, expect, it } from 'vitest';
import { isClusterError } from './cluster-error.ts';
import { defineCluster, safeDefineCluster } from './define-cluster.ts';
import { parseClusterSpec, safeParseClusterSpec } from './parse-cluster-spec.ts';

function errorOf(input: unknown): { code: string; message: string; path: readonly (string | number)[] } {
  const r = safeParseClusterSpec(input);
  if (r.ok) throw new Error('expected an error');
  return { code: r.error.code, message: r.error.message, path: r.error.path };
}

describe('parseClusterSpec defaults (DESIGN.md "The compact cluster spec")', () => {
  it('fills in kubeadm defaults: cluster.local, /24, 10.96.0.0/12, DNS at the 10th address', () => {
    const spec = parseClusterSpec({
      podCidr: '10.244.0.0/16',
      nodes: [{ name: 'node01', ip: '192.168.1.11' }],
    });
    expect(spec.clusterDomain).toBe('cluster.local');
    expect(spec.nodeCidrMaskSize).toBe(24);
    expect(spec.serviceCidr).toBe('10.96.0.0/12');
    expect(spec.clusterDns).toBeNull();
    expect(spec.cni.plugin).toBe('bridge-static');
    expect(spec.proxy.mode).toBe('iptables');
    expect(spec.hostResolvConf).toBe('nameserver 192.168.1.1\n');
    const cluster = defineCluster({ podCidr: '10.244.0.0/16' });
    expect(cluster.clusterDns).toBe('10.96.0.10');
  });

  it('reads YAML and JSON text', () => {
    const yaml =
      'name: demo\npodCidr: 10.244.0.0/16\ncni: { plugin: weave }\nnodes:\n  - { name: node01, ip: 192.168.1.11 }\n';
    expect(parseClusterSpec(yaml).cni.plugin).toBe('weave');
    expect(parseClusterSpec(JSON.stringify({ name: 'j', podCidr: '10.1.0.0/16' })).name).toBe('j');
  });

  it('keeps a lone \\r line end out of values (test/corpus/yaml-lone-cr-in-value.json)', () => {
    expect(parseClusterSpec('name: demo\r').name).toBe('demo');
    expect(parseClusterSpec('name: demo\rpodCidr: 10.1.0.0/16\r').podCidr).toBe('10.1.0.0/16');
  });

  it('strips a \\r from CRLF input', () => {
    const spec = parseClusterSpec(
      'name: demo\r\npodCidr: 10.244.0.0/16\r\nnodes:\r\n  - name: node01\r\n    ip: 192.168.1.11\r\n',
    );
    expect(spec.name).toBe('demo');
    expect(spec.nodes[0]?.ip).toBe('192.168.1.11');
  });

  it('keeps headless and ExternalName services', () => {
    const spec = parseClusterSpec({
      services: [
        { name: 'db', clusterIp: 'None', ports: [{ port: 5432 }] },
        { name: 'ext', type: 'ExternalName', externalName: 'example.com' },
      ],
    });
    expect(spec.services[0]?.clusterIp).toBe('None');
    expect(spec.services[1]?.type).toBe('ExternalName');
    expect(spec.services[1]?.externalName).toBe('example.com');
  });
});

describe('parseClusterSpec errors: code, path, message naming the value', () => {
  it('names the bad node IP and its path', () => {
    const e = errorOf({
      nodes: [
        { name: 'a', ip: '10.0.0.1' },
        { name: 'b', ip: '10.0.0.2' },
        { name: 'c', ip: '10.0.0.300' },
      ],
    });
    expect(e.code).toBe('INVALID_ADDRESS');
    expect(e.path).toEqual(['nodes', 2, 'ip']);
    expect(e.message).toBe('nodes[2].ip: "10.0.0.300" is not an IPv4 address');
  });

  it('points at podCidr and serviceCidr', () => {
    expect(errorOf({ podCidr: '10.244.0.0/33' })).toMatchObject({
      code: 'INVALID_PREFIX',
      path: ['podCidr'],
    });
    expect(errorOf({ podCidr: '10.244.0.1/16' })).toMatchObject({ code: 'HOST_BITS_SET', path: ['podCidr'] });
    expect(errorOf({ serviceCidr: 'nope' })).toMatchObject({ code: 'INVALID_PREFIX', path: ['serviceCidr'] });
    expect(errorOf({ podCidr: 12 })).toMatchObject({ code: 'INVALID_TYPE', path: ['podCidr'] });
    expect(errorOf({ podCidr: '10.244.0.0/16', nodeCidrMaskSize: 8 })).toMatchObject({
      code: 'INVALID_MASK_SIZE',
      path: ['nodeCidrMaskSize'],
    });
  });

  it('rejects unknown enum values and missing fields', () => {
    expect(errorOf({ cni: { plugin: 'cilium' } })).toMatchObject({
      code: 'INVALID_VALUE',
      path: ['cni', 'plugin'],
    });
    expect(errorOf({ nodes: [{ name: 'n1' }] })).toMatchObject({
      code: 'MISSING_FIELD',
      path: ['nodes', 0, 'ip'],
    });
    expect(errorOf({ services: [{ name: 'x', ports: [{ port: 70000 }] }] })).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: ['services', 0, 'ports', 0, 'port'],
    });
  });

  it('rejects duplicate names (the apiserver would)', () => {
    expect(
      errorOf({
        nodes: [
          { name: 'n1', ip: '10.0.0.1' },
          { name: 'n1', ip: '10.0.0.2' },
        ],
      }),
    ).toMatchObject({ code: 'DUPLICATE_NAME', path: ['nodes', 1, 'name'] });
    expect(errorOf({ pods: [{ name: 'p' }, { name: 'p', namespace: 'default' }] }).code).toBe(
      'DUPLICATE_NAME',
    );
  });

  it('throws a coded ClusterError, never a TypeError, for non-object input', () => {
    for (const bad of [null, undefined, 42, 'x: [', [], [1, 2], true, () => 1, Symbol('s'), 10n]) {
      const r = safeDefineCluster(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(isClusterError(r.error)).toBe(true);
        expect(r.error.code).toMatch(/^[A-Z_]+$/);
      }
      expect(() => defineCluster(bad)).toThrow(expect.objectContaining({ name: 'ClusterError' }));
    }
  });

  it('never lets __proto__ keys reach a prototype', () => {
    const text =
      '{"__proto__": {"polluted": true}, "name": "x", "nodes": [{"name": "n", "ip": "10.0.0.1", "labels": {"__proto__": "a", "constructor": "b"}}]}';
    const spec = parseClusterSpec(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(spec.nodes[0]?.labels)).toBe(Object.prototype);
    expect(spec.nodes[0]?.labels.constructor).toBe('b');
    expect(Object.keys(spec.nodes[0]?.labels ?? {})).toEqual(['constructor']);
    const yaml = parseClusterSpec('__proto__: { polluted: true }\nname: y\n');
    expect(yaml.name).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting and alias bombs before they can hurt (documented limits)', () => {
    expect(errorOf('['.repeat(5000)).code).toBe('TOO_DEEP');
    expect(errorOf('['.repeat(5000)).code).toBe('TOO_DEEP');
    expect(errorOf('{"a":'.repeat(200) + '1' + '}'.repeat(200)).code).toBe('TOO_DEEP');
    expect(errorOf(`${'- '.repeat(300)}x\n`).code).toBe('TOO_DEEP');
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    expect(errorOf(bomb).code).toBe('YAML_ALIAS_LIMIT');
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(errorOf(deep).code).toBe('TOO_DEEP');
  });

  it('reports YAML syntax errors with a code', () => {
    expect(errorOf('name: [unclosed').code).toBe('YAML_SYNTAX');
    expect(errorOf('a: 1\na: 2\n').code).toBe('YAML_SYNTAX');
  });

  it('notes unknown fields for lint instead of failing', () => {
    const spec = parseClusterSpec({ nodes: [{ name: 'n', ip: '10.0.0.1', podCIDR: '10.244.0.0/24' }] });
    expect(spec.notes).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        message: 'nodes[0].podCIDR is not a field of the spec (ignored)',
        path: ['nodes', 0, 'podCIDR'],
      },
    ]);
  });
});
