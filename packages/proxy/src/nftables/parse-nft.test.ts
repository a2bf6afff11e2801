// `nft -f` text in knftables' syntax (sigs.k8s.io/knftables fake.go Dump, as kube-proxy's
// pkg/proxy/nftables/proxier_test.go shows it).
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { parseNft, safeParseNft } from './parse-nft.ts';

function thrown(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

const T = 'add table ip t\n';

describe('parseNft refuses bad lines, naming the line', () => {
  it.each([
    ['bogus', 'line 1: not an nft table/chain/rule/set/map/element command: "bogus"', [0]],
    [
      '\n# c\n  list table ip t  ',
      'line 3: not an nft table/chain/rule/set/map/element command: "list table ip t"',
      [2],
    ],
    [
      'add table inet t',
      'line 1: not an nft table/chain/rule/set/map/element command: "add table inet t"',
      [0],
    ],
    ['add table ip t { x }', 'line 1: bad table options "{ x }"', [0]],
    ['add chain ip t c', 'line 1: table ip t is not defined', [0]],
    ['add table ip6 t\nadd chain ip t c', 'line 2: table ip t is not defined', [1]],
    [`${T}flush chain ip t c`, 'line 2: no chain "c"', [1]],
    [`${T}add chain ip t c { bogus }`, 'line 2: bad chain "c { bogus }"', [1]],
    [`${T}flush set ip t s`, 'line 2: no set "s"', [1]],
    [`${T}flush map ip t m`, 'line 2: no map "m"', [1]],
    [`${T}add set ip t s { }`, 'line 2: bad set "s { }"', [1]],
    [`${T}add map ip t m`, 'line 2: bad map "m"', [1]],
    [`${T}add chain ip t c\ndelete rule ip t c handle 3`, 'line 3: only "add rule" is supported', [2]],
    [`${T}add chain ip t c\nflush rule ip t c`, 'line 3: only "add rule" is supported', [2]],
    [`${T}add chain ip t c\nadd rule ip t c`, 'line 3: bad rule "c"', [2]],
    [`${T}add rule ip t nochain drop`, 'line 2: rule for unknown chain "nochain"', [1]],
    [
      `${T}add set ip t s { type ipv4_addr ; }\nadd element ip t s 10.0.0.1`,
      'line 3: bad element "s 10.0.0.1"',
      [2],
    ],
    [`${T}add set ip t s { type ipv4_addr ; }\nadd element ip t s { }`, 'line 3: bad element "s { }"', [2]],
    [
      `${T}add set ip t s { type ipv4_addr ; }\nadd element ip t  s { k }`,
      'line 3: bad element " s { k }"',
      [2],
    ],
    [
      `${T}add set ip t s { type ipv4_addr ; }\nadd element ip t s\tx { k }`,
      'line 3: bad element "s\\tx { k }"',
      [2],
    ],
    [`${T}add set ip t s { type ipv4_addr ; }\nadd element ip t s { k`, 'line 3: bad element "s { k"', [2]],
    [`${T}add element ip t x { 10.0.0.1 }`, 'line 2: element for unknown set or map "x"', [1]],
  ])('%j', (text, message, path) => {
    const e = thrown(() => parseNft(text));
    expect([e.code, e.message, e.path]).toEqual(['INVALID_NFT', message, path]);
    const r = safeParseNft(text);
    expect(r.ok ? undefined : r.error.message).toBe(message);
  });

  it('refuses non-string text', () => {
    const e = thrown(() => parseNft(5 as never));
    expect([e.code, e.message, e.path]).toEqual(['INVALID_NFT', 'nft text must be a string', []]);
  });
});

describe('parseNft objects', () => {
  it('reads tables with and without comments, in order, and localAddresses', () => {
    const r = parseNft('add table ip6 b\nadd table ip a { comment "x \\"y\\"" ; }\ncreate table ip a\n', {
      localAddresses: ['10.0.0.1'],
    });
    expect(r).toEqual({
      kind: 'nftables',
      tables: [
        { family: 'ip6', name: 'b', chains: [], sets: [] },
        { family: 'ip', name: 'a', comment: 'x "y"', chains: [], sets: [] },
      ],
      localAddresses: ['10.0.0.1'],
    });
    expect(parseNft('').localAddresses).toEqual([]);
    expect(parseNft('  \n#x\n').tables).toEqual([]);
  });

  it('reads base chains, comments, devices and policies', () => {
    const r = parseNft(
      `${T}add chain ip t a { type nat hook prerouting priority -100 ; }\n` +
        `add chain ip t b { type filter hook forward device "eth0" priority 0 ; policy accept ; comment "c\\\\d" ; }\n` +
        `add chain ip t c { comment "only" ; }\n` +
        'add chain ip t d\n',
    );
    expect(r.tables[0]?.chains).toEqual([
      { name: 'a', type: 'nat', hook: 'prerouting', priority: -100, rules: [] },
      { name: 'b', type: 'filter', hook: 'forward', priority: 0, comment: 'c\\d', rules: [] },
      { name: 'c', comment: 'only', rules: [] },
      { name: 'd', rules: [] },
    ]);
  });

  it('keeps rules when a chain is added again, empties on flush, drops on delete/destroy', () => {
    const base = `${T}add chain ip t c\nadd chain ip t d\nadd rule ip t c drop\ncreate rule ip t c accept comment "x \\"q\\""\nadd chain ip t c\n`;
    expect(parseNft(base).tables[0]?.chains).toEqual([
      { name: 'c', rules: [{ rule: 'drop' }, { rule: 'accept', comment: 'x "q"' }] },
      { name: 'd', rules: [] },
    ]);
    expect(parseNft(`${base}flush chain ip t c\n`).tables[0]?.chains[0]?.rules).toEqual([]);
    expect(parseNft(`${base}delete chain ip t c\n`).tables[0]?.chains.map((c) => c.name)).toEqual(['d']);
    expect(parseNft(`${base}destroy chain ip t d\n`).tables[0]?.chains.map((c) => c.name)).toEqual(['c']);
    expect(parseNft(`${base}add rule ip t d drop\nflush table ip t\n`).tables[0]?.chains).toEqual([
      { name: 'c', rules: [] },
      { name: 'd', rules: [] },
    ]);
    expect(parseNft(`${base}delete table ip t\n`).tables).toEqual([]);
    expect(parseNft(`${base}destroy table ip t\nadd table ip t\n`).tables[0]?.chains).toEqual([]);
  });

  it('reads sets and maps with flags, timeout and comment; a second add keeps the first', () => {
    const r = parseNft(
      `${T}add set ip t s { type ipv4_addr . inet_proto . inet_service ; flags interval,timeout ; timeout 10800s ; comment "aff" ; }\n` +
        'add map ip t m { type ipv4_addr : verdict ; }\n' +
        'add set ip t s { type ipv6_addr ; }\n',
    );
    expect(r.tables[0]?.sets).toEqual([
      {
        kind: 'set',
        name: 's',
        type: 'ipv4_addr . inet_proto . inet_service',
        flags: ['interval', 'timeout'],
        timeout: 10800,
        comment: 'aff',
        elements: [],
      },
      { kind: 'map', name: 'm', type: 'ipv4_addr : verdict', elements: [] },
    ]);
  });

  it('adds, deletes and flushes elements', () => {
    const base =
      `${T}add map ip t m { type ipv4_addr . inet_proto . inet_service : verdict ; }\n` +
      'add element ip t m { 10.0.0.1 . tcp . 80 : goto a }\n' +
      'add element ip t m { 10.0.0.2 . tcp . 80 comment "c" : goto b . x }\n' +
      'add element ip t m { 10.0.0.3 . tcp . 80 comment "open }\n' +
      'add element ip t m { 10.0.0.4 comment "c" x }\n';
    expect(parseNft(base).tables[0]?.sets[0]?.elements).toEqual([
      { key: ['10.0.0.1', 'tcp', '80'], value: ['goto a'] },
      { key: ['10.0.0.2', 'tcp', '80'], comment: 'c', value: ['goto b', 'x'] },
      { key: ['10.0.0.3', 'tcp', '80 comment "open'] },
      { key: ['10.0.0.4 comment "c" x'] },
    ]);
    const del = parseNft(
      `${base}delete element ip t m { 10.0.0.1 . tcp . 80 }\ndestroy element ip t m { 10.0.0.2 . tcp . 80 : goto b }\n`,
    );
    expect(del.tables[0]?.sets[0]?.elements.map((e) => e.key[0])).toEqual([
      '10.0.0.3',
      '10.0.0.4 comment "c" x',
    ]);
    expect(parseNft(`${base}flush map ip t m\n`).tables[0]?.sets[0]?.elements).toEqual([]);
    expect(parseNft(`${base}delete map ip t m\n`).tables[0]?.sets).toEqual([]);
    expect(parseNft(`${base}destroy map ip t m\n`).tables[0]?.sets).toEqual([]);
  });
});
