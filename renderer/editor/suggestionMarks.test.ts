import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { DEFAULT_LABELS } from '../../shared/labels';
import { createPositionMap } from '../../shared/offsets';
import { createArticleDoc } from './article';
import { changeFindMarks, findMarksPlugin, findMarksState, type FindSpec } from './findMarks';
import {
  changeSuggestionMarks,
  suggestionMarksPlugin,
  suggestionMarksState,
  suggestionsWithin,
  type ShownSuggestion,
  type SuggestionSpec,
} from './suggestionMarks';
import { moveWindow } from './viewport';

const TEXT = 'Strikes on Idlib\nAt least two civilians 😀 were killed in Kansafra on Tuesday.';

function state(): EditorState {
  const positions = createPositionMap(TEXT);
  return EditorState.create({
    doc: createArticleDoc(TEXT, 'Strikes on Idlib'),
    plugins: [suggestionMarksPlugin({ positions, labels: DEFAULT_LABELS }), findMarksPlugin(positions)],
  });
}

function extent(words: string): { start: number; end: number } {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start, end: start + [...words].length };
}

const place: ShownSuggestion = { ...extent('Kansafra'), label: 'LOCATION', source: 'gazetteer', score: 0.8 };
const day: ShownSuggestion = { ...extent('Tuesday'), label: 'DATE', source: 'rule:date', score: 0.9 };

/** Each drawn suggestion as `text|classes`, boxes only. */
function drawn(current: EditorState): string[] {
  return suggestionMarksState(current)
    .decorations.find()
    .filter((deco: Decoration) => deco.from !== deco.to)
    .map((deco: Decoration) => `${current.doc.textBetween(deco.from, deco.to)}|${(deco.spec as SuggestionSpec).className}`)
    .sort();
}

const change = (current: EditorState, meta: Parameters<typeof changeSuggestionMarks>[1]) => current.apply(changeSuggestionMarks(current.tr, meta));

describe('suggestionMarksPlugin', () => {
  it('draws each suggestion as a dashed box of its label, with a chip, at its code points (after an emoji too)', () => {
    const shown = change(state(), { suggestions: [place, day] });
    expect(drawn(shown)).toEqual(['Kansafra|sw-suggestion sw-label-1', 'Tuesday|sw-suggestion sw-label-2']);
    expect(suggestionMarksState(shown).decorations.find()).toHaveLength(4);
  });

  it('redraws only what changed: the focused one and a removed one', () => {
    const shown = change(state(), { suggestions: [place, day] });
    const dayKey = `${day.start}-${day.end}-DATE`;
    const keptBefore = suggestionMarksState(shown).decorations.find(undefined, undefined, (spec: SuggestionSpec) => spec.suggestionKey === dayKey);
    const focused = change(shown, { focusedKey: `${place.start}-${place.end}-LOCATION` });
    expect(drawn(focused)).toContain('Kansafra|sw-suggestion sw-label-1 sw-suggestion-focused');
    const keptAfter = suggestionMarksState(focused).decorations.find(undefined, undefined, (spec: SuggestionSpec) => spec.suggestionKey === dayKey);
    expect(keptAfter).toEqual(keptBefore);
    const fewer = change(focused, { suggestions: [day] });
    expect(drawn(fewer)).toEqual(['Tuesday|sw-suggestion sw-label-2']);
    // The focus cannot stay on a suggestion that is gone.
    expect(suggestionMarksState(fewer).focusedKey).toBeNull();
  });

  it('hides everything and brings it back as it was', () => {
    const shown = change(state(), { suggestions: [place, day], focusedKey: `${day.start}-${day.end}-DATE` });
    const hidden = change(shown, { visible: false });
    expect(drawn(hidden)).toEqual([]);
    const back = change(hidden, { visible: true });
    expect(drawn(back)).toEqual(drawn(shown));
  });
});

