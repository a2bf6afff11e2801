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
 * Lays out rows as an aligned text table with a header line. A cell with line breaks spans several lines.
 *
 * @example
 * ```ts
 * table(['a', 'b'], [['1', '22']]);
 * // 'a  b\n1  22'
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows].map((row) => row.map((cell) => cell.split('\n')));
  const widths = header.map((_, i) =>
    Math.max(...all.map((row) => Math.max(...(row[i] ?? ['']).map((line) => width(line))))),
  );
  const out: string[] = [];
  for (const row of all) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let l = 0; l < height; l++) {
      const line = row
        .map((cell, i) => {
          const text = cell[l] ?? '';
          return i === row.length - 1 ? text : text + ' '.repeat((widths[i] ?? 0) - width(text));
        })
        .join('  ')
        .trimEnd();
      out.push(line);
    }
  }
  return out.join('\n');
}
