import pc from 'picocolors';

/** Colour functions: real ones on a TTY without NO_COLOR, identity functions otherwise. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Picks colours for a stream: on only when it is a TTY and neither `NO_COLOR` nor `--no-color` is set.
 *
 * @example
 * ```ts
 * const c = colorsFor(false, {});
 * c.bold('x'); // 'x'
 * ```
 */
export function colorsFor(isTty: boolean, env: Readonly<Record<string, string | undefined>>): Colors {
  const enabled = isTty && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure width
const ANSI = /\u001b\[[0-9;]*m/g;

function width(text: string): number {
  return text.replace(ANSI, '').length;
}

/**
 * Lays out rows as an aligned text table with a header line.
 *
 * @example
 * ```ts
 * table(['a', 'b'], [['1', '22']]);
 * // 'a  b\n1  22'
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
