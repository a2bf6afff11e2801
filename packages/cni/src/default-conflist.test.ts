import { describe, expect, it } from 'vitest';
import { defaultConflist, flannelDelegateConf, NETWORKING_MODES } from './default-conflist.ts';
import { parseNetConf } from './parse-net-conf.ts';
import { parseNetConfList } from './parse-net-conf-list.ts';

describe('defaultConflist', () => {
  it.each(NETWORKING_MODES)('%s is valid in both modes', (mode) => {
    const list = defaultConflist(mode, { podCidr: '10.244.1.0/24' });
    expect(parseNetConfList(list)).toEqual(list);
    expect(parseNetConfList(list, { mode: 'libcni' }).plugins).toHaveLength(2);
  });

  // flannel-io/flannel Documentation/kube-flannel.yml (cni-conf.json)
  it('flannel is the kube-flannel.yml cni-conf.json', () => {
    expect(JSON.stringify(defaultConflist('flannel-host-gw'))).toBe(
      '{"name":"cbr0","cniVersion":"0.3.1","plugins":[{"type":"flannel","delegate":{"hairpinMode":true,"isDefaultGateway":true}},{"type":"portmap","capabilities":{"portMappings":true}}]}',
    );
  });
  // weaveworks/weave prog/weave-kube/launch.sh / weave create_cni_config
  it('weave is 10-weave.conflist', () => {
    expect(JSON.stringify(defaultConflist('weave'))).toBe(
      '{"cniVersion":"0.3.0","name":"weave","plugins":[{"name":"weave","type":"weave-net","hairpinMode":true},{"type":"portmap","capabilities":{"portMappings":true},"snat":true}]}',
    );
  });
  // projectcalico/calico manifests/calico.yaml (cni_network_config)
  it('calico is the calico.yaml cni_network_config with MTU and node name filled in', () => {
    const ipip = defaultConflist('calico-ipip', { nodeName: 'node01' });
    expect(ipip.name).toBe('k8s-pod-network');
    expect(ipip.plugins[0]).toMatchObject({
      type: 'calico',
      mtu: 1480,
      nodename: 'node01',
      ipam: { type: 'calico-ipam' },
      policy: { type: 'k8s' },
    });
    expect(defaultConflist('calico-vxlan').plugins[0]).toMatchObject({
      mtu: 1450,
      nodename: '__KUBERNETES_NODE_NAME__',
    });
    expect(ipip.plugins[1]).toEqual({ type: 'portmap', snat: true, capabilities: { portMappings: true } });
  });
  it('bridge modes need a valid podCidr and mask it', () => {
    expect(() => defaultConflist('bridge-gateway')).toThrow(/podCidr/);
    expect(() => defaultConflist('bridge-gateway', { podCidr: 'x' })).toThrow(/podCidr/);
    const list = defaultConflist('bridge-gateway', { podCidr: '10.244.1.7/24' });
    expect(list.plugins[0]?.ipam).toEqual({
      type: 'host-local',
      ranges: [[{ subnet: '10.244.1.0/24' }]],
      routes: [{ dst: '0.0.0.0/0' }],
    });
    expect(() => defaultConflist('nope' as never)).toThrow(/unknown networking mode/);
  });
});

// flannel-io/cni-plugin flannel_linux.go (getDelegateIPAM / doCmdAdd)
describe('flannelDelegateConf', () => {
  it('builds the bridge delegate from subnet.env', () => {
    const conf = flannelDelegateConf(
      { delegate: { hairpinMode: true, isDefaultGateway: true } },
      { network: '10.244.0.0/16', subnet: '10.244.1.1/24', mtu: 1450, ipMasq: true },
      'cbr0',
      '0.3.1',
    );
    expect(conf).toEqual({
      hairpinMode: true,
      isDefaultGateway: true,
      type: 'bridge',
      name: 'cbr0',
      cniVersion: '0.3.1',
      ipMasq: false,
      mtu: 1450,
      isGateway: true,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: '10.244.1.0/24' }]],
        routes: [{ dst: '10.244.0.0/16' }],
      },
    });
    expect(parseNetConf(conf).type).toBe('bridge');
  });
});
