import { describe, expect, it } from 'vitest';
import { confListFromConf } from './conf-list-from-conf.ts';
import { parseNetConf } from './parse-net-conf.ts';
import { parseNetConfList } from './parse-net-conf-list.ts';

// containernetworking/cni libcni/conf_test.go "ConfListFromConf correctly upconverts a NetworkConfig"
describe('confListFromConf', () => {
  it('up-converts and re-parses to the same data', () => {
    const conf = parseNetConf('{"name":"some-plugin","cniVersion":"0.3.1", "type":"foobar"}', {
      mode: 'libcni',
    });
    const list = confListFromConf(conf);
    expect(list).toEqual({
      name: 'some-plugin',
      cniVersion: '0.3.1',
      plugins: [{ name: 'some-plugin', cniVersion: '0.3.1', type: 'foobar' }],
    });
    expect(parseNetConfList(JSON.stringify(list), { mode: 'libcni' })).toEqual(list);
  });
  it('uses empty strings when name or cniVersion are absent, and rejects non-configs', () => {
    expect(confListFromConf({ type: 'x' })).toEqual({ name: '', cniVersion: '', plugins: [{ type: 'x' }] });
    expect(() => confListFromConf(null as never)).toThrow();
  });
});
