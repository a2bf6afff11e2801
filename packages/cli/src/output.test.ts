import { describe, expect, it } from 'vitest';
import { colorsFor, table } from './output.ts';

describe('table', () => {
  it('aligns columns by the widest cell and trims the last one', () => {
    expect(
      table(
        ['name', 'ip'],
        [
          ['node01', '10.0.0.1'],
          ['n2', '10.0.0.22'],
        ],
      ),
    ).toBe('name    ip\nnode01  10.0.0.1\nn2      10.0.0.22');
  });

  it('spreads a multi-line cell over several lines, keeping the columns', () => {
    expect(
      table(
        ['a', 'b'],
        [
          ['x', 'one\ntwo'],
          ['yy', 'z'],
        ],
      ),
    ).toBe('a   b\nx   one\n    two\nyy  z');
  });

  it('ignores colour codes when measuring width', () => {
    const c = colorsFor(true, {});
    const out = table(['a', 'b'], [[c.red('xx'), 'y']]);
    expect(out.split('\n')[0]).toBe('a   b');
  });
});

describe('colorsFor', () => {
  it('is off without a TTY, with NO_COLOR, and on a dumb terminal', () => {
    expect(colorsFor(false, {}).red('x')).toBe('x');
    expect(colorsFor(true, { NO_COLOR: '' }).red('x')).toBe('x');
    expect(colorsFor(true, { TERM: 'dumb' }).red('x')).toBe('x');
    expect(colorsFor(true, {}).red('x')).not.toBe('x');
  });
});
