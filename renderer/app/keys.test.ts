import { describe, it, expect } from 'vitest';
import { RESERVED_HOTKEYS } from '../../shared/labelSchema';
import { DEFAULT_LABELS } from '../../shared/labels';
import { actionForKey, chordText, isTypingTarget, KEY_BINDINGS, shortcutSheet, type KeyBinding, type KeyPlace, type KeyPress } from './keys';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});
const action = (key: string, modifiers?: Partial<Omit<KeyPress, 'key'>>, place?: KeyPlace) =>
  actionForKey(press(key, modifiers), DEFAULT_LABELS, place);

/** The key press a chord of the table stands for, as a browser reports it. */
function pressOf(chord: string): KeyPress {
  const parts = chord.split('+');
  const key = parts.pop()!;
  const shiftKey = parts.includes('Shift');
  return press(shiftKey && key.length === 1 ? key.toUpperCase() : key, { ctrlKey: parts.includes('Ctrl'), altKey: parts.includes('Alt'), shiftKey });
}

/** Where a binding of this scope applies, and whether a suggestion must have the focus. */
function placeOf(scope: KeyBinding['scope']): [KeyPlace, boolean] {
  if (scope === 'review') return ['review', false];
  if (scope === 'screen') return ['other-screen', false];
  return ['article', scope === 'suggestion'];
}

describe('the key table', () => {
  it('does what it says for every chord it lists, where it applies: no chord is taken by another binding there', () => {
    for (const binding of KEY_BINDINGS) {
      const [place, suggestionFocused] = placeOf(binding.scope);
      binding.chords.forEach((chord, index) => {
        const expected = binding.actions[binding.actions.length === 1 ? 0 : index];
        expect(actionForKey(pressOf(chord), DEFAULT_LABELS, place, suggestionFocused), chord).toEqual(expected);
      });
      expect([1, binding.chords.length]).toContain(binding.actions.length);
    }
  });

  it('reserves exactly the single keys it uses without a modifier where label keys work, so no label can take them', () => {
    const single = KEY_BINDINGS.filter((binding) => binding.scope !== 'review' && binding.scope !== 'screen')
      .flatMap((binding) => binding.chords)
      .filter((chord) => [...chord].length === 1)
      .map((chord) => chord.toLowerCase());
    expect([...new Set(single)].sort()).toEqual([...RESERVED_HOTKEYS].sort());
  });

  it('lists every binding and every label key in the shortcuts sheet', () => {
    const sheet = shortcutSheet(DEFAULT_LABELS);
    const rows = sheet.flatMap((group) => group.rows);
    expect(rows).toHaveLength(KEY_BINDINGS.length + DEFAULT_LABELS.length);
    expect(sheet.map((group) => group.title)).toEqual(expect.arrayContaining(['Moving', 'Selecting', 'Spans', 'Documents', 'App', 'Other screens']));
    expect(sheet.at(-1)!.title).toBe('Labels');
    const labels = sheet.at(-1)!.rows;
    expect(labels[0]).toEqual({ chords: [['1'], ['A']], joiner: 'or', description: expect.stringContaining('ACTOR') });
    const redo = rows.find((row) => row.description === 'Redo')!;
    expect(redo).toEqual({ chords: [['Ctrl', 'Shift', 'Z'], ['Ctrl', 'Y']], joiner: 'or', description: 'Redo' });
    expect(rows.find((row) => row.description.startsWith('Move the caret one word'))).toMatchObject({
      chords: [['Ctrl', '←'], ['→']],
      joiner: '/',
    });
    expect(rows.find((row) => row.description === 'Select the next / previous span')!.chords).toEqual([['Tab'], ['Shift', 'Tab']]);
  });

  it('prints chords as on the keys', () => {
    expect(chordText('Ctrl+Shift+ArrowLeft')).toBe('Ctrl+Shift+←');
    expect(chordText('Escape')).toBe('Esc');
    expect(chordText('Ctrl+Shift+S')).toBe('Ctrl+Shift+S');
  });
});

