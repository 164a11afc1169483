import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { createPositionMap } from '../../shared/offsets';
import { DEFAULT_LABELS } from '../../shared/labels';
import { createArticleDoc } from './article';
import {
  DRAW_ALL_SPANS,
  highlightState,
  highlightsPlugin,
  selectSpan,
  showSpans,
  spanToSelect,
  type HighlightSpec,
  type ShownSpan,
} from './highlights';
import { moveWindow } from './viewport';

const TEXT = 'Strikes on Idlib\nAt least two civilians 😀 were killed in Kansafra on Tuesday.\n\nمقتل مدنيين في إدلب';

function stateWith(spans: ShownSpan[], text = TEXT): EditorState {
  const doc = createArticleDoc(text, 'Strikes on Idlib');
  const positions = createPositionMap(text);
  return EditorState.create({ doc, plugins: [highlightsPlugin({ positions, labels: DEFAULT_LABELS, spans })] });
}

const span = (id: string, start: number, end: number, label = 'ACTOR'): ShownSpan => ({ id, start, end, label });

/** Every decoration as plain data, in a stable order, to compare whole sets. */
function drawn(state: EditorState) {
  return highlightState(state)
    .decorations.find()
    .map((deco: Decoration) => {
      const spec = deco.spec as HighlightSpec;
      return { from: deco.from, to: deco.to, spanId: spec.spanId, className: spec.className };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to || a.className.localeCompare(b.className) || a.spanId.localeCompare(b.spanId));
}

const apply = (state: EditorState, spans: ShownSpan[]) => state.apply(showSpans(state.tr, spans));

/** The code point extent of the first occurrence of `words` in TEXT. */
function extentOf(words: string): [number, number] {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return [start, start + [...words].length];
}

const civilians = span('s-civ', ...extentOf('civilians'));
const figure = span('s-fig', ...extentOf('At least two civilians'), 'CASUALTY');
const place = span('s-place', ...extentOf('Kansafra'), 'LOCATION');
const day = span('s-day', ...extentOf('Tuesday'), 'DATE');

describe('highlightsPlugin', () => {
  it('draws a box and a chip for every span, at the positions of its code points', () => {
    const state = stateWith([place]);
    const positions = createPositionMap(TEXT);
    const [from, to] = [positions.toPos(place.start), positions.toPos(place.end)];
    expect(drawn(state)).toEqual([
      { from, to: from, spanId: 's-place', className: 'sw-chip sw-label-1 sw-depth-0' },
      { from, to, spanId: 's-place', className: 'sw-span sw-label-1 sw-depth-0' },
    ]);
    expect(state.doc.textBetween(from, to)).toBe('Kansafra');
  });

  it('adds and removes only the decorations of spans that changed', () => {
    const before = stateWith([civilians, place]);
    const kept = highlightState(before).decorations.find(undefined, undefined, (spec: HighlightSpec) => spec.spanId === 's-place');
    const after = apply(before, [civilians, place, day]);
    const keptAfter = highlightState(after).decorations.find(undefined, undefined, (spec: HighlightSpec) => spec.spanId === 's-place');
    expect(keptAfter).toEqual(kept);
    expect(drawn(after).filter((d) => d.spanId === 's-day')).toHaveLength(2);

    const removed = apply(after, [place]);
    expect(new Set(drawn(removed).map((d) => d.spanId))).toEqual(new Set(['s-place']));
  });

  it('redraws a span whose label changed', () => {
    const state = apply(stateWith([civilians]), [{ ...civilians, label: 'CASUALTY' }]);
    expect(drawn(state).map((d) => d.className)).toEqual(['sw-chip sw-label-3 sw-depth-0', 'sw-span sw-label-3 sw-depth-0']);
  });

  it('gives nested spans their depth and updates it when an outer span comes or goes', () => {
    const nested = apply(stateWith([civilians]), [civilians, figure]);
    const classes = (state: EditorState, id: string) => drawn(state).filter((d) => d.spanId === id).map((d) => d.className);
    expect(classes(nested, 's-civ')).toEqual(['sw-chip sw-label-0 sw-depth-1', 'sw-span sw-label-0 sw-depth-1']);
    expect(classes(nested, 's-fig')).toEqual(['sw-chip sw-label-3 sw-depth-0', 'sw-span sw-label-3 sw-depth-0']);
    expect(classes(apply(nested, [civilians]), 's-civ')).toEqual(['sw-chip sw-label-0 sw-depth-0', 'sw-span sw-label-0 sw-depth-0']);
  });

  it('draws each fragment of a discontinuous span', () => {
    const [atLeast, two] = [extentOf('At least'), extentOf('civilians')];
    const state = stateWith([{ ...span('s-frag', atLeast[0], two[1]), fragments: [atLeast, two] }]);
    const positions = createPositionMap(TEXT);
    const boxes = drawn(state).filter((d) => d.className.startsWith('sw-span'));
    expect(boxes.map((d) => state.doc.textBetween(d.from, d.to))).toEqual(['At least', 'civilians']);
    expect(boxes[0]!.from).toBe(positions.toPos(atLeast[0]));
  });

  it('outlines the selected span until text is selected, it is deselected or it disappears', () => {
    const base = stateWith([civilians, place]);
    const selected = base.apply(selectSpan(base.tr, 's-civ'));
    expect(highlightState(selected).selectedId).toBe('s-civ');
    expect(drawn(selected).filter((d) => d.className.includes('sw-span-selected')).map((d) => d.spanId)).toEqual(['s-civ', 's-civ']);

    const collapsed = selected.apply(selected.tr.setSelection(TextSelection.create(selected.doc, 5)));
    expect(highlightState(collapsed).selectedId).toBe('s-civ');
    const textSelected = selected.apply(selected.tr.setSelection(TextSelection.create(selected.doc, 5, 9)));
    expect(highlightState(textSelected).selectedId).toBeNull();
    expect(drawn(textSelected)).toEqual(drawn(base));

    expect(highlightState(selected.apply(selectSpan(selected.tr, null))).selectedId).toBeNull();
    expect(highlightState(apply(selected, [place])).selectedId).toBeNull();
  });

  it('keeps the state untouched by transactions that change nothing it draws', () => {
    const state = stateWith([civilians]);
    const next = state.apply(state.tr.setMeta('unrelated', true));
    expect(highlightState(next)).toBe(highlightState(state));
  });

  it('ends any sequence of changes with the set a fresh build would draw', () => {
    const length = [...TEXT].length;
    const anySpan = fc
      .record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), start: fc.nat(length - 1), size: fc.integer({ min: 1, max: 20 }), label: fc.constantFrom('ACTOR', 'DATE', 'GONE') })
      .map(({ id, start, size, label }) => span(id, start, Math.min(length, start + size), label));
    const spanList = fc.uniqueArray(anySpan, { selector: (s) => s.id, maxLength: 5 });
    const step = fc.oneof(
      spanList.map((spans) => ({ spans })),
      fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }).map((selectedId) => ({ selectedId })),
    );
    fc.assert(
      fc.property(spanList, fc.array(step, { maxLength: 8 }), (initial, steps) => {
        let state = stateWith(initial);
        for (const change of steps) {
          state = 'spans' in change ? apply(state, change.spans) : state.apply(selectSpan(state.tr, change.selectedId));
        }
        const { spans, selectedId } = highlightState(state);
        let fresh = stateWith([...spans.values()]);
        fresh = fresh.apply(selectSpan(fresh.tr, selectedId));
        expect(drawn(state)).toEqual(drawn(fresh));
      }),
    );
  });
});

