// Shared checks for the hardening suites: "returns a value or throws the package's own coded error",
// "safeParse* never throws", and bounded time per input.
import fc from 'fast-check';

/** An error class of one podnet package (`IpError`, `CniError`, …). */
export type ErrorClass = abstract new (...args: never[]) => Error & { readonly code: string };

/** Upper bound for one call on one input (generous: the machine is shared and loaded). */
export const PER_INPUT_MS = 2_000;

/** fast-check settings every fuzz property uses: bounded runs and a wall-clock cap per property. */
export const FUZZ: fc.Parameters<unknown> = {
  numRuns: 100,
  interruptAfterTimeLimit: 3_000,
  markInterruptAsFailure: false,
};

/** vitest timeout for one fuzz test. */
export const TEST_MS = 20_000;

/** What went wrong for one input, or undefined when the call behaved. */
export function misbehaviour(call: () => unknown, errorClass: ErrorClass): string | undefined {
  const start = performance.now();
  try {
    call();
  } catch (error) {
    const ms = performance.now() - start;
    if (ms > PER_INPUT_MS) return `took ${ms.toFixed(0)} ms before throwing`;
    if (!(error instanceof errorClass)) {
      const name = error instanceof Error ? error.constructor.name : typeof error;
      const message = error instanceof Error ? error.message : String(error);
      return `threw ${name}: ${message.slice(0, 200)}`;
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || code.length === 0) return `threw ${errorClass.name} without a code`;
    if (error.message.length === 0) return `threw ${errorClass.name} ${code} without a message`;
    return undefined;
  }
  const ms = performance.now() - start;
  if (ms > PER_INPUT_MS) return `took ${ms.toFixed(0)} ms`;
  return undefined;
}

/** Misbehaviour of a `safeParse*`: it must never throw and must return a Result with a coded error. */
export function safeMisbehaviour(call: () => unknown, errorClass: ErrorClass): string | undefined {
  const start = performance.now();
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    const name = error instanceof Error ? error.constructor.name : typeof error;
    return `safe function threw ${name}: ${error instanceof Error ? error.message.slice(0, 200) : ''}`;
  }
  const ms = performance.now() - start;
  if (ms > PER_INPUT_MS) return `took ${ms.toFixed(0)} ms`;
  if (typeof result !== 'object' || result === null || !('ok' in result)) return 'did not return a Result';
  const r = result as { ok: unknown; error?: unknown };
  if (r.ok === true) return undefined;
  if (r.ok !== false) return 'Result.ok is not a boolean';
  if (!(r.error instanceof errorClass)) return `Result.error is not a ${errorClass.name}`;
  const code = (r.error as { code?: unknown }).code;
  if (typeof code !== 'string' || code.length === 0) return 'Result.error has no code';
  return undefined;
}

/** Values that are not what a parser wants: null, undefined, numbers, arrays, objects, functions. */
export const NON_INPUTS: readonly unknown[] = [
  null,
  undefined,
  0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e308,
  10n,
  true,
  false,
  [],
  [1, 2],
  ['a'],
  {},
  { length: 3 },
  Object.create(null),
  () => 1,
  Symbol('x'),
  new Date(0),
  /x/,
  new Map(),
];

/** Non-object values where an object goes (a string is allowed for spec/YAML entry points). */
export const NON_OBJECTS: readonly unknown[] = NON_INPUTS.filter(
  (v) => typeof v !== 'object' || v === null || Array.isArray(v),
);

/** Arbitrary strings: ASCII-ish, full unicode, binary (NUL and lone surrogates), and line-oriented junk. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '\n',
          '\r\n',
          '\r',
          ' ',
          '\t',
          '\0',
          '"',
          "'",
          '\\',
          '#',
          ';',
          '{',
          '}',
          '[',
          ']',
          ':',
        ),
        fc.stringMatching(/^[a-z0-9./:-]{1,12}$/),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

/** Anything at all: JSON values, fast-check's `anything`, strings and the fixed non-inputs. */
export const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(...NON_INPUTS),
);

const HUGE = ['4294967296', '99999999999999999999999', '-1', '1e400', '0x7fffffff', '18446744073709551616'];
const ODD = ['\0', 'é', '𝕏', '\u202e', '\ufeff', '\u0000\u0000', '\ud800', '１', '٣'];

/** Mutations of valid texts: truncation, duplicated lines, swapped fields, huge numbers, unicode, NUL, long lines, CRLF. */
export function mutatedText(samples: readonly string[]): fc.Arbitrary<string> {
  const sample = fc.constantFrom(...samples);
  return fc.oneof(
    // truncation
    fc.tuple(sample, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    // duplicated line
    fc.tuple(sample, fc.nat()).map(([s, n]) => {
      const lines = s.split('\n');
      const i = n % lines.length;
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }),
    // swapped fields on one line
    fc.tuple(sample, fc.nat(), fc.nat(), fc.nat()).map(([s, l, a, b]) => {
      const lines = s.split('\n');
      const i = l % lines.length;
      const words = (lines[i] ?? '').split(' ');
      const x = a % words.length;
      const y = b % words.length;
      [words[x], words[y]] = [words[y] ?? '', words[x] ?? ''];
      lines[i] = words.join(' ');
      return lines.join('\n');
    }),
    // a number replaced by a huge/negative one
    fc.tuple(sample, fc.nat(), fc.constantFrom(...HUGE)).map(([s, n, big]) => {
      const numbers = [...s.matchAll(/\d+/g)];
      if (numbers.length === 0) return s + big;
      const m = numbers[n % numbers.length]!;
      return s.slice(0, m.index) + big + s.slice(m.index + m[0].length);
    }),
    // unicode / NUL inserted anywhere
    fc.tuple(sample, fc.nat(), fc.constantFrom(...ODD)).map(([s, n, odd]) => {
      const i = n % (s.length + 1);
      return s.slice(0, i) + odd + s.slice(i);
    }),
    // a very long line or token
    fc.tuple(sample, fc.nat(), fc.constantFrom('a', '1', ' ', '.', 'x:')).map(([s, n, unit]) => {
      const i = n % (s.length + 1);
      return s.slice(0, i) + unit.repeat(20_000) + s.slice(i);
    }),
    // CRLF line endings
    sample.map((s) => s.replace(/\n/g, '\r\n')),
    // a random character deleted
    fc.tuple(sample, fc.nat()).map(([s, n]) => {
      const i = n % Math.max(1, s.length);
      return s.slice(0, i) + s.slice(i + 1);
    }),
  );
}

/** Runs a property over inputs and returns the first few misbehaviours (empty when all behaved). */
export function collect<T>(arb: fc.Arbitrary<T>, check: (input: T) => string | undefined): string[] {
  const found: string[] = [];
  fc.assert(
    fc.property(arb, (input) => {
      const problem = check(input);
      if (problem !== undefined && found.length < 5) found.push(`${describeInput(input)} → ${problem}`);
    }),
    FUZZ,
  );
  return found;
}

/** A short printable description of an input for a failure message. */
export function describeInput(input: unknown): string {
  if (typeof input === 'string')
    return JSON.stringify(input.length > 160 ? `${input.slice(0, 160)}…` : input);
  if (typeof input === 'bigint') return `${input}n`;
  if (typeof input === 'function') return 'function';
  if (typeof input === 'symbol') return input.toString();
  try {
    const text = JSON.stringify(input);
    if (text === undefined) return String(input);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  } catch {
    return Object.prototype.toString.call(input);
  }
}
