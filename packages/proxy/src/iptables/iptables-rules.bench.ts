/**
 * Benchmarks for issue 6's and 7's targets (run with `pnpm vitest bench`): cold generation +
 * formatting of 10,000 Services × 10 endpoints in each mode (target < 2 s, < 1 GiB), and adding one
 * Service to that cluster through an iptables partial sync (target < 50 ms).
 */
import { bench, describe } from 'vitest';
import { formatIpsetSave } from '../ipvs/format-ipset-save.ts';
import { formatIpvsadmSave } from '../ipvs/format-ipvsadm-save.ts';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import { formatNft } from '../nftables/format-nft.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
import { fakeConfig, makeService, makeSlice } from '../testing/fixtures.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import { iptablesPartialSync, iptablesSync } from './iptables-sync.ts';

function cluster(n: number, perService: number): { services: unknown[]; endpointSlices: unknown[] } {
  const services: unknown[] = [];
  const endpointSlices: unknown[] = [];
  for (let i = 0; i < n; i++) {
    services.push(
      makeService(`ns${i % 50}`, `svc${i}`, {
        clusterIP: `172.${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      }),
    );
    const eps = [];
    for (let j = 0; j < perService; j++) {
      eps.push({
        addresses: [`10.${(i >> 8) & 255}.${i & 255}.${j + 1}`],
        nodeName: j === 0 ? 'test-node' : 'other',
      });
    }
    endpointSlices.push(
      makeSlice(`ns${i % 50}`, `svc${i}`, 1, eps, [{ name: 'http', port: 8080, protocol: 'TCP' }]),
    );
  }
  return { services, endpointSlices };
}

const big = cluster(10_000, 10);
const config = fakeConfig();
const state = iptablesSync({ ...big, config }).state;
const newService = makeService('x', 'new', {
  clusterIP: '172.31.0.1',
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});
const newSlice = makeSlice(
  'x',
  'new',
  1,
  [{ addresses: ['10.99.0.1'] }],
  [{ name: 'http', port: 8080, protocol: 'TCP' }],
);

describe('iptables mode, 10,000 Services × 10 endpoints', () => {
  bench(
    'cold iptablesRules + formatIptablesSave',
    () => {
      formatIptablesSave(iptablesRules({ ...big, config }));
    },
    { iterations: 3, warmupIterations: 1 },
  );

  bench(
    'add one Service through iptablesPartialSync',
    () => {
      formatIptablesSave(
        iptablesPartialSync(state, { upsertServices: [newService], upsertEndpointSlices: [newSlice] })
          .restore,
      );
    },
    { iterations: 20 },
  );
});

describe('ipvs and nftables modes, 10,000 Services × 10 endpoints', () => {
  bench(
    'cold ipvsRules + ipvsadm-save + ipset save + iptables-save',
    () => {
      const r = ipvsRules({ ...big, config });
      formatIpvsadmSave(r);
      formatIpsetSave(r);
      formatIptablesSave(r.iptables);
    },
    { iterations: 3, warmupIterations: 1 },
  );

  bench(
    'cold nftablesRules + formatNft',
    () => {
      formatNft(nftablesRules({ ...big, config: { ...config, serviceCIDRs: ['172.16.0.0/12'] } }));
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
