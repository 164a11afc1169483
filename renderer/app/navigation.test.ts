import { describe, it, expect } from 'vitest';
import { neighbourId } from './navigation';

describe('neighbourId', () => {
  const ids = ['a', 'b', 'c'];

  it('steps forward and back', () => {
    expect(neighbourId(ids, 'a', 1)).toBe('b');
    expect(neighbourId(ids, 'c', -1)).toBe('b');
  });

  it('stops at either end', () => {
    expect(neighbourId(ids, 'c', 1)).toBeNull();
    expect(neighbourId(ids, 'a', -1)).toBeNull();
  });

  it('starts from the first or last when nothing (or something unlisted) is open', () => {
    expect(neighbourId(ids, null, 1)).toBe('a');
    expect(neighbourId(ids, 'gone', -1)).toBe('c');
    expect(neighbourId([], null, 1)).toBeNull();
  });
});
