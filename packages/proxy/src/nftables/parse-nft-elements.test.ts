// Element lines of `nft -f` text as knftables writes them (kubernetes pkg/proxy/nftables proxier_test.go dumps):
// `add element ip kube-proxy NAME { KEY [comment "TEXT"] [: VALUE] }`.
import { describe, expect, it } from 'vitest';
import { parseNft } from './parse-nft.ts';

const head =
  'add table ip kube-proxy\nadd map ip kube-proxy m { type ipv4_addr . inet_proto . inet_service : verdict ; }\n';
const elementsOf = (line: string) => parseNft(`${head}${line}\n`).tables[0]?.sets[0]?.elements;

describe('parseNft elements', () => {
  it('reads key and value', () => {
    expect(elementsOf('add element ip kube-proxy m { 10.96.0.1 . tcp . 443 : goto service-ABC }')).toEqual([
      { key: ['10.96.0.1', 'tcp', '443'], value: ['goto service-ABC'] },
    ]);
  });
  it('reads a comment that holds " : " and escaped quotes, then the value', () => {
    expect(
      elementsOf('add element ip kube-proxy m { 10.96.0.1 . tcp . 443 comment "ns/a : \\"b\\"" : goto x }'),
    ).toEqual([{ key: ['10.96.0.1', 'tcp', '443'], comment: 'ns/a : "b"', value: ['goto x'] }]);
  });
  it('reads a key alone and a key with a comment alone', () => {
    expect(elementsOf('add element ip kube-proxy m { 10.0.0.1 . tcp . 80 }')).toEqual([
      { key: ['10.0.0.1', 'tcp', '80'] },
    ]);
    expect(elementsOf('add element ip kube-proxy m { 10.0.0.1 . tcp . 80 comment "c" }')).toEqual([
      { key: ['10.0.0.1', 'tcp', '80'], comment: 'c' },
    ]);
  });
  it('refuses a line without braces, and stays linear on long runs', () => {
    expect(() => elementsOf('add element ip kube-proxy m 10.0.0.1')).toThrow(/bad element/);
    const long = `add element ip kube-proxy m { ${'" : \\'.repeat(50_000)} }`;
    expect(elementsOf(long)?.length).toBe(1);
  });
});
