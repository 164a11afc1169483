import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { DEFAULT_LABELS } from '../../shared/labels';
import { createPositionMap } from '../../shared/offsets';
import { createArticleDoc } from './article';
import { changeFindMarks, findMarksPlugin, findMarksState, type FindSpec } from './findMarks';
import { changeSuggestionMarks, suggestionMarksPlugin, suggestionMarksState, type ShownSuggestion, type SuggestionSpec } from './suggestionMarks';

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
