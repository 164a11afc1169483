import { describe, it, expect } from 'vitest';
import { neighbourId, neighbourSpanId } from './navigation';

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

describe('neighbourSpanId', () => {
  // Stored order: by start, the outer span before the one nested in it.
  const spans = [
    { id: 'outer', start: 0 },
    { id: 'inner', start: 0 },
    { id: 'middle', start: 10 },
    { id: 'last', start: 20 },
  ];

  it('steps from the selected span, wrapping around at both ends', () => {
    expect(neighbourSpanId(spans, 'outer', 0, 1)).toBe('inner');
    expect(neighbourSpanId(spans, 'inner', 0, 1)).toBe('middle');
    expect(neighbourSpanId(spans, 'last', 0, 1)).toBe('outer');
    expect(neighbourSpanId(spans, 'outer', 0, -1)).toBe('last');
    expect(neighbourSpanId(spans, 'middle', 0, -1)).toBe('inner');
  });

  it('starts from the caret when no span is selected', () => {
    expect(neighbourSpanId(spans, null, 5, 1)).toBe('middle');
    expect(neighbourSpanId(spans, null, 10, 1)).toBe('middle');
    expect(neighbourSpanId(spans, null, 10, -1)).toBe('inner');
    expect(neighbourSpanId(spans, null, 25, 1)).toBe('outer');
    expect(neighbourSpanId(spans, 'gone', 0, -1)).toBe('last');
  });

  it('is null without spans', () => {
    expect(neighbourSpanId([], null, 0, 1)).toBeNull();
  });
});
