import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, describeSize, isInside, linesOf } from './file-reading';

async function collect(chunks: Uint8Array[]): Promise<string[]> {
  const lines: string[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const line of linesOf(source())) lines.push(line);
  return lines;
}

describe('linesOf', () => {
  it('gives the lines of any text however its bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, bytes.length].slice(1).map((end, index, ends) => bytes.subarray(index === 0 ? 0 : ends[index - 1], end));
        const expected = text === '' ? [] : text.split('\n').map((line) => line.replace(/\r$/, ''));
        if (text.endsWith('\n')) expected.pop();
        expect(await collect(chunks)).toEqual(expected);
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);

  it('drops a byte order mark and CR of CRLF', async () => {
    expect(await collect([Buffer.from('\uFEFFa\r\nb\n')])).toEqual(['a', 'b']);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with or without a mark, and UTF-16 by its mark', () => {
    expect(decodeText(Buffer.from('\uFEFFIdlib'))).toBe('Idlib');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('إدلب', 'utf16le')]))).toBe('إدلب');
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Hama', 'utf16le').swap16()]))).toBe('Hama');
  });

  it('never throws on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(typeof decodeText(Buffer.from(bytes))).toBe('string');
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('paths and sizes', () => {
  it.each([
    ['/a/b', '/a', true],
    ['/a', '/a', true],
    ['/a/../b', '/a', false],
    ['/ab', '/a', false],
    ['/a/..b', '/a', true],
  ])('isInside(%s, %s) is %s', (inner, outer, inside) => {
    expect(isInside(inner, outer)).toBe(inside);
  });

  it('words sizes for people', () => {
    expect(describeSize(1024 ** 3)).toBe('1.0 GB');
    expect(describeSize(200 * 1024 ** 2)).toBe('200.0 MB');
    expect(describeSize(1500)).toBe('2 KB');
  });
});
