import { describe, expect, it } from 'vitest';
import { DnsError } from './dns-error.ts';
import { formatResolvConf } from './format-resolv-conf.ts';

function thrown(f: () => unknown): DnsError {
  try {
    f();
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

// Line order and shape as containerd's CRI writes it (pkg/cri/.../sandbox_run parseDNSOptions):
// `search …`, one `nameserver` per server, `options …`.
describe('formatResolvConf', () => {
  it.each([
    [{ nameservers: ['1.1.1.1'], searches: [], options: [] }, 'nameserver 1.1.1.1\n'],
    [{ nameservers: [], searches: ['a', 'b'], options: [] }, 'search a b\n'],
    [{ nameservers: [], searches: [], options: ['ndots:1', 'rotate'] }, 'options ndots:1 rotate\n'],
    [
      { nameservers: ['1.1.1.1', '8.8.8.8'], searches: ['x'], options: ['edns0'] },
      'search x\nnameserver 1.1.1.1\nnameserver 8.8.8.8\noptions edns0\n',
    ],
  ])('%j', (conf, text) => {
    expect(formatResolvConf(conf)).toBe(text);
  });

  it('a missing or null list is read as empty', () => {
    expect(formatResolvConf({ nameservers: ['1.1.1.1'] } as never)).toBe('nameserver 1.1.1.1\n');
    expect(formatResolvConf({ nameservers: null, searches: null, options: ['a'] } as never)).toBe(
      'options a\n',
    );
    expect(formatResolvConf({ nameservers: undefined, searches: ['s'], options: null } as never)).toBe(
      'search s\n',
    );
    expect(formatResolvConf({} as never)).toBe('');
  });

  it.each([null, undefined, 'nameserver 1.1.1.1', 7, [], [['1.1.1.1']]])(
    'refuses %j: not an object',
    (conf) => {
      const e = thrown(() => formatResolvConf(conf as never));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe('formatResolvConf expects a { nameservers, searches, options } object');
      expect(e.path).toEqual([]);
    },
  );

  it.each(['nameservers', 'searches', 'options'] as const)(
    'refuses a %s value that is not an array',
    (key) => {
      for (const bad of ['x', 1, {}, true]) {
        const e = thrown(() =>
          formatResolvConf({ nameservers: [], searches: [], options: [], [key]: bad } as never),
        );
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.message).toBe(`resolv.conf ${key} must be an array of strings`);
        expect(e.path).toEqual([key]);
      }
    },
  );

  it.each(['nameservers', 'searches', 'options'] as const)(
    'refuses a %s entry that is not a string, naming its index',
    (key) => {
      for (const bad of [null, undefined, 1, ['a'], {}]) {
        const e = thrown(() =>
          formatResolvConf({
            nameservers: [],
            searches: [],
            options: [],
            [key]: ['ok', 'ok2', bad],
          } as never),
        );
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.message).toBe(`resolv.conf ${key}[2] must be a string`);
        expect(e.path).toEqual([key, 2]);
      }
    },
  );
});
