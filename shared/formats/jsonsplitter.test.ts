import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSplitter, type JsonPiece } from './jsonsplitter';
import { FormatProblem } from './model';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function splitter(maxValueBytes = 1 << 20): JsonSplitter {
  return new JsonSplitter({
    arrayKey: 'documents',
    maxDepth: 10,
    maxValueBytes,
    decode: (bytes) => decoder.decode(bytes),
    describeTooLarge: (piece) => ('index' in piece ? `document ${piece.index} is too large` : `"${piece.key}" is too large`),
    describeTooDeep: () => 'nests too deep',
  });
}

/** The file fed in pieces of these sizes (cycled); the values parsed, or the problem. */
function split(text: string, sizes: readonly number[] = [1 << 20], maxValueBytes?: number) {
  const bytes = encoder.encode(text);
  const parts = splitter(maxValueBytes);
  const pieces: JsonPiece[] = [];
  try {
    for (let at = 0, turn = 0; at < bytes.length; turn++) {
      const size = Math.max(1, sizes[turn % sizes.length]);
      pieces.push(...parts.push(bytes.subarray(at, at + size)));
      at += size;
    }
    parts.end();
  } catch (caught) {
    if (caught instanceof FormatProblem) return { problem: caught.message, line: caught.line };
    throw caught;
  }
  return {
    members: Object.fromEntries(pieces.flatMap((piece) => (piece.kind === 'member' ? [[piece.key, JSON.parse(decoder.decode(piece.bytes)) as unknown]] : []))),
    elements: pieces.flatMap((piece) => (piece.kind === 'element' ? [{ index: piece.index, line: piece.line, value: JSON.parse(decoder.decode(piece.bytes)) as unknown }] : [])),
  };
}

const EXPORT = `\uFEFF{
  "format": "spanwise-export",
  "version": 1,
  "project": { "name": "Idlib \\"2026\\" ]}", "labels": [] },
  "documents": [
    { "document": { "id": "a", "text": "Shelling hit Ariha. {[\\\\" } },
    {
      "document": { "id": "b", "text": "غارات جوية 🚀" }
    },
    "odd",
    12.5e3,
    null
  ],
  "extra": [true, false]
}
`;

describe('JsonSplitter', () => {
  it('hands out the array elements one by one and the other members whole, wherever the chunks end', () => {
    const expected = JSON.parse(EXPORT.slice(1)) as { documents: unknown[] };
    const whole = split(EXPORT);
    expect(whole.members).toEqual({ format: 'spanwise-export', version: 1, project: { name: 'Idlib "2026" ]}', labels: [] }, extra: [true, false] });
    expect(whole.elements).toEqual(expected.documents.map((value, index) => ({ index, line: [6, 7, 10, 11, 12][index], value })));
    for (const size of [1, 2, 3, 7, 64]) expect(split(EXPORT, [size])).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (sizes) => {
          expect(split(EXPORT, sizes)).toEqual(whole);
        },
      ),
    );
  });

  it('names the line of a file cut short, of stray bytes and of what follows the end', () => {
    expect(split(EXPORT.slice(0, EXPORT.indexOf('"odd"')))).toEqual({ problem: 'is not valid JSON: it ends too soon (the file looks cut short)', line: 10 });
    expect(split(EXPORT.slice(0, EXPORT.indexOf('12.5e3') + 3))).toEqual({ problem: 'ends in the middle of a value (the file looks cut short)', line: 11 });
    expect(split('{"documents": [{"a": 1} {"b": 2}]}')).toEqual({ problem: 'is not valid JSON: "{" where "," or "]" should be', line: 1 });
    expect(split('{"documents": [], }')).toEqual({ problem: 'is not valid JSON: "}" where a key in quotes should be', line: 1 });
    expect(split('{"documents": []}\n\n{}')).toEqual({ problem: 'is not valid JSON: "{" where nothing more after the closing "}" should be', line: 3 });
    expect(split('[]')).toEqual({ problem: 'is not valid JSON: "[" where a JSON object should be', line: 1 });
    expect(split('{"documents": {}}')).toEqual({ problem: '"documents" is not a list (it should start with "[")', line: 1 });
    expect(split('  \n ')).toEqual({ problem: 'is empty', line: 2 });
    expect(split('{"documents": ["a\u0000"]}')).toEqual({ problem: 'is a binary file, not text (it holds NUL bytes)', line: 1 });
  });

  it('refuses nesting past the limit and values past their size before reading them through', () => {
    expect(split(`{"documents": [\n${'['.repeat(100_000)}${']'.repeat(100_000)}]}`)).toEqual({ problem: 'nests too deep', line: 2 });
    expect(split(`{"documents": [${'[ '.repeat(8)}${' ]'.repeat(8)}]}`).elements).toHaveLength(1);
    expect(split(`{"documents": [{"text": "${'x'.repeat(5000)}"}]}`, [100], 1000)).toEqual({ problem: 'document 0 is too large', line: 1 });
    expect(split(`{"project": "${'x'.repeat(5000)}", "documents": []}`, [100], 1000)).toEqual({ problem: '"project" is too large', line: 1 });
  });

  it('reports whether the array was there at all', () => {
    const parts = splitter();
    parts.push(encoder.encode('{"format": "spanwise-export"}'));
    parts.end();
    expect(parts.arrayFound).toBe(false);
  });
});
