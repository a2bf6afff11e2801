// kube-proxy rule generation: cold iptablesRules + formatIptablesSave (and ipvs / nftables modes) for
// params.services Services × 10 endpoints; mode 'iptables-partial': one Service added on top through partial sync.
// There is no JavaScript peer: the figures are checked against the issues' goals.
import { addRow, newCase } from '../lib/case.mjs';
import { makeServices, PROXY_CONFIG } from '../lib/k8s.mjs';
import { firstOf, need } from '../lib/podnet.mjs';

/** Checks that every 97th endpoint of the input shows up in the text (a cheap sanity guard, no peer exists). */
function endpointsPresent(input, text) {
  let seen = 0;
  for (const s of input.endpointSlices) {
    for (const e of s.endpoints) {
      if (seen++ % 97 !== 0) continue;
      if (!text.includes(e.addresses[0]))
        return `endpoint ${e.addresses[0]} of ${s.metadata.namespace}/${s.metadata.name} missing from the output`;
    }
  }
  return true;
}

export async function run(params, ctx) {
  const S = params.services;
  const label = S >= 1000 ? `${S / 1000}k` : String(S);
  const input = { ...makeServices({ services: S }), config: PROXY_CONFIG };
  const runs = ctx.quick ? 1 : S >= 10_000 ? 3 : 5;
  const cases = [];
  const title = `${S.toLocaleString('en')} Services × 10 endpoints`;

  if (params.mode === 'iptables' || params.mode === 'iptables-partial') {
    const p = await need('proxy', ['iptablesRules', 'formatIptablesSave']);
    if (params.mode === 'iptables-partial') {
      if (p.missing) throw new Error(p.missing);
      const { iptablesRules, formatIptablesSave } = p.fns;
      const d = newCase(
        `proxy.iptables.${label}.partial`,
        `kube-proxy iptables: add one Service to ${title}`,
        { unit: 'change' },
      );
      cases.push(d);
      const extra = makeServices({ services: 1, offset: S });
      const next = {
        services: [...input.services, ...extra.services],
        endpointSlices: [...input.endpointSlices, ...extra.endpointSlices],
        config: PROXY_CONFIG,
      };
      const sync = await need('proxy', ['iptablesSync', 'iptablesPartialSync']);
      const stateRuleset = await firstOf('proxy', ['syncStateRuleset']);
      if (sync.fns) {
        const { iptablesSync, iptablesPartialSync } = sync.fns;
        const { state } = iptablesSync(input);
        const change = { upsertServices: extra.services, upsertEndpointSlices: extra.endpointSlices };
        await addRow(d, ctx, {
          impl: 'podnet partial sync (iptablesPartialSync + format restore)',
          kind: 'podnet',
          headline: true,
          slow: ctx.quick ? 1 : 5,
          check: () => {
            const r = iptablesPartialSync(state, change);
            if (r.fullSync) return 'fell back to a full sync';
            const text = formatIptablesSave(r.restore);
            const present = endpointsPresent(extra, text);
            if (present !== true) return present;
            // KEP-3453's promise: the state after a partial sync equals a full sync of the new input.
            const finalRuleset = stateRuleset ? stateRuleset.fn(r.state) : r.state.ruleset;
            if (formatIptablesSave(finalRuleset) !== formatIptablesSave(iptablesRules(next)))
              return 'final state differs from a full sync';
            d.notes.push(
              `The partial restore input is ${text.split('\n').length.toLocaleString('en')} lines; the final state equals a full sync of the new input (checked).`,
            );
            return true;
          },
          fn: () => formatIptablesSave(iptablesPartialSync(state, change).restore),
        });
      } else
        await addRow(d, ctx, {
          impl: 'podnet partial sync',
          kind: 'podnet',
          headline: true,
          skip: sync.missing,
        });
      await addRow(d, ctx, {
        impl: 'podnet full resync (iptablesRules + format)',
        kind: 'podnet',
        slow: runs,
        check: () => endpointsPresent(extra, formatIptablesSave(iptablesRules(next))),
        fn: () => formatIptablesSave(iptablesRules(next)),
      });
      d.notes.push(
        'kube-proxy without partial sync (KEP-3453) rewrites every chain on each change: that is the full-resync row.',
      );
      return cases;
    }
    const c = newCase(
      `proxy.iptables.${label}`,
      `kube-proxy iptables: cold generation + iptables-save text, ${title}`,
      { unit: 'run', rss: true },
    );
    cases.push(c);
    if (p.missing) {
      await addRow(c, ctx, {
        impl: 'podnet iptablesRules + formatIptablesSave',
        kind: 'podnet',
        headline: true,
        skip: p.missing,
      });
      return cases;
    }
    const { iptablesRules, formatIptablesSave } = p.fns;
    let text = '';
    await addRow(c, ctx, {
      impl: 'podnet iptablesRules + formatIptablesSave',
      kind: 'podnet',
      headline: true,
      slow: runs,
      check: () => {
        text = formatIptablesSave(iptablesRules(input));
        const dnat = text.split('\n').filter((l) => l.includes(' -j DNAT ')).length;
        if (dnat !== S * 10) return `${dnat} DNAT rules, expected ${S * 10}`;
        return endpointsPresent(input, text);
      },
      fn: () => formatIptablesSave(iptablesRules(input)),
    });
    const ruleset = iptablesRules(input);
    await addRow(c, ctx, {
      impl: 'podnet iptablesRules only',
      kind: 'podnet',
      slow: runs,
      fn: () => iptablesRules(input),
    });
    await addRow(c, ctx, {
      impl: 'podnet formatIptablesSave only',
      kind: 'podnet',
      slow: runs,
      fn: () => formatIptablesSave(ruleset),
    });
    c.notes.push(
      `The iptables-save text is ${(text.length / 2 ** 20).toFixed(1)} MiB, ${text.split('\n').length.toLocaleString('en')} lines.`,
    );

    return cases;
  }

  if (params.mode === 'nftables') {
    const c = newCase(
      `proxy.nftables.${label}`,
      `kube-proxy nftables: cold generation + nft -f text, ${title}`,
      { unit: 'run', rss: true },
    );
    cases.push(c);
    const p = await need('proxy', ['nftablesRules', 'formatNft']);
    if (p.missing) {
      await addRow(c, ctx, {
        impl: 'podnet nftablesRules + formatNft',
        kind: 'podnet',
        headline: true,
        skip: p.missing,
      });
      return cases;
    }
    const { nftablesRules, formatNft } = p.fns;
    await addRow(c, ctx, {
      impl: 'podnet nftablesRules + formatNft',
      kind: 'podnet',
      headline: true,
      slow: runs,
      check: () => endpointsPresent(input, formatNft(nftablesRules(input))),
      fn: () => formatNft(nftablesRules(input)),
    });
    return cases;
  }

  if (params.mode === 'ipvs') {
    const c = newCase(`proxy.ipvs.${label}`, `kube-proxy ipvs: cold generation + text formats, ${title}`, {
      unit: 'run',
      rss: true,
    });
    cases.push(c);
    const p = await need('proxy', ['ipvsRules', 'formatIptablesSave']);
    if (p.missing) {
      await addRow(c, ctx, {
        impl: 'podnet ipvsRules + text',
        kind: 'podnet',
        headline: true,
        skip: p.missing,
      });
      return cases;
    }
    const { ipvsRules, formatIptablesSave } = p.fns;
    const ipvsText = await firstOf('proxy', [
      'formatIpvsadm',
      'formatIpvsadmSave',
      'formatIpvsadmList',
      'formatIpvs',
    ]);
    const ipsetText = await firstOf('proxy', ['formatIpsetSave', 'formatIpset']);
    const all = (rules) => {
      let n = formatIptablesSave(rules.iptables).length;
      if (ipvsText) n += ipvsText.fn(rules).length;
      if (ipsetText) n += ipsetText.fn(rules).length;
      return n;
    };
    const parts = ['ipvsRules', 'formatIptablesSave', ipvsText?.name, ipsetText?.name]
      .filter(Boolean)
      .join(' + ');
    await addRow(c, ctx, {
      impl: `podnet ${parts}`,
      kind: 'podnet',
      headline: true,
      slow: runs,
      check: () => {
        const r = ipvsRules(input);
        const vs = r.virtualServers?.length ?? 0;
        return vs >= S ? true : `${vs} virtual servers for ${S} Services`;
      },
      fn: () => all(ipvsRules(input)),
    });
    if (!ipvsText)
      c.notes.push('No ipvsadm text formatter exported yet; the row covers ipvsRules and the iptables part.');
    return cases;
  }
  throw new Error(`unknown proxy mode ${params.mode}`);
}
