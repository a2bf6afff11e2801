import { describe, expect, it } from 'vitest';
import { parseCniArgs, parseCniEnv, safeParseCniEnv, validateInterfaceName } from './parse-cni-env.ts';

const ok = {
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'c1',
  CNI_NETNS: '/run/netns/c1',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/opt/cni/bin:/usr/lib/cni',
};

// containernetworking/cni pkg/skel/skel.go + skel_test.go; pkg/utils/utils.go + utils_test.go
describe('parseCniEnv', () => {
  it('reads a complete ADD environment', () => {
    expect(parseCniEnv({ ...ok, CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=web-1' })).toEqual({
      command: 'ADD',
      containerId: 'c1',
      netns: '/run/netns/c1',
      ifname: 'eth0',
      args: [
        ['IgnoreUnknown', '1'],
        ['K8S_POD_NAME', 'web-1'],
      ],
      path: ['/opt/cni/bin', '/usr/lib/cni'],
    });
  });
  it('lists every missing variable in declaration order', () => {
    const r = safeParseCniEnv({ CNI_COMMAND: 'ADD' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(
        'required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing',
      );
      expect(r.error.code).toBe('MISSING_ENV');
    }
    const del = safeParseCniEnv({ CNI_COMMAND: 'DEL', CNI_CONTAINERID: 'c', CNI_IFNAME: 'eth0' });
    expect(del.ok ? '' : del.error.message).toBe('required env variables [CNI_PATH] missing');
    expect(safeParseCniEnv({ ...ok, CNI_COMMAND: 'DEL', CNI_NETNS: '' }).ok).toBe(true);
    expect(safeParseCniEnv({}).ok ? '' : (safeParseCniEnv({}) as { error: Error }).error.message).toBe(
      'required env variables [CNI_COMMAND] missing',
    );
    expect(parseCniEnv({ CNI_COMMAND: 'VERSION' }).command).toBe('VERSION');
    expect(safeParseCniEnv({ CNI_COMMAND: 'GC' }).ok).toBe(false);
  });
  it('rejects unknown commands, bad container IDs and interface names', () => {
    expect(safeParseCniEnv({ ...ok, CNI_COMMAND: 'FOO' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND', message: 'unknown CNI_COMMAND: FOO' },
    });
    expect(safeParseCniEnv({ ...ok, CNI_CONTAINERID: '-bad' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CONTAINER_ID' },
    });
    expect(safeParseCniEnv({ ...ok, CNI_IFNAME: 'eth0:1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_IFNAME', path: ['CNI_IFNAME'] },
    });
  });
  it.each([
    ['', 'interface name is empty'],
    ['1234567890123456', 'interface name is too long'],
    ['.', 'interface name is . or ..'],
    ['..', 'interface name is . or ..'],
    ['a/b', 'interface name contains / or : or whitespace characters'],
    ['a b', 'interface name contains / or : or whitespace characters'],
    ['a\tb', 'interface name contains / or : or whitespace characters'],
  ])('ValidateInterfaceName(%j) fails: %s', (name, message) => {
    expect(() => validateInterfaceName(name)).toThrow(message);
  });
  it('accepts 15-byte names and counts UTF-8 bytes', () => {
    expect(() => validateInterfaceName('123456789012345')).not.toThrow();
    expect(() => validateInterfaceName('ééééééééé')).toThrow('too long');
  });
  it('splits CNI_ARGS like types.LoadArgs', () => {
    expect(parseCniArgs('')).toEqual([]);
    expect(() => parseCniArgs('A=1=2')).toThrow('ARGS: invalid pair "A=1=2"');
    expect(() => parseCniArgs('A')).toThrow('ARGS: invalid pair "A"');
  });
});
