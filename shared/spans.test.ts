import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, compareSpans, findSameLabelOverlap, rangesOverlap, sortSpans, type EditContext } from './spans';
import type { NewSpan, Span, SpanEdit } from './types';

const TEXT = 'On Tuesday 16 pro-Assad troops entered Idlib province 😀 near إدلب and cafe\u0301 🇸🇾.';
const CTX: EditContext = { text: TEXT, annotator: 'amira-1', now: '2026-01-02T03:04:05.000Z', labels: ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'] };
const CHARACTERS = [...TEXT];

/** Code point offsets of the first occurrence of a phrase in TEXT. */
function at(phrase: string): { start: number; end: number } {
  const start = [...TEXT.slice(0, TEXT.indexOf(phrase))].length;
  return { start, end: start + [...phrase].length };
}

function stored(id: string, phrase: string, label: string, extra: Partial<Span> = {}): Span {
  const { start, end } = at(phrase);
  return { id, start, end, label, text: phrase, annotator: 'omar-2', createdAt: '2025-12-01T00:00:00.000Z', ...extra };
}

function add(id: string, phrase: string, label: string, extra: Partial<NewSpan> = {}): SpanEdit {
  return { op: 'add', span: { id, ...at(phrase), label, ...extra } };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function expectOk(outcome: ReturnType<typeof applyEdits>): { spans: Span[]; inverse: SpanEdit[] } {
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.message}`);
  return outcome;
}

function expectRefused(outcome: ReturnType<typeof applyEdits>): string {
  if (outcome.ok) throw new Error('expected the edits to be refused');
  return outcome.message;
}

const LAYER = deepFreeze(
  sortSpans([
    stored('s-casualty', '16 pro-Assad troops', 'CASUALTY', { attributes: { kind: 'killed', count: 16, qualifier: 'exact' } }),
    stored('s-actor', 'pro-Assad troops', 'ACTOR', { note: 'described actor' }),
    stored('s-province', 'Idlib province', 'LOCATION', { updatedAt: '2025-12-02T00:00:00.000Z' }),
    stored('s-date', 'Tuesday', 'DATE', { provenance: { annotators: ['a', 'b'], adjudicator: 'c', at: '2025-12-03' } }),
  ]),
);

describe('rangesOverlap and findSameLabelOverlap', () => {
  const spans = [stored('p', 'Idlib province', 'LOCATION'), stored('t', '16 pro-Assad troops', 'CASUALTY')];
  const idlib = at('Idlib');
  const province = at('province');
  it.each([
    ['the same range', { ...idlib, label: 'LOCATION' }, 'p'],
    ['a range nested inside', { ...idlib, label: 'LOCATION' }, 'p'],
    ['a range around it', { start: idlib.start - 8, end: province.end + 2, label: 'LOCATION' }, 'p'],
    ['a range overlapping its end', { start: province.start, end: province.end + 3, label: 'LOCATION' }, 'p'],
    ['a range touching its end', { start: province.end, end: province.end + 2, label: 'LOCATION' }, undefined],
    ['a range touching its start', { start: idlib.start - 8, end: idlib.start, label: 'LOCATION' }, undefined],
    ['a different label on the same range', { ...idlib, label: 'ACTOR' }, undefined],
    ['the span itself (same id)', { id: 'p', ...idlib, label: 'LOCATION' }, undefined],
  ])('%s → %s', (_case, candidate, expected) => {
    expect(findSameLabelOverlap(spans, candidate)?.id).toBe(expected);
  });

  it('names the first clashing span in layer order, whatever order it is given', () => {
    const clashes = [stored('z', 'province', 'LOCATION'), stored('y', 'Idlib', 'LOCATION'), stored('x', 'Idlib province', 'LOCATION')];
    const candidate = { start: at('entered').start, end: at('province').end, label: 'LOCATION' };
    expect(findSameLabelOverlap(clashes, candidate)?.id).toBe('x');
    expect(findSameLabelOverlap([...clashes].reverse(), candidate)?.id).toBe('x');
  });

  it('is symmetric and treats touching as apart', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(20), fc.nat(20), (a, b, c, d) => {
        const x = { start: Math.min(a, b), end: Math.max(a, b) + 1 };
        const y = { start: Math.min(c, d), end: Math.max(c, d) + 1 };
        const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
        expect(rangesOverlap(x, y)).toBe(rangesOverlap(y, x));
        expect(rangesOverlap(x, y)).toBe(shared > 0);
      }),
    );
  });
});

describe('sortSpans', () => {
  it('orders by start, longer first, then label and id, without touching its input', () => {
    const spans = deepFreeze([
      stored('b', 'Idlib', 'LOCATION'),
      stored('a', 'Idlib province', 'LOCATION'),
      stored('d', 'Idlib', 'ACTOR'),
      stored('c', 'Idlib', 'ACTOR'),
      stored('e', 'On', 'DATE'),
    ]);
    expect(sortSpans(spans).map((span) => span.id)).toEqual(['e', 'a', 'c', 'd', 'b']);
  });
});

describe('applyEdits', () => {
  it('adds a span, filling in the covered text, annotator and creation time', () => {
    const outcome = expectOk(applyEdits(LAYER, [add('s-new', 'Idlib', 'ACTOR', { attributes: { x: 1 } })], CTX));
    expect(outcome.spans.find((span) => span.id === 's-new')).toStrictEqual({
      id: 's-new',
      ...at('Idlib'),
      label: 'ACTOR',
      text: 'Idlib',
      annotator: 'amira-1',
      createdAt: CTX.now,
      attributes: { x: 1 },
    });
    expect(outcome.inverse).toEqual([{ op: 'remove', id: 's-new' }]);
  });

  it('covers text after emoji, Arabic and combining marks by code points', () => {
    const outcome = expectOk(
      applyEdits([], [add('a', 'إدلب', 'LOCATION'), add('b', 'cafe\u0301', 'LOCATION'), add('c', '😀 near', 'ACTOR')], CTX),
    );
    expect(outcome.spans.map((span) => span.text)).toEqual(['😀 near', 'إدلب', 'cafe\u0301']);
    for (const span of outcome.spans) expect(span.text).toBe(CHARACTERS.slice(span.start, span.end).join(''));
  });

  it('updates a span: new offsets and label, fresh text and updatedAt, attributes and note replaced', () => {
    const outcome = expectOk(
      applyEdits(LAYER, [{ op: 'update', id: 's-province', set: { ...at('Idlib'), label: 'LOCATION', note: 'city only', attributes: { a: 'b' } } }], CTX),
    );
    expect(outcome.spans.find((span) => span.id === 's-province')).toStrictEqual({
      ...LAYER.find((span) => span.id === 's-province'),
      ...at('Idlib'),
      text: 'Idlib',
      note: 'city only',
      attributes: { a: 'b' },
      updatedAt: CTX.now,
    });
  });

  it('removes a span', () => {
    const outcome = expectOk(applyEdits(LAYER, [{ op: 'remove', id: 's-actor' }], CTX));
    expect(outcome.spans.map((span) => span.id)).toEqual(['s-date', 's-casualty', 's-province']);
  });

  it('undoes an add, an update and a remove exactly, every field included', () => {
    const edits: SpanEdit[] = [
      add('s-new', 'Idlib', 'ACTOR'),
      { op: 'remove', id: 's-actor' },
      { op: 'update', id: 's-casualty', set: { label: 'ACTOR', ...at('troops') } },
      { op: 'update', id: 's-date', set: { note: 'n' } },
      { op: 'remove', id: 's-province' },
    ];
    const forward = expectOk(applyEdits(LAYER, edits, CTX));
    const back = expectOk(applyEdits(forward.spans, forward.inverse, { ...CTX, now: 'later' }));
    expect(back.spans).toStrictEqual(LAYER);
    const again = expectOk(applyEdits(back.spans, back.inverse, { ...CTX, now: 'even later' }));
    expect(again.spans).toStrictEqual(forward.spans);
  });

  it('lets a batch reuse an id it has just removed', () => {
    const outcome = expectOk(applyEdits(LAYER, [{ op: 'remove', id: 's-actor' }, add('s-actor', 'Idlib', 'ACTOR')], CTX));
    expect(outcome.spans.find((span) => span.id === 's-actor')?.text).toBe('Idlib');
  });

  it('keeps the result sorted whatever order the input and edits come in', () => {
    const shuffled = [...LAYER].reverse();
    const outcome = expectOk(applyEdits(shuffled, [add('z', 'On', 'DATE'), add('y', 'near', 'LOCATION')], CTX));
    expect(outcome.spans).toStrictEqual([...outcome.spans].sort(compareSpans));
    expect(outcome.spans[0].id).toBe('z');
  });

  it('treats an empty batch as no change', () => {
    expect(expectOk(applyEdits(LAYER, [], CTX))).toStrictEqual({ ok: true, spans: LAYER, inverse: [] });
  });

  describe('refuses, naming the problem, and changes nothing', () => {
    const { start: idlibStart } = at('Idlib');
    const length = CHARACTERS.length;
    it.each<[string, SpanEdit[], string | RegExp]>([
      ['an offset past the end', [{ op: 'add', span: { id: 'n', start: length - 2, end: length + 1, label: 'ACTOR' } }], `Span "n": offsets ${length - 2}–${length + 1} fall outside the text, which is ${length} characters long`],
      ['a negative offset', [{ op: 'add', span: { id: 'n', start: -1, end: 2, label: 'ACTOR' } }], /fall outside the text/],
      ['a fractional offset', [{ op: 'add', span: { id: 'n', start: 1.5, end: 2, label: 'ACTOR' } }], /fall outside the text/],
      ['an empty span', [{ op: 'add', span: { id: 'n', start: 3, end: 3, label: 'ACTOR' } }], 'Span "n": start 3 must be before end 3'],
      ['a reversed span', [{ op: 'add', span: { id: 'n', start: 5, end: 3, label: 'ACTOR' } }], 'Span "n": start 5 must be before end 3'],
      ['an unknown label', [add('n', 'Idlib', 'WEAPON')], 'Span "n": unknown label "WEAPON"; the labels of this project are ACTOR, LOCATION, DATE, CASUALTY'],
      ['an id already used', [add('s-actor', 'Idlib', 'ACTOR')], 'A span with id "s-actor" already exists'],
      ['an id added twice in one batch', [add('n', 'Idlib', 'ACTOR'), add('n', 'near', 'ACTOR')], 'A span with id "n" already exists'],
      ['an update of a missing span', [{ op: 'update', id: 'nope', set: { label: 'ACTOR' } }], 'No span with id "nope" to change'],
      ['a remove of a missing span', [{ op: 'remove', id: 'nope' }], 'No span with id "nope" to remove'],
      ['a remove of a span removed earlier in the batch', [{ op: 'remove', id: 's-actor' }, { op: 'remove', id: 's-actor' }], 'No span with id "s-actor" to remove'],
      ['a same-label overlap', [add('n', 'Idlib', 'LOCATION')], 'Cannot tag "Idlib" as LOCATION: it overlaps the LOCATION span "Idlib province"'],
      ['a same-label overlap made by an update', [{ op: 'update', id: 's-actor', set: at('troops entered') }, add('x', 'entered Idlib', 'ACTOR')], 'Cannot tag "entered Idlib" as ACTOR: it overlaps the ACTOR span "troops entered"'],
      ['an update that moves onto a same-label span', [{ op: 'update', id: 's-casualty', set: { label: 'ACTOR' } }], 'Cannot tag "16 pro-Assad troops" as ACTOR: it overlaps the ACTOR span "pro-Assad troops"'],
      ['an update that moves out of the text', [{ op: 'update', id: 's-actor', set: { end: length + 5 } }], /Span "s-actor": offsets .* fall outside the text/],
      ['an update that empties the span', [{ op: 'update', id: 's-actor', set: { end: at('pro-Assad troops').start } }], /Span "s-actor": start \d+ must be before end \d+/],
      ['an update to an unknown label', [{ op: 'update', id: 's-actor', set: { label: 'GROUP' } }], /unknown label "GROUP"/],
      ['a start between a letter and its combining mark', [{ op: 'add', span: { id: 'n', start: at('\u0301').start, end: at('\u0301').end + 1, label: 'ACTOR' } }], /Span "n": offset \d+ splits a character/],
      ['an end inside an emoji sequence', [{ op: 'add', span: { id: 'n', start: at('🇸🇾').start, end: at('🇸🇾').start + 1, label: 'ACTOR' } }], /splits a character/],
      ['fragments out of order', [add('n', 'Idlib province', 'ACTOR', { fragments: [[idlibStart + 6, idlibStart + 14], [idlibStart, idlibStart + 5]] })], `Span "n": fragments must be ordered, non-overlapping, non-empty ranges inside ${idlibStart}–${idlibStart + 14}`],
      ['overlapping fragments', [add('n', 'Idlib province', 'ACTOR', { fragments: [[idlibStart, idlibStart + 6], [idlibStart + 5, idlibStart + 14]] })], /fragments must be ordered/],
      ['a fragment outside the span', [add('n', 'Idlib', 'ACTOR', { fragments: [[idlibStart, idlibStart + 9]] })], /fragments must be ordered/],
      ['an empty fragment', [add('n', 'Idlib', 'ACTOR', { fragments: [[idlibStart, idlibStart]] })], /fragments must be ordered/],
      ['no fragments at all', [add('n', 'Idlib', 'ACTOR', { fragments: [] })], /fragments must be ordered/],
      ['an update that leaves fragments outside', [add('n', 'Idlib province', 'ACTOR', { fragments: [[idlibStart, idlibStart + 5], [idlibStart + 6, idlibStart + 14]] }), { op: 'update', id: 'n', set: at('Idlib') }], /Span "n": fragments must be ordered/],
      ['a good edit followed by a bad one', [add('ok', 'near', 'LOCATION'), { op: 'remove', id: 'nope' }], 'No span with id "nope" to remove'],
    ])('%s', (_case, edits, message) => {
      const layer = deepFreeze(structuredClone(LAYER));
      const refused = expectRefused(applyEdits(layer, edits, CTX));
      if (typeof message === 'string') expect(refused).toBe(message);
      else expect(refused).toMatch(message);
      expect(layer).toStrictEqual(LAYER);
    });

    it('a layer that already holds two spans with one id', () => {
      const layer = [...LAYER, { ...LAYER[0] }];
      expect(expectRefused(applyEdits(layer, [], CTX))).toBe(`The layer holds two spans with id "${LAYER[0].id}"`);
    });

    it('keeps the quoted text of a long span short and on one line', () => {
      const text = `${'word '.repeat(40)}\n${'word '.repeat(40)}`;
      const ctx = { ...CTX, text };
      const first = expectOk(applyEdits([], [{ op: 'add', span: { id: 'a', start: 0, end: 150, label: 'ACTOR' } }], ctx));
      const message = expectRefused(applyEdits(first.spans, [{ op: 'add', span: { id: 'b', start: 5, end: 9, label: 'ACTOR' } }], ctx));
      expect(message).toMatch(/^Cannot tag "word" as ACTOR: it overlaps the ACTOR span "(word ){11}word…"$/);
    });
  });

  it('accepts good fragments and keeps them', () => {
    const { start } = at('Idlib province');
    const fragments: Array<[number, number]> = [[start, start + 5], [start + 6, start + 14]];
    const outcome = expectOk(applyEdits([], [add('n', 'Idlib province', 'LOCATION', { fragments })], CTX));
    expect(outcome.spans[0].fragments).toEqual(fragments);
  });
});

// ---- properties over random layers and batches ---------------------------------------------

const LABELS = ['A', 'B'];
const PROPERTY_TEXT = 'a😀 b\u0301c 🇸🇾 إدلب dé 5,834 x👩‍👩‍👧y z';
const PROPERTY_CTX: EditContext = { text: PROPERTY_TEXT, annotator: 'me', now: 'now', labels: LABELS };
const PROPERTY_LENGTH = [...PROPERTY_TEXT].length;

const BOUNDS = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(PROPERTY_TEXT)]
  .map(({ index }) => [...PROPERTY_TEXT.slice(0, index)].length)
  .concat(PROPERTY_LENGTH);
const offset = fc.integer({ min: -1, max: PROPERTY_LENGTH + 1 });
/** Mostly short ranges between grapheme boundaries, sometimes anything at all. */
const range = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(fc.nat(BOUNDS.length - 2), fc.integer({ min: 1, max: 4 }))
      .map(([first, count]) => ({ start: BOUNDS[first], end: BOUNDS[Math.min(first + count, BOUNDS.length - 1)] })),
  },
  { weight: 1, arbitrary: fc.record({ start: offset, end: offset }) },
);
const ids = fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6');
const label = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...LABELS) }, { weight: 1, arbitrary: fc.constant('C') });
const optionalFields = fc.record(
  {
    attributes: fc.dictionary(fc.constantFrom('kind', 'count'), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 2, noNullPrototype: true }),
    note: fc.string({ maxLength: 5 }),
    annotator: fc.constantFrom('other', 'third'),
    createdAt: fc.constantFrom('t0', 't1'),
    updatedAt: fc.constantFrom('t1', 't2'),
    source: fc.constant('gazetteer'),
    score: fc.double({ noNaN: true, noDefaultInfinity: true }),
  },
  { requiredKeys: [] },
);

const edit: fc.Arbitrary<SpanEdit> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    span: fc.tuple(ids, range, label, optionalFields).map(([id, where, name, extra]) => ({ id, ...where, label: name, ...extra })),
  }),
  fc.record({
    op: fc.constant('update' as const),
    id: ids,
    set: fc
      .tuple(
        fc.record(
          { label, note: fc.string({ maxLength: 5 }), attributes: fc.dictionary(fc.constantFrom('kind'), fc.integer(), { maxKeys: 1, noNullPrototype: true }) },
          { requiredKeys: [] },
        ),
        fc.option(range, { nil: undefined }),
      )
      .map(([changes, where]) => ({ ...changes, ...where })),
  }),
  fc.record({ op: fc.constant('remove' as const), id: ids }),
);

/** A valid layer: grown from random edits, keeping whatever the rules accept. */
const layer = fc.array(edit, { maxLength: 12 }).map((edits) => {
  let spans: Span[] = [];
  for (const one of edits) {
    const outcome = applyEdits(spans, [one], { ...PROPERTY_CTX, annotator: 'someone', now: 'before' });
    if (outcome.ok) spans = outcome.spans;
  }
  return spans;
});

function expectValidLayer(spans: Span[]): void {
  expect(spans).toStrictEqual(sortSpans(spans));
  expect(new Set(spans.map((span) => span.id)).size).toBe(spans.length);
  const characters = [...PROPERTY_TEXT];
  for (const span of spans) {
    expect(span.start).toBeLessThan(span.end);
    expect(span.text).toBe(characters.slice(span.start, span.end).join(''));
    expect(LABELS).toContain(span.label);
    expect(findSameLabelOverlap(spans, span)).toBeUndefined();
  }
}

describe('applyEdits properties', () => {
  it('applying the inverse gives back the original exactly, and the inverse of that redoes it', () => {
    let applied = 0;
    fc.assert(
      fc.property(layer, fc.array(edit, { minLength: 1, maxLength: 4 }), (original, edits) => {
        deepFreeze(original);
        const snapshot = structuredClone(original);
        const outcome = applyEdits(original, deepFreeze(edits), PROPERTY_CTX);
        expect(original).toStrictEqual(snapshot);
        if (!outcome.ok) {
          expect(outcome.message).not.toBe('');
          return;
        }
        applied++;
        expectValidLayer(outcome.spans);
        const undone = expectOk(applyEdits(outcome.spans, outcome.inverse, { ...PROPERTY_CTX, now: 'undo time' }));
        expect(undone.spans).toStrictEqual(original);
        const redone = expectOk(applyEdits(undone.spans, undone.inverse, { ...PROPERTY_CTX, now: 'redo time' }));
        expect(redone.spans).toStrictEqual(outcome.spans);
      }),
      { numRuns: 3_000 },
    );
    // The property means little unless many random batches pass the rules.
    expect(applied).toBeGreaterThan(300);
  });

  it('is all or nothing: a refused batch equals refusing at its first bad edit', () => {
    fc.assert(
      fc.property(layer, fc.array(edit, { minLength: 1, maxLength: 4 }), (original, edits) => {
        const outcome = applyEdits(original, edits, PROPERTY_CTX);
        let spans = original;
        for (const one of edits) {
          const step = applyEdits(spans, [one], PROPERTY_CTX);
          if (!step.ok) {
            expect(outcome).toEqual(step);
            return;
          }
          spans = step.spans;
        }
        expect(outcome.ok && outcome.spans).toStrictEqual(spans);
      }),
      { numRuns: 1_000 },
    );
  });

  it('stays fast on a 5,000-span layer', () => {
    const text = 'word '.repeat(20_000);
    const ctx = { ...CTX, text };
    const spans = expectOk(
      applyEdits([], Array.from({ length: 5_000 }, (_, i) => addAt(`s${i}`, i * 20, i * 20 + 4, CTX.labels[i % 4])), ctx),
    ).spans;
    const started = performance.now();
    for (let i = 0; i < 50; i++) expectOk(applyEdits(spans, [addAt('extra', i * 20 + 5, i * 20 + 9, 'ACTOR')], ctx));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

function addAt(id: string, start: number, end: number, label: string): SpanEdit {
  return { op: 'add', span: { id, start, end, label } };
}
