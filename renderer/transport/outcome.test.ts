import { describe, it, expect } from 'vitest';
import { ApiError } from '../../shared/api';
import { unwrapOutcome } from './outcome';

function thrown(value: unknown): ApiError {
  try {
    unwrapOutcome('getSession', value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('unwrapOutcome', () => {
  it('gives the result of a successful call', () => {
    expect(unwrapOutcome('listDocuments', { ok: true, result: [1, 2] })).toEqual([1, 2]);
    expect(unwrapOutcome('getSession', { ok: true, result: null })).toBeNull();
  });

  it('rethrows an error outcome as ApiError with its code and message', () => {
    const error = thrown({ ok: false, error: { code: 'read-only', message: 'Held by another process' } });
    expect([error.code, error.message]).toEqual(['read-only', 'Held by another process']);
  });

  it('turns unknown codes and malformed answers into internal errors naming the method', () => {
    expect(thrown({ ok: false, error: { code: 'weird', message: 'Odd' } }).code).toBe('internal');
    for (const bad of [null, 'text', 42, {}, { ok: true }, { ok: false }, { ok: false, error: { code: 'io' } }]) {
      const error = thrown(bad);
      expect(error.code).toBe('internal');
      expect(error.message).toContain('getSession');
    }
  });
});
