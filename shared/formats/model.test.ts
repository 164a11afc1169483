import { describe, expect, it } from 'vitest';
import { attempt, describeFormatError, failure, FormatProblem, parseGuarded } from './model';

describe('errors as values', () => {
  it('turns a FormatProblem into a failure naming the file and line', () => {
    expect(
      parseGuarded('a.jsonl', () => {
        throw new FormatProblem('record has no "text" string field', 3);
      }),
    ).toEqual({ ok: false, error: { file: 'a.jsonl', line: 3, message: 'record has no "text" string field' } });
  });

  it('reports anything else thrown for the file too, never rethrowing', () => {
    expect(
      attempt('big.json', () => {
        throw new RangeError('Maximum call stack size exceeded');
      }),
    ).toEqual({ ok: false, error: { file: 'big.json', message: 'could not be read: Maximum call stack size exceeded' } });
  });

  it('describes an error for people', () => {
    expect(describeFormatError(failure('a.conll', 'unknown tag "X"', 12).error)).toBe('a.conll:12: unknown tag "X"');
    expect(describeFormatError(failure('a.txt', 'is empty').error)).toBe('a.txt: is empty');
  });
});