describe('highlights of a long article', () => {
  // One span on every line, each line 60 code points: more spans than are ever all drawn.
  const LINES = DRAW_ALL_SPANS + 200;
  const LONG = Array.from({ length: LINES }, (_, i) => `Line ${String(i).padStart(4, '0')} tells of ${'x'.repeat(40)}.`).join('\n');
  const lineSpan = (i: number, label = 'ACTOR'): ShownSpan => span(`s-${i}`, i * 61, i * 61 + 9, label);
  const everyLine = Array.from({ length: LINES }, (_, i) => lineSpan(i));
  const ids = (state: EditorState) => new Set(drawn(state).map((d) => d.spanId));
  const long = stateWith(everyLine, LONG);
  const positions = createPositionMap(LONG);

  it('draws only the spans within the window, starting with the start of the article', () => {
    const shown = ids(long);
    expect(shown.has('s-0')).toBe(true);
    expect(shown.has(`s-${LINES - 1}`)).toBe(false);
    expect(shown.size).toBeLessThan(LINES);
    // Spans are drawn when the window first reaches them, not all at once.
    expect(highlightState(long).drawings.size).toBe(shown.size);
  });

  it('draws what the window moves over and drops what it leaves', () => {
    const window = { from: positions.toPos(500 * 61), to: positions.toPos(510 * 61) };
    const moved = long.apply(moveWindow(long.tr, window));
    expect([...ids(moved)].sort()).toEqual(Array.from({ length: 11 }, (_, i) => `s-${500 + i}`).sort());
  });

  it('draws all spans again once there are few enough', () => {
    const few = apply(long, everyLine.slice(0, DRAW_ALL_SPANS));
    expect(ids(few).size).toBe(DRAW_ALL_SPANS);
  });

  it('keeps the page in step with every span through edits, selections and moves', () => {
    const line = fc.integer({ min: 0, max: LINES - 1 });
    const step = fc.oneof(
      fc.tuple(line, fc.constantFrom('DATE', 'LOCATION')).map(([i, label]) => ({ relabel: i, label })),
      line.map((i) => ({ remove: i })),
      fc.option(line, { nil: null }).map((i) => ({ select: i })),
      fc.tuple(line, fc.integer({ min: 0, max: 60 })).map(([i, size]) => ({ window: [i, Math.min(LINES - 1, i + size)] as const })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), (steps) => {
        let state = long;
        let spans = everyLine;
        for (const change of steps) {
          if ('relabel' in change) spans = spans.map((s) => (s.id === `s-${change.relabel}` ? { ...s, label: change.label } : s));
          if ('remove' in change) spans = spans.filter((s) => s.id !== `s-${change.remove}`);
          if ('relabel' in change || 'remove' in change) state = apply(state, spans);
          if ('select' in change) state = state.apply(selectSpan(state.tr, change.select === null ? null : `s-${change.select}`));
          if ('window' in change) {
            const [first, last] = change.window;
            state = state.apply(moveWindow(state.tr, { from: positions.toPos(first * 61), to: positions.toPos(last * 61 + 60) }));
          }
        }
        const { window, selectedId } = highlightState(state);
        let fresh = stateWith(spans, LONG);
        fresh = fresh.apply(selectSpan(moveWindow(fresh.tr, window), selectedId));
        expect(drawn(state)).toEqual(drawn(fresh));
      }),
      { numRuns: 60 },
    );
  });
});

describe('spanToSelect', () => {
  const nest = stateWith([figure, civilians, place]);

  it('picks the innermost span under a click, whatever order the DOM gave the ids in', () => {
    expect(spanToSelect(highlightState(nest), ['s-fig', 's-civ'])).toBe('s-civ');
    expect(spanToSelect(highlightState(nest), ['s-civ', 's-fig'])).toBe('s-civ');
  });

  it('walks outward from the selected span and wraps around', () => {
    let state = nest;
    const order: Array<string | null> = [];
    for (let click = 0; click < 3; click++) {
      const next = spanToSelect(highlightState(state), ['s-civ', 's-fig']);
      order.push(next);
      state = state.apply(selectSpan(state.tr, next));
    }
    expect(order).toEqual(['s-civ', 's-fig', 's-civ']);
  });

  it('starts from the innermost when the selected span is elsewhere, and gives null with no span', () => {
    const elsewhere = nest.apply(selectSpan(nest.tr, 's-place'));
    expect(spanToSelect(highlightState(elsewhere), ['s-fig', 's-civ'])).toBe('s-civ');
    expect(spanToSelect(highlightState(nest), [])).toBeNull();
    expect(spanToSelect(highlightState(nest), ['s-gone'])).toBeNull();
  });
});
