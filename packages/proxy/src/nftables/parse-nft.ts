import type { Result } from '@podnet/ip';
import { ProxyError } from '../proxy-error.ts';
import type { NftChain, NftElement, NftRule, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';

/** Options for {@link parseNft}. */
export interface ParseNftOptions {
  /** Addresses `fib … type local` treats as local when the ruleset is evaluated. */
  readonly localAddresses?: readonly string[];
}

interface TableDraft {
  family: 'ip' | 'ip6';
  name: string;
  comment?: string;
  chains: Map<string, MutableChain>;
  sets: Map<string, MutableSet>;
}
type MutableChain = { -readonly [K in keyof NftChain]: NftChain[K] } & { rules: NftRule[] };
type MutableSet = { -readonly [K in keyof NftSet]: NftSet[K] } & { elements: NftElement[] };

const HEAD =
  /^(add|create|flush|delete|destroy) (table|chain|rule|set|map|element) (ip|ip6) (\S+)(?: (.*))?$/;
const CHAIN_BODY =
  /^(\S+)(?: \{(?: type (filter|nat) hook (prerouting|input|forward|output|postrouting)(?: device "[^"]*")? priority (-?\d+) ;(?: policy \S+ ;)?)?(?: comment "((?:[^"\\]|\\.)*)" ;)? \})?$/;
const SET_BODY =
  /^(\S+) \{ type ([^;]+?) ;(?: flags ([^;]+?) ;)?(?: timeout (\d+)s ;)?(?: gc-interval \d+s ;)?(?: size \d+ ;)?(?: policy \S+ ;)?(?: auto-merge ;)?(?: comment "((?:[^"\\]|\\.)*)" ;)? \}$/;
const RULE_BODY = /^(\S+) (.*?)(?: comment "((?:[^"\\]|\\.)*)")?$/;

/**
 * `NAME { KEY [comment "TEXT"] [: VALUE] }` → [name, key, comment?, value?], or null. The key ends at the first
 * ` comment "` or ` : `. Scanned by hand: the regular expression for it backtracks quadratically.
 */
function elementBody(rest: string): [string, string, string | undefined, string | undefined] | null {
  const sp = rest.indexOf(' ');
  if (sp <= 0 || !rest.startsWith(' { ', sp) || !rest.endsWith(' }') || rest.length < sp + 5) return null;
  const name = rest.slice(0, sp);
  if (/\s/.test(name)) return null;
  const inner = rest.slice(sp + 3, rest.length - 2);
  const colon = inner.indexOf(' : ');
  const quote = inner.indexOf(' comment "');
  if (quote >= 0 && (colon < 0 || quote < colon)) {
    let i = quote + 10;
    while (i < inner.length && inner[i] !== '"') i += inner[i] === '\\' ? 2 : 1;
    if (i < inner.length) {
      const after = inner.slice(i + 1);
      if (after === '') return [name, inner.slice(0, quote), inner.slice(quote + 10, i), undefined];
      if (after.startsWith(' : '))
        return [name, inner.slice(0, quote), inner.slice(quote + 10, i), after.slice(3)];
    }
  }
  if (colon >= 0) return [name, inner.slice(0, colon), undefined, inner.slice(colon + 3)];
  return [name, inner, undefined, undefined];
}
const TABLE_BODY = /^\{ comment "((?:[^"\\]|\\.)*)" ; \}$/;

