import { describe, it, expect } from 'vitest';
import { DEFAULT_LABELS } from '../../shared/labels';
import { actionForKey, isTypingTarget, type KeyPress } from './keys';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});
const action = (key: string, modifiers?: Partial<Omit<KeyPress, 'key'>>) => actionForKey(press(key, modifiers), DEFAULT_LABELS);

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
  });

  it('takes hotkeys from the project labels', () => {
    const labels = [{ name: 'WEAPON', color: '#000000', hotkeys: ['w', '9'], definition: '' }];
    expect(actionForKey(press('9'), labels)).toEqual({ kind: 'label', label: 'WEAPON' });
    expect(actionForKey(press('1'), labels)).toBeNull();
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
    expect(action('Enter')).toBeNull();
    expect(action('ArrowDown')).toBeNull();
  });

  it('extends the selection by grapheme with Shift and by word with Ctrl+Shift', () => {
    expect(action('ArrowRight', { shiftKey: true })).toEqual({ kind: 'extend-selection', direction: 1, unit: 'grapheme' });
    expect(action('ArrowLeft', { shiftKey: true, ctrlKey: true })).toEqual({ kind: 'extend-selection', direction: -1, unit: 'word' });
    expect(action('ArrowLeft')).toBeNull();
  });

  it('ignores keys it does not know', () => {
    for (const key of ['x', 'Tab', ' ', 'F5', 'Shift']) expect(action(key)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is false outside a DOM and for non-elements', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
