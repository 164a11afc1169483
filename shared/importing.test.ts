import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addedLabels, foreignLabels, jsonTooDeep, labelCounts, labelMapping, looksLikeConll, storedSpan, withoutSameLabelOverlaps } from './importing';
import { DEFAULT_LABELS } from './labels';
import { mapLabels } from './labelmap';
import { rangesOverlap } from './spans';

describe('foreignLabels and labelMapping', () => {
  const counts = new Map([
    ['PER', 3],
    ['per', 1],
    ['actor', 2],
    ['GPE', 1],
    ['MISC', 4],
  ]);

  it('list the labels the project lacks, with the default proposal', () => {
    expect(foreignLabels(counts, DEFAULT_LABELS)).toEqual([
      { label: 'GPE', spans: 1, proposal: 'LOCATION', target: 'LOCATION', added: false },
      { label: 'MISC', spans: 4, proposal: null, target: null, added: false },
      { label: 'PER', spans: 3, proposal: 'ACTOR', target: 'ACTOR', added: false },
      { label: 'per', spans: 1, proposal: 'ACTOR', target: 'ACTOR', added: false },
    ]);
  });

  it('keep a label the user adds to the project, whatever its mapping says', () => {
    const foreign = foreignLabels(counts, DEFAULT_LABELS, { MISC: null, GPE: 'ACTOR' }, ['MISC', 'GPE']);
    expect(foreign.filter((label) => label.added).map((label) => [label.label, label.target])).toEqual([
      ['GPE', 'GPE'],
      ['MISC', 'MISC'],
    ]);
    const added = addedLabels(foreign, DEFAULT_LABELS);
    expect(added.map((label) => label.name)).toEqual(['GPE', 'MISC']);
    // Each in a colour of its own, none a colour the project uses.
    const colors = [...DEFAULT_LABELS, ...added].map((label) => label.color);
    expect(new Set(colors).size).toBe(colors.length);
    const docs = [{ text: 'x'.repeat(20), meta: {}, spans: [...counts.keys()].map((label, index) => ({ start: index, end: index + 1, label })) }];
    const mapped = mapLabels(docs, labelMapping(foreign), [...DEFAULT_LABELS, ...added]);
    expect(mapped.docs[0].spans.map((span) => span.label)).toEqual(['ACTOR', 'ACTOR', 'ACTOR', 'GPE', 'MISC']);
    expect(mapped.dropped).toEqual({});
  });

  it('follow the mapping asked for, and drop what maps to nothing, whatever its case', () => {
    const foreign = foreignLabels(counts, DEFAULT_LABELS, { per: null, MISC: 'CASUALTY', GPE: 'NOT-A-LABEL' });
    const docs = [{ text: 'x'.repeat(20), meta: {}, spans: [...counts.keys()].map((label, index) => ({ start: index, end: index + 1, label })) }];
    const mapped = mapLabels(docs, labelMapping(foreign), DEFAULT_LABELS);
    expect(mapped.docs[0].spans.map((span) => span.label)).toEqual(['ACTOR', 'ACTOR', 'CASUALTY']);
    expect(mapped.dropped).toEqual({ per: 1, GPE: 1 });
    expect([...labelCounts(docs).values()]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('withoutSameLabelOverlaps', () => {
  it('keeps no two overlapping spans of one label, and loses nothing else', () => {
    const span = fc.record({ start: fc.nat(30), length: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom('A', 'B') }).map(({ start, length, label }) => ({ start, end: start + length, label }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), (spans) => {
        const { kept, dropped } = withoutSameLabelOverlaps(spans);
        expect(kept.length + dropped.length).toBe(spans.length);
        for (const a of kept) for (const b of kept) if (a !== b && a.label === b.label) expect(rangesOverlap(a, b)).toBe(false);
        for (const gone of dropped) expect(kept.some((other) => other.label === gone.label && rangesOverlap(other, gone))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('storedSpan', () => {
  const defaults = { id: 's1', annotator: 'old-tool-1a2b3c', createdAt: '2026-01-01T00:00:00.000Z' };

  it('stores an imported span with its covered text', () => {
    expect(storedSpan('Café 🚀 in Idlib', { start: 10, end: 15, label: 'LOCATION', note: 'n' }, defaults)).toEqual({
      ...defaults,
      start: 10,
      end: 15,
      label: 'LOCATION',
      text: 'Idlib',
      note: 'n',
    });
  });

  it('refuses offsets that split a character or leave the text', () => {
    expect(storedSpan('Cafe\u0301 open', { start: 0, end: 4, label: 'ACTOR' }, defaults)).toMatch(/splits a character at 4/);
    expect(storedSpan('short', { start: 2, end: 9, label: 'ACTOR' }, defaults)).toMatch(/does not fit the text/);
    expect(storedSpan('a b c', { start: 0, end: 5, label: 'ACTOR', fragments: [[2, 3], [0, 1]] }, defaults)).toMatch(/fragments/);
  });
});

describe('jsonTooDeep', () => {
  it('finds nesting past the limit, ignoring brackets in strings', () => {
    expect(jsonTooDeep('[[[1]]]', 3)).toBeNull();
    expect(jsonTooDeep('[[[[1]]]]', 3)).toEqual({ line: 1 });
    expect(jsonTooDeep('{"a": "[[[[[[\\"[[["}', 2)).toBeNull();
    expect(jsonTooDeep(`{\n"a":\n${'['.repeat(100_000)}`)).toEqual({ line: 3 });
  });
});

describe('looksLikeConll', () => {
  it.each([
    ['-DOCSTART- -X- O O\n\nRebels B-ORG\n', true],
    ['Rebels B-ORG\nleft O\nHama B-LOC\n. O\n', true],
    ['Rebels O\nleft O\n', false],
    ['Airstrikes hit Idlib\n\nRussian warplanes struck Ariha.', false],
    ['A title\nB-ORG\n', false],
  ])('%j → %s', (head, expected) => {
    expect(looksLikeConll(head)).toBe(expected);
  });
});