function unquote(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function fail(message: string, line: number): never {
  throw new ProxyError('INVALID_NFT', message, [line]);
}

/**
 * Reads `nft -f` text in kube-proxy's (knftables) syntax — what {@link formatNft} prints and what
 * `knftables.Fake.Dump()` shows — back into an {@link NftRuleset}. `add`/`create` build objects,
 * `flush chain|set|map` empties them, `delete`/`destroy` removes them; blank and `#` lines are
 * skipped. Throws `ProxyError` (`INVALID_NFT`, path `[lineIndex]`) naming the bad line.
 *
 * @example
 * ```ts
 * const rules = parseNft('add table ip kube-proxy { comment "rules for kube-proxy" ; }\nadd chain ip kube-proxy services\n');
 * rules.tables[0]?.chains[0]?.name; // 'services'
 * ```
 */
export function parseNft(text: string, options: ParseNftOptions = {}): NftRuleset {
  if (typeof text !== 'string') throw new ProxyError('INVALID_NFT', 'nft text must be a string', []);
  const tables = new Map<string, TableDraft>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = HEAD.exec(line);
    if (m === null)
      fail(`line ${i + 1}: not an nft table/chain/rule/set/map/element command: ${JSON.stringify(line)}`, i);
    const [, verb, kind, family, tableName, rest = ''] = m;
    const key = `${family} ${tableName}`;
    let table = tables.get(key);
    if (kind === 'table') {
      if (verb === 'delete' || verb === 'destroy') {
        tables.delete(key);
        continue;
      }
      if (table === undefined) {
        table = { family: family as 'ip' | 'ip6', name: tableName!, chains: new Map(), sets: new Map() };
        tables.set(key, table);
      }
      if (verb === 'flush') {
        for (const c of table.chains.values()) c.rules = [];
        continue;
      }
      if (rest !== '') {
        const tb = TABLE_BODY.exec(rest);
        if (tb === null) fail(`line ${i + 1}: bad table options ${JSON.stringify(rest)}`, i);
        table.comment = unquote(tb[1]!);
      }
      continue;
    }
    if (table === undefined) fail(`line ${i + 1}: table ${key} is not defined`, i);
    if (kind === 'chain') {
      const name = rest.split(' ')[0] ?? '';
      if (verb === 'delete' || verb === 'destroy') {
        table.chains.delete(name);
        continue;
      }
      if (verb === 'flush') {
        const c = table.chains.get(name);
        if (c === undefined) fail(`line ${i + 1}: no chain ${JSON.stringify(name)}`, i);
        c.rules = [];
        continue;
      }
      const cm = CHAIN_BODY.exec(rest);
      if (cm === null) fail(`line ${i + 1}: bad chain ${JSON.stringify(rest)}`, i);
      let chain = table.chains.get(cm[1]!);
      if (chain === undefined) {
        chain = { name: cm[1]!, rules: [] };
        table.chains.set(chain.name, chain);
      }
      if (cm[2] !== undefined) {
        chain.type = cm[2] as 'filter' | 'nat';
        chain.hook = cm[3] as NonNullable<NftChain['hook']>;
        chain.priority = Number(cm[4]);
      }
      if (cm[5] !== undefined) chain.comment = unquote(cm[5]);
      continue;
    }
    if (kind === 'set' || kind === 'map') {
      const name = rest.split(' ')[0] ?? '';
      if (verb === 'delete' || verb === 'destroy') {
        table.sets.delete(name);
        continue;
      }
      if (verb === 'flush') {
        const s = table.sets.get(name);
        if (s === undefined) fail(`line ${i + 1}: no ${kind} ${JSON.stringify(name)}`, i);
        s.elements = [];
        continue;
      }
      const sm = SET_BODY.exec(rest);
      if (sm === null) fail(`line ${i + 1}: bad ${kind} ${JSON.stringify(rest)}`, i);
      if (!table.sets.has(sm[1]!)) {
        const set: MutableSet = { kind, name: sm[1]!, type: sm[2]!, elements: [] };
        if (sm[3] !== undefined) set.flags = sm[3].split(',');
        if (sm[4] !== undefined) set.timeout = Number(sm[4]);
        if (sm[5] !== undefined) set.comment = unquote(sm[5]);
        table.sets.set(set.name, set);
      }
      continue;
    }
    if (kind === 'rule') {
      if (verb !== 'add' && verb !== 'create') fail(`line ${i + 1}: only "add rule" is supported`, i);
      const rm = RULE_BODY.exec(rest);
      if (rm === null) fail(`line ${i + 1}: bad rule ${JSON.stringify(rest)}`, i);
      const chain = table.chains.get(rm[1]!);
      if (chain === undefined) fail(`line ${i + 1}: rule for unknown chain ${JSON.stringify(rm[1])}`, i);
      chain.rules.push(rm[3] === undefined ? { rule: rm[2]! } : { rule: rm[2]!, comment: unquote(rm[3]) });
      continue;
    }
    // element
    const em = elementBody(rest);
    if (em === null) fail(`line ${i + 1}: bad element ${JSON.stringify(rest)}`, i);
    const set = table.sets.get(em[0]);
    if (set === undefined) fail(`line ${i + 1}: element for unknown set or map ${JSON.stringify(em[0])}`, i);
    const keyParts = em[1].split(' . ');
    if (verb === 'delete' || verb === 'destroy') {
      const k = keyParts.join(' . ');
      set.elements = set.elements.filter((e) => e.key.join(' . ') !== k);
      continue;
    }
    const el: { key: readonly string[]; value?: readonly string[]; comment?: string } = { key: keyParts };
    if (em[2] !== undefined) el.comment = unquote(em[2]);
    if (em[3] !== undefined) el.value = em[3].split(' . ');
    set.elements.push(el);
  }
  const out: NftTable[] = [];
  for (const t of tables.values()) {
    const table: {
      family: 'ip' | 'ip6';
      name: string;
      comment?: string;
      chains: NftChain[];
      sets: NftSet[];
    } = {
      family: t.family,
      name: t.name,
      chains: [...t.chains.values()],
      sets: [...t.sets.values()],
    };
    if (t.comment !== undefined) table.comment = t.comment;
    out.push(table);
  }
  return { kind: 'nftables', tables: out, localAddresses: [...(options.localAddresses ?? [])] };
}

/**
 * {@link parseNft} returning a Result instead of throwing.
 *
 * @example
 * ```ts
 * safeParseNft('bogus').ok; // false
 * ```
 */
export function safeParseNft(text: string, options: ParseNftOptions = {}): Result<NftRuleset, ProxyError> {
  try {
    return { ok: true, value: parseNft(text, options) };
  } catch (error) {
    if (error instanceof ProxyError) return { ok: false, error };
    return {
      ok: false,
      error: new ProxyError('INVALID_NFT', error instanceof Error ? error.message : String(error)),
    };
  }
}
