import { describe, it, expect } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { createPositionMap } from '../../shared/offsets';
import { createArticleDoc } from './article';
import { extendedSelection, selectedRange } from './textSelection';

const TEXT = 'Title\nRussian jets 🇸🇾 hit Kafr Awayd.\nNext line';
const positions = createPositionMap(TEXT);
const doc = createArticleDoc(TEXT, 'Title');
const at = (anchor: number, head = anchor) =>
  EditorState.create({ doc, selection: TextSelection.create(doc, positions.toPos(anchor), positions.toPos(head)) });
const offsetOf = (words: string) => [...TEXT.slice(0, TEXT.indexOf(words))].length;

/** The text between a selection's ends, in document order. */
const covered = (selection: TextSelection) => doc.textBetween(selection.from, selection.to, '\n');

describe('selectedRange', () => {
  it('is the selection in code points, whichever way it was made', () => {
    const start = offsetOf('hit');
    expect(selectedRange(at(start, start + 3).selection, positions)).toEqual({ start, end: start + 3 });
    expect(selectedRange(at(start + 3, start).selection, positions)).toEqual({ start, end: start + 3 });
  });

  it('is null for a caret', () => {
    expect(selectedRange(at(3).selection, positions)).toBeNull();
  });

  it('counts an emoji flag as the code points it holds', () => {
    const flag = offsetOf('🇸🇾');
    expect(selectedRange(at(flag, flag + 6).selection, positions)).toEqual({ start: flag, end: flag + 6 });
    expect([...TEXT].slice(flag, flag + 6).join('')).toBe('🇸🇾 hit');
  });
});

describe('extendedSelection', () => {
  it('moves the head by a grapheme, keeping a flag whole', () => {
    const flag = offsetOf('🇸🇾');
    const forward = extendedSelection(at(flag), TEXT, positions, 1, 'grapheme');
    expect(covered(forward)).toBe('🇸🇾');
    expect(covered(extendedSelection(at(flag + 2), TEXT, positions, -1, 'grapheme'))).toBe('🇸🇾');
  });

  it('moves the head by a word and keeps the anchor', () => {
    const start = offsetOf('Kafr');
    const once = extendedSelection(at(start), TEXT, positions, 1, 'word');
    expect(covered(once)).toBe('Kafr');
    const state = at(start).apply(at(start).tr.setSelection(once));
    expect(covered(extendedSelection(state, TEXT, positions, 1, 'word'))).toBe('Kafr Awayd');
    expect(covered(extendedSelection(at(start), TEXT, positions, -1, 'word'))).toBe('hit ');
  });

  it('crosses a line end into the next line', () => {
    const end = offsetOf('\nNext');
    expect(covered(extendedSelection(at(end), TEXT, positions, 1, 'grapheme'))).toBe('\n');
    expect(covered(extendedSelection(at(end), TEXT, positions, 1, 'word'))).toBe('\nNext');
  });
});