describe('actionForKey', () => {
  it.each([
    ['1', 'ACTOR'],
    ['a', 'ACTOR'],
    ['A', 'ACTOR'],
    ['2', 'LOCATION'],
    ['l', 'LOCATION'],
    ['3', 'DATE'],
    ['d', 'DATE'],
    ['4', 'CASUALTY'],
    ['c', 'CASUALTY'],
  ])('applies the label whose hotkey is %s', (key, label) => {
    expect(action(key)).toEqual({ kind: 'label', label });
    expect(action(key, {}, 'annotating')).toEqual({ kind: 'label', label });
  });

  it('takes hotkeys from the project labels, the table first', () => {
    const labels = [{ name: 'WEAPON', color: '#000000', hotkeys: ['w', '9', '?'], definition: '' }];
    expect(actionForKey(press('9'), labels)).toEqual({ kind: 'label', label: 'WEAPON' });
    expect(actionForKey(press('1'), labels)).toBeNull();
    expect(actionForKey(press('?', { shiftKey: true }), labels)).toEqual({ kind: 'show-shortcuts' });
  });

  it('leaves label keys with Ctrl, Cmd or Alt to the browser', () => {
    expect(action('a', { ctrlKey: true })).toBeNull();
    expect(action('c', { metaKey: true })).toBeNull();
    expect(action('1', { altKey: true })).toBeNull();
  });

  it('maps the span keys', () => {
    expect(action('Delete')).toEqual({ kind: 'remove-span' });
    expect(action('Backspace')).toEqual({ kind: 'remove-span' });
    expect(action('Escape')).toEqual({ kind: 'deselect' });
    expect(action('Tab')).toEqual({ kind: 'jump-to-span', step: 1 });
    expect(action('Tab', { shiftKey: true })).toEqual({ kind: 'jump-to-span', step: -1 });
    expect(action('Enter')).toEqual({ kind: 'edit-attributes' });
  });

  it('maps undo and redo with Ctrl or Cmd', () => {
    expect(action('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(action('Z', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(action('z', { metaKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(action('y', { ctrlKey: true })).toEqual({ kind: 'redo' });
    expect(action('z', { ctrlKey: true, altKey: true })).toBeNull();
  });

  it('maps document navigation and the done toggle', () => {
    expect(action('ArrowDown', { altKey: true })).toEqual({ kind: 'open-document', step: 1 });
    expect(action('ArrowUp', { altKey: true })).toEqual({ kind: 'open-document', step: -1 });
    expect(action(']')).toEqual({ kind: 'open-document', step: 1 });
    expect(action('[')).toEqual({ kind: 'open-document', step: -1 });
    expect(action('Enter', { ctrlKey: true })).toEqual({ kind: 'toggle-done' });
  });

  it('moves the caret with the arrows and extends the selection with Shift', () => {
    expect(action('ArrowLeft')).toEqual({ kind: 'move-caret', unit: 'character', direction: -1, extend: false });
    expect(action('ArrowRight', { ctrlKey: true })).toEqual({ kind: 'move-caret', unit: 'word', direction: 1, extend: false });
    expect(action('ArrowRight', { shiftKey: true })).toEqual({ kind: 'move-caret', unit: 'character', direction: 1, extend: true });
    expect(action('ArrowLeft', { shiftKey: true, ctrlKey: true })).toEqual({ kind: 'move-caret', unit: 'word', direction: -1, extend: true });
    expect(action('ArrowDown')).toEqual({ kind: 'move-caret', unit: 'line', direction: 1, extend: false });
    expect(action('Home', { shiftKey: true })).toEqual({ kind: 'move-caret', unit: 'line-edge', direction: -1, extend: true });
    expect(action('End', { ctrlKey: true })).toEqual({ kind: 'move-caret', unit: 'article-edge', direction: 1, extend: false });
  });

  it('keeps Tab, Enter and the arrows for the article, and only app keys off the annotation screen', () => {
    for (const key of ['Tab', 'Enter', 'ArrowLeft', 'Home']) expect(action(key, {}, 'annotating')).toBeNull();
    expect(action('Delete', {}, 'annotating')).toEqual({ kind: 'remove-span' });
    expect(action('1', {}, 'other-screen')).toBeNull();
    expect(action('Delete', {}, 'other-screen')).toBeNull();
    expect(action('?', { shiftKey: true }, 'other-screen')).toEqual({ kind: 'show-shortcuts' });
    expect(action('S', { ctrlKey: true, shiftKey: true }, 'other-screen')).toEqual({ kind: 'open-screen', screen: 'statistics' });
    expect(action('Escape', {}, 'other-screen')).toEqual({ kind: 'open-screen', screen: 'annotate' });
    expect(action('Enter', { ctrlKey: true }, 'other-screen')).toEqual({ kind: 'apply-labels' });
    expect(action('s', { ctrlKey: true })).toBeNull();
  });

  it('ignores keys it does not know', () => {
    for (const key of ['x', ' ', 'F5', 'Shift', 'PageDown']) expect(action(key)).toBeNull();
  });
});

describe('suggestion and search keys', () => {
  const focused = (key: string, modifiers?: Partial<Omit<KeyPress, 'key'>>) => actionForKey(press(key, modifiers), DEFAULT_LABELS, 'article', true);

  it('give Enter and Delete to a focused suggestion before anything else', () => {
    expect(focused('Enter')).toEqual({ kind: 'accept-suggestion' });
    expect(action('Enter')).toEqual({ kind: 'edit-attributes' });
    for (const key of ['x', 'Delete', 'Backspace']) expect(focused(key)).toEqual({ kind: 'reject-suggestion' });
    expect(action('Delete')).toEqual({ kind: 'remove-span' });
    expect(focused('Enter', { ctrlKey: true })).toEqual({ kind: 'toggle-done' });
    expect(focused('1')).toEqual({ kind: 'label', label: 'ACTOR' });
  });

  it('move through suggestions, tag occurrences, find and search', () => {
    expect(action('n')).toEqual({ kind: 'jump-to-suggestion', step: 1 });
    expect(action('N', { shiftKey: true })).toEqual({ kind: 'jump-to-suggestion', step: -1 });
    expect(action('S', { shiftKey: true })).toEqual({ kind: 'toggle-suggestions' });
    expect(action('o')).toEqual({ kind: 'tag-occurrences', scope: 'document' });
    expect(action('O', { shiftKey: true })).toEqual({ kind: 'tag-occurrences', scope: 'corpus' });
    expect(action('f', { ctrlKey: true })).toEqual({ kind: 'find' });
    expect(action('F', { ctrlKey: true, shiftKey: true }, 'other-screen')).toEqual({ kind: 'search-corpus' });
    expect(action('f', { ctrlKey: true }, 'other-screen')).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is false outside a DOM and for non-elements', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('the review screen', () => {
  it('takes its own keys, and no label hotkey', () => {
    expect(action('a', {}, 'review')).toEqual({ kind: 'review', command: { kind: 'accept-agreed', scope: 'document' } });
    expect(action('A', { shiftKey: true }, 'review')).toEqual({ kind: 'review', command: { kind: 'accept-agreed', scope: 'corpus' } });
    expect(action('3', {}, 'review')).toEqual({ kind: 'review', command: { kind: 'accept', annotator: 3 } });
    expect(action('c', {}, 'review')).toBeNull();
    expect(action('z', { ctrlKey: true }, 'review')).toEqual({ kind: 'review', command: { kind: 'undo-decision' } });
    expect(action('Escape', {}, 'review')).toEqual({ kind: 'open-screen', screen: 'annotate' });
  });

  it('leaves the annotation screen’s keys alone', () => {
    expect(action('a')).toEqual({ kind: 'label', label: 'ACTOR' });
    expect(action('n', {}, 'annotating')).not.toEqual(expect.objectContaining({ kind: 'review' }));
  });

  it('lists the number keys shortly in the sheet', () => {
    const review = shortcutSheet(DEFAULT_LABELS).find((group) => group.title === 'Review');
    expect(review?.rows.find((row) => row.description.startsWith('Accept the version'))?.chords).toEqual([['1'], ['2'], ['…']]);
  });
});
