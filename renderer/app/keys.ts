/** The keyboard: which key press asks for which action. Pure, so the table is tested as data. */
import type { LabelDef } from '../../shared/types';

export type KeyAction =
  | { kind: 'label'; label: string }
  | { kind: 'remove-span' }
  | { kind: 'deselect' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'open-document'; step: 1 | -1 }
  | { kind: 'toggle-done' }
  | { kind: 'extend-selection'; direction: 1 | -1; unit: 'grapheme' | 'word' };

/** The fields of a `KeyboardEvent` the mapping reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The action a key press asks for, or null when the key is not ours. */
export function actionForKey(press: KeyPress, labels: readonly LabelDef[]): KeyAction | null {
  // Ctrl on Linux and Windows, Cmd on macOS.
  const command = press.ctrlKey || press.metaKey;
  const key = press.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;

  if (command && !press.altKey) {
    if (lower === 'z') return press.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (lower === 'y' && !press.shiftKey) return { kind: 'redo' };
    if (key === 'Enter' && !press.shiftKey) return { kind: 'toggle-done' };
  }
  if (press.altKey && !command && !press.shiftKey) {
    if (key === 'ArrowDown') return { kind: 'open-document', step: 1 };
    if (key === 'ArrowUp') return { kind: 'open-document', step: -1 };
  }
  if (press.shiftKey && !press.altKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    return { kind: 'extend-selection', direction: key === 'ArrowRight' ? 1 : -1, unit: command ? 'word' : 'grapheme' };
  }
  if (command || press.altKey) return null;

  if (key === ']') return { kind: 'open-document', step: 1 };
  if (key === '[') return { kind: 'open-document', step: -1 };
  if (key === 'Delete' || key === 'Backspace') return { kind: 'remove-span' };
  if (key === 'Escape') return { kind: 'deselect' };
  const label = labels.find((each) => each.hotkeys.some((hotkey) => hotkey.toLowerCase() === lower));
  return label ? { kind: 'label', label: label.name } : null;
}

/** Whether key presses aimed at `target` are someone's typing, which shortcuts must leave alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
