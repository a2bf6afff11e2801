import { ProxyError } from '../proxy-error.ts';

/** A match value, possibly negated with `!`. */
export interface RuleValue {
  readonly negated: boolean;
  readonly value: string;
}

/**
 * The parts of one `-A CHAIN …` rule that kube-proxy's test parser
 * (pkg/util/iptables/testing/parse.go `ParseRule`) reads. Absent parts are undefined.
 */
export interface IptablesRule {
  /** The rule line without an `iptables-save -c` counter prefix. */
  readonly raw: string;
  readonly chain: string;
  readonly comment?: string;
  readonly protocol?: RuleValue;
  readonly source?: RuleValue;
  readonly sourceType?: RuleValue;
  readonly sourcePort?: RuleValue;
  readonly destination?: RuleValue;
  readonly destinationType?: RuleValue;
  readonly destinationPort?: RuleValue;
  readonly inInterface?: RuleValue;
  readonly outInterface?: RuleValue;
  readonly matchSet?: RuleValue;
  readonly jump?: string;
  readonly gotoChain?: string;
  readonly probability?: string;
  readonly dnatDestination?: string;
  readonly affinityCheck?: boolean;
  readonly markCheck?: RuleValue;
  readonly ctstateCheck?: RuleValue;
}

const WORD = /(?:^|\s)("[^"]*"|[^"\s]\S*)/g;

/**
 * Splits a rule into words, a quoted string being one word (quotes removed).
 *
 * @example
 * ```ts
 * ruleWords('-A X -m comment --comment "a b" -j Y'); // ['-A', 'X', '-m', 'comment', '--comment', 'a b', '-j', 'Y']
 * ```
 */
export function ruleWords(rule: string): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(rule); m !== null; m = WORD.exec(rule)) {
    const w = m[1] as string;
    words.push(w.length >= 2 && w.startsWith('"') && w.endsWith('"') ? w.slice(1, -1) : w);
  }
  return words;
}

type ValueKey =
  | 'protocol'
  | 'source'
  | 'sourceType'
  | 'sourcePort'
  | 'destination'
  | 'destinationType'
  | 'destinationPort'
  | 'inInterface'
  | 'outInterface'
  | 'matchSet'
  | 'markCheck'
  | 'ctstateCheck';

const VALUE_PARAMS: Readonly<Record<string, ValueKey>> = {
  '-p': 'protocol',
  '--protocol': 'protocol',
  '-s': 'source',
  '--source': 'source',
  '--src': 'source',
  '--src-type': 'sourceType',
  '--sport': 'sourcePort',
  '-d': 'destination',
  '--destination': 'destination',
  '--dst': 'destination',
  '--dst-type': 'destinationType',
  '--dport': 'destinationPort',
  '-i': 'inInterface',
  '--in-interface': 'inInterface',
  '-o': 'outInterface',
  '--out-interface': 'outInterface',
  '--match-set': 'matchSet',
  '--mark': 'markCheck',
  '--ctstate': 'ctstateCheck',
  '--state': 'ctstateCheck',
};

/**
 * Parses one rule line (`-A CHAIN …`, optionally with a `[packets:bytes]` prefix) into its matches
 * and target. Unknown parameters are skipped, as kube-proxy's non-strict test parser does.
 *
 * @example
 * ```ts
 * const r = parseIptablesRule('-A KUBE-SERVICES -m comment --comment "a b" -m tcp -p tcp -d 10.0.0.1 --dport 80 -j KUBE-SVC-X');
 * r.comment; // 'a b'
 * r.destination; // { negated: false, value: '10.0.0.1' }
 * ```
 */
export function parseIptablesRule(line: string): IptablesRule {
  if (typeof line !== 'string') {
    throw new ProxyError(
      'INVALID_RULE',
      `an iptables rule must be a string, got ${line === null ? 'null' : typeof line}`,
    );
  }
  const raw = line.trim().replace(/^\[\d+:\d+\]\s+/, '');
  const words = ruleWords(raw);
  const out: {
    -readonly [K in keyof IptablesRule]: IptablesRule[K];
  } = { raw, chain: '' };
  let negated = false;
  for (let w = 0; w < words.length; ) {
    const word = words[w] as string;
    const next = words[w + 1];
    if (word === '-m' && next !== undefined) {
      w += 2;
      continue;
    }
    if (word === '!') {
      negated = true;
      w++;
      continue;
    }
    const key = VALUE_PARAMS[word];
    if (key !== undefined && next !== undefined) {
      out[key] = { negated, value: next };
      w += 2;
    } else if ((word === '-A' || word === '-I' || word === '--append') && next !== undefined) {
      out.chain = next;
      w += 2;
      // `-I CHAIN N`: skip a rule number
      if (word === '-I' && /^\d+$/.test(words[w] ?? '')) w++;
    } else if (word === '--comment' && next !== undefined) {
      out.comment = next;
      w += 2;
    } else if ((word === '-j' || word === '--jump') && next !== undefined) {
      out.jump = next;
      w += 2;
    } else if ((word === '-g' || word === '--goto') && next !== undefined) {
      out.gotoChain = next;
      w += 2;
    } else if (word === '--probability' && next !== undefined) {
      out.probability = next;
      w += 2;
    } else if (word === '--to-destination' && next !== undefined) {
      out.dnatDestination = next;
      w += 2;
    } else if (word === '--rcheck' || word === '--update') {
      out.affinityCheck = !negated;
      w++;
    } else {
      w++;
    }
    negated = false;
  }
  return out;
}
