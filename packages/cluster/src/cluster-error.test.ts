import { describe, expect, it } from 'vitest';
import { ClusterError, isClusterError } from './cluster-error.ts';

describe('ClusterError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new ClusterError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ClusterError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new ClusterError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isClusterError(error)).toBe(true);
    expect(isClusterError(new Error('x'))).toBe(false);
    expect(isClusterError('x')).toBe(false);
  });
});