describe('suggestion marks of a long article', () => {
  // Three suggestions on every line of 61 code points: far more than a screen window holds.
  const LINES = 2_000;
  const LONG = Array.from({ length: LINES }, (_, i) => `Line ${String(i).padStart(4, '0')} tells of ${'x'.repeat(40)}.`).join('\n');
  const positions = createPositionMap(LONG);
  const onLine = (i: number, label = 'LOCATION'): ShownSuggestion[] => [
    { start: i * 61, end: i * 61 + 4, label, source: 'gazetteer', score: 0.5 },
    { start: i * 61 + 5, end: i * 61 + 9, label: 'DATE', source: 'rule:date', score: 0.7 },
    // Reaching over the line's end into the next: found by a window starting on the next line.
    { start: i * 61 + 20, end: Math.min(LONG.length, i * 61 + 70), label: 'ACTOR', source: 'nlp', score: 0.6 },
  ];
  const every = Array.from({ length: LINES }, (_, i) => onLine(i)).flat();
  const fresh = () => EditorState.create({ doc: createArticleDoc(LONG, ''), plugins: [suggestionMarksPlugin({ positions, labels: DEFAULT_LABELS })] });
  const keysDrawn = (current: EditorState) => new Set(suggestionMarksState(current).decorations.find().map((deco) => (deco.spec as SuggestionSpec).suggestionKey));
  const lineWindow = (first: number, last: number) => ({ from: positions.toPos(first * 61), to: positions.toPos(last * 61 + 60) });
  const shown = change(fresh(), { suggestions: every });

  it('draws only the suggestions within the screen window, starting with the start of the article', () => {
    const drawn = keysDrawn(shown);
    expect(drawn.has(`0-4-LOCATION`)).toBe(true);
    expect(drawn.size).toBeGreaterThan(0);
    expect(drawn.size).toBeLessThan(every.length / 4);
    expect(suggestionMarksState(shown).suggestions.size).toBe(every.length);
  });

  it('draws what the window moves over and drops what it leaves', () => {
    const moved = shown.apply(moveWindow(shown.tr, lineWindow(1_000, 1_002)));
    const expected = [...onLine(999).slice(2), ...onLine(1_000), ...onLine(1_001), ...onLine(1_002)].map((s) => `${s.start}-${s.end}-${s.label}`);
    expect([...keysDrawn(moved)].sort()).toEqual(expected.sort());
  });

  it('finds those reaching into a window with a search by start', () => {
    const { placed } = suggestionMarksState(shown);
    const window = lineWindow(7, 9);
    const found = suggestionsWithin(placed, window).map((each) => each.key);
    const all = placed.list.filter((each) => each.from <= window.to && each.to >= window.from).map((each) => each.key);
    expect(found).toEqual(all);
  });

  it('keeps the page in step with the suggestions through changes, focus, hiding and moves', () => {
    const line = fc.integer({ min: 0, max: LINES - 1 });
    const step = fc.oneof(
      line.map((i) => ({ remove: i })),
      fc.tuple(line, fc.constantFrom('ACTOR', 'CASUALTY')).map(([i, label]) => ({ relabel: i, label })),
      fc.option(line, { nil: null }).map((i) => ({ focus: i })),
      fc.boolean().map((visible) => ({ visible })),
      fc.tuple(line, fc.integer({ min: 0, max: 40 })).map(([i, size]) => ({ window: [i, Math.min(LINES - 1, i + size)] as const })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), (steps) => {
        let state = shown;
        let list = every;
        for (const each of steps) {
          if ('remove' in each) list = list.filter((s) => s.start !== each.remove * 61);
          if ('relabel' in each) list = list.map((s) => (s.start === each.relabel * 61 ? { ...s, label: each.label } : s));
          if ('remove' in each || 'relabel' in each) state = change(state, { suggestions: list });
          if ('focus' in each) state = change(state, { focusedKey: each.focus === null ? null : `${each.focus * 61 + 5}-${each.focus * 61 + 9}-DATE` });
          if ('visible' in each) state = change(state, { visible: each.visible });
          if ('window' in each) state = state.apply(moveWindow(state.tr, lineWindow(...each.window)));
        }
        const { window, focusedKey, visible } = suggestionMarksState(state);
        const rebuilt = change(fresh().apply(moveWindow(fresh().tr, window)), { suggestions: list, focusedKey, visible });
        expect(drawn(state)).toEqual(drawn(rebuilt));
        expect(suggestionMarksState(state).decorations.find()).toHaveLength(suggestionMarksState(rebuilt).decorations.find().length);
      }),
      { numRuns: 25 },
    );
  });
});

describe('findMarksPlugin', () => {
  it('highlights every match and moves the current one', () => {
    const matches = [extent('Idlib'), extent('Kansafra')];
    let current = state().apply(changeFindMarks(state().tr, { matches, current: 0 }));
    const classes = (s: EditorState) =>
      findMarksState(s)
        .decorations.find()
        .map((deco: Decoration) => `${s.doc.textBetween(deco.from, deco.to)}|${(deco.spec as FindSpec).className}`)
        .sort();
    expect(classes(current)).toEqual(['Idlib|sw-find-match sw-find-current', 'Kansafra|sw-find-match']);
    current = current.apply(changeFindMarks(current.tr, { current: 1 }));
    expect(classes(current)).toEqual(['Idlib|sw-find-match', 'Kansafra|sw-find-match sw-find-current']);
    current = current.apply(changeFindMarks(current.tr, { matches: [] }));
    expect(classes(current)).toEqual([]);
    expect(findMarksState(current).current).toBe(-1);
  });
});
