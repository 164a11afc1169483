import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrayElementLines, lineOfPath, parseJsonText, prettyArrayElements, prettyArrayEnd } from './jsontext';
import { FormatProblem } from './model';

function problemOf(content: string, firstLine?: number) {
  try {
    parseJsonText(content, firstLine);
  } catch (caught) {
    if (caught instanceof FormatProblem) return { line: caught.line, message: caught.message };
    throw caught;
  }
  return null;
}

describe('prettyArrayElements', () => {
  it('writes an array a batch at a time as JSON.stringify writes it whole, at any depth', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.nat(), fc.integer({ min: 0, max: 3 }), (values, cut, depth) => {
        const at = values.length === 0 ? 0 : cut % (values.length + 1);
        let nested: unknown = values;
        for (let level = 0; level < depth; level++) nested = { key: [nested] };
        const expected = JSON.stringify(nested, null, 2);
        const pieces = [values.slice(0, at), values.slice(at)].filter((batch) => batch.length > 0);
        let before = 0;
        let body = '';
        for (const batch of pieces) {
          body += prettyArrayElements(batch, before, 2 * depth);
          before += batch.length;
        }
        const array = `[${body}${prettyArrayEnd(values.length, 2 * depth)}`;
        expect(expected.includes(array) && (depth > 0 || expected === array)).toBe(true);
      }),
    );
  });
});

describe('parseJsonText', () => {
  it('parses JSON, a leading byte order mark included', () => {
    expect(parseJsonText('\uFEFF{"a": [1]}')).toEqual({ a: [1] });
  });

  it.each([
    ['{"a":', 1, /cut short/],
    ['[\n1,\n2', 3, /cut short/],
    ['{\n  "a": "unterminated', 2, /Unterminated string.*cut short/],
    ['[1,\n]', 2, /Unexpected token/],
    ['{"a":\n\n tru}', 3, /not valid JSON/],
    ['{"a": "\u0001"}', 1, /Bad control character/],
    ['[1] x', 1, /after JSON/],
    ['{"a" 1}', 1, /Expected ':'/],
  ])('%j fails on line %i', (content, line, message) => {
    const problem = problemOf(content);
    expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
  });

  it('counts lines from the given first line', () => {
    expect(problemOf('{"a": tru}', 41)?.line).toBe(41);
  });
});

describe('arrayElementLines', () => {
  it('gives the line each element starts on', () => {
    expect(arrayElementLines('[\n {"a": "x\\n,["},\n\n  [1, 2],\n 3\n]')).toEqual([2, 4, 5]);
    expect(arrayElementLines('{"a": [1, 2]}')).toEqual([]);
    expect(arrayElementLines('[]')).toEqual([]);
  });

  it('has one entry per element of any pretty-printed array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.constantFrom(0, 2), (values, indent) => {
        const json = JSON.stringify(values, null, indent);
        expect(arrayElementLines(json)).toHaveLength(values.length);
      }),
    );
  });
});

describe('lineOfPath', () => {
  const json = JSON.stringify({ a: [1, { b: 'x\ny', 'c d': [[], { d: 2 }] }], e: {} }, null, 2);

  it.each([
    [['a'], 2],
    [['a', 0], 3],
    [['a', 1, 'b'], 5],
    [['a', 1, 'c d', 1, 'd'], 9],
    [['e'], 14],
    [[], 1],
    [['missing'], undefined],
  ])('%j is on line %s', (path, line) => {
    expect(lineOfPath(json, path)).toBe(line);
  });

  it('finds every element of an array of records', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1 }), (records) => {
        const text = JSON.stringify(records, null, 2);
        const lines = arrayElementLines(text);
        records.forEach((_, index) => expect(lineOfPath(text, [index])).toBe(lines[index]));
      }),
      { numRuns: 50 },
    );
  });
});
