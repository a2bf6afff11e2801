import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './args.ts';

describe('parseCliArgs', () => {
  it('splits command, positionals and flags', () => {
    const parsed = parseCliArgs(['render', 'ip-route', '--node', 'node01', '--json']);
    expect(parsed.command).toBe('render');
    expect(parsed.positionals).toEqual(['ip-route']);
    expect(parsed.flags.node).toBe('node01');
    expect(parsed.flags.json).toBe(true);
    expect(parsed.flags.color).toBe(true);
  });

  it('treats --help and --version without a command as those commands', () => {
    expect(parseCliArgs(['--help']).command).toBe('help');
    expect(parseCliArgs(['-v']).command).toBe('version');
    expect(parseCliArgs([]).command).toBe('help');
  });

  it('reports an unknown flag as a usage error naming it', () => {
    expect(() => parseCliArgs(['demo', '--frobnicate'])).toThrow(UsageError);
    expect(() => parseCliArgs(['demo', '--frobnicate'])).toThrow(/frobnicate/);
  });

  it('reports a missing flag value as a usage error', () => {
    expect(() => parseCliArgs(['trace', '--from'])).toThrow(UsageError);
  });
});
