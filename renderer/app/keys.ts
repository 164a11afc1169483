/**
 * The keyboard: one table of every shortcut. The same table decides what a key press does and
 * fills the shortcuts sheet, so the sheet cannot say anything the keys do not do. Pure, so the
 * table is tested as data.
 */
import type { LabelDef } from '../../shared/types';

/**
 * How far a caret move goes. For `character` and `word`, direction -1 is leftward (backward in
 * a left-to-right line, forward in a right-to-left one); for `line`, up; for the edges, the start.
 */
export type CaretUnit = 'character' | 'word' | 'line' | 'line-edge' | 'article-edge';

/** The screens a key can open. */
export type ScreenName = 'annotate' | 'statistics' | 'labels' | 'agreement' | 'review';

/** What a key asks of the review screen (docs/review.md). */
export type ReviewCommand =
  | { kind: 'next-item'; step: 1 | -1 }
  /** Accept the version of the annotator at this place (from 1) in the review's order. */
  | { kind: 'accept'; annotator: number }
  | { kind: 'accept-all' }
  | { kind: 'reject' }
  | { kind: 'edit-by-hand' }
  | { kind: 'accept-agreed'; scope: 'document' | 'corpus' }
  | { kind: 'undo-decision' }
  | { kind: 'merge-work' };

export type KeyAction =
  | { kind: 'label'; label: string }
  | { kind: 'remove-span' }
  | { kind: 'deselect' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'open-document'; step: 1 | -1 }
  | { kind: 'toggle-done' }
  | { kind: 'move-caret'; unit: CaretUnit; direction: 1 | -1; extend: boolean }
  | { kind: 'jump-to-span'; step: 1 | -1 }
  | { kind: 'edit-attributes' }
  | { kind: 'show-shortcuts' }
  | { kind: 'open-screen'; screen: ScreenName }
  | { kind: 'open-dialog'; dialog: 'import' | 'export' }
  | { kind: 'apply-labels' }
  | { kind: 'jump-to-suggestion'; step: 1 | -1 }
  | { kind: 'accept-suggestion' }
  | { kind: 'reject-suggestion' }
  | { kind: 'toggle-suggestions' }
  | { kind: 'tag-occurrences'; scope: 'document' | 'corpus' }
  | { kind: 'find' }
  | { kind: 'search-corpus' }
  | { kind: 'review'; command: ReviewCommand }
  | { kind: 'filter-needs-review' };

/**
 * Where a binding applies: `everywhere` on every screen, `annotating` on the annotation
 * screen whatever has the focus, `article` only while the article (or nothing) has it — so Tab
 * and the arrows keep their usual meaning on buttons and lists. No binding works while the
 * user types in a field. `suggestion` applies on the annotation screen while a suggestion is
 * focused, before any other binding: there Enter accepts and Delete rejects. `screen` applies
 * on the screens with no keys of their own (statistics, the label schema).
 */
export type KeyScope = 'everywhere' | 'annotating' | 'article' | 'review' | 'suggestion' | 'screen';

/** Where a key press happened, as the handler sees it. */
export type KeyPlace = 'article' | 'annotating' | 'review' | 'other-screen';

export interface KeyBinding {
  /**
   * Chords such as `Ctrl+Shift+ArrowLeft` (Ctrl is Cmd on macOS). Single-character keys other
   * than letters ignore Shift, which some layouts need to type them (`?`).
   */
  chords: readonly string[];
  /** One action for every chord, or one per chord (a pair of opposites such as ← / →). */
  actions: readonly KeyAction[];
  description: string;
  group: KeyGroup;
  scope: KeyScope;
  /** What the shortcuts sheet shows instead of `chords`, where listing them all would not fit (1 to 9). */
  sheetChords?: readonly string[];
}

export type KeyGroup = 'Moving' | 'Selecting' | 'Spans' | 'Suggestions' | 'Finding' | 'Documents' | 'Review' | 'App' | 'Other screens';

/** The fields of a `KeyboardEvent` the mapping reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const move = (unit: CaretUnit, extend: boolean): KeyAction[] => [
  { kind: 'move-caret', unit, direction: -1, extend },
  { kind: 'move-caret', unit, direction: 1, extend },
];

const caretBindings = (extend: boolean): KeyBinding[] => {
  const shift = extend ? 'Shift+' : '';
  const verb = extend ? 'Extend the selection' : 'Move the caret';
  const group: KeyGroup = extend ? 'Selecting' : 'Moving';
  return [
    { chords: [`${shift}ArrowLeft`, `${shift}ArrowRight`], actions: move('character', extend), description: `${verb} one character left / right`, group, scope: 'article' },
    { chords: [`Ctrl+${shift}ArrowLeft`, `Ctrl+${shift}ArrowRight`], actions: move('word', extend), description: `${verb} one word left / right`, group, scope: 'article' },
    { chords: [`${shift}ArrowUp`, `${shift}ArrowDown`], actions: move('line', extend), description: `${verb} one line up / down`, group, scope: 'article' },
    { chords: [`${shift}Home`, `${shift}End`], actions: move('line-edge', extend), description: `${verb} to the start / end of the line`, group, scope: 'article' },
    { chords: [`Ctrl+${shift}Home`, `Ctrl+${shift}End`], actions: move('article-edge', extend), description: `${verb} to the start / end of the article`, group, scope: 'article' },
  ];
};

/** Every shortcut of the app except the label hotkeys, which come from the project's schema. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  ...caretBindings(false),
  ...caretBindings(true),
  { chords: ['Escape'], actions: [{ kind: 'deselect' }], description: 'Drop the selection and the selected span', group: 'Selecting', scope: 'annotating' },
  { chords: ['Tab', 'Shift+Tab'], actions: [{ kind: 'jump-to-span', step: 1 }, { kind: 'jump-to-span', step: -1 }], description: 'Select the next / previous span', group: 'Spans', scope: 'article' },
  { chords: ['Delete', 'Backspace'], actions: [{ kind: 'remove-span' }], description: 'Remove the selected span', group: 'Spans', scope: 'annotating' },
  { chords: ['Enter'], actions: [{ kind: 'edit-attributes' }], description: 'Edit the selected span’s attributes and note (Enter there accepts a proposal, Esc comes back)', group: 'Spans', scope: 'article' },
  { chords: ['Ctrl+Z'], actions: [{ kind: 'undo' }], description: 'Undo the last span change', group: 'Spans', scope: 'annotating' },
  { chords: ['Ctrl+Shift+Z', 'Ctrl+Y'], actions: [{ kind: 'redo' }], description: 'Redo', group: 'Spans', scope: 'annotating' },
  { chords: ['Alt+ArrowDown', 'Alt+ArrowUp'], actions: [{ kind: 'open-document', step: 1 }, { kind: 'open-document', step: -1 }], description: 'Open the next / previous document', group: 'Documents', scope: 'annotating' },
  { chords: [']', '['], actions: [{ kind: 'open-document', step: 1 }, { kind: 'open-document', step: -1 }], description: 'Open the next / previous document', group: 'Documents', scope: 'annotating' },
  { chords: ['Ctrl+Enter'], actions: [{ kind: 'toggle-done' }], description: 'Mark the document done (again to reopen it)', group: 'Documents', scope: 'annotating' },
  { chords: ['?'], actions: [{ kind: 'show-shortcuts' }], description: 'Show this list of shortcuts', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+Shift+S'], actions: [{ kind: 'open-screen', screen: 'statistics' }], description: 'Progress and statistics', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+Shift+L'], actions: [{ kind: 'open-screen', screen: 'labels' }], description: 'Edit the label schema', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+Shift+A'], actions: [{ kind: 'open-screen', screen: 'annotate' }], description: 'Back to annotating', group: 'App', scope: 'everywhere' },
  { chords: ['Escape'], actions: [{ kind: 'open-screen', screen: 'annotate' }], description: 'Back to annotating (in a field: Esc leaves it first)', group: 'Other screens', scope: 'screen' },
  { chords: ['Ctrl+Enter'], actions: [{ kind: 'apply-labels' }], description: 'Apply the changes to the label schema (also from a field)', group: 'Other screens', scope: 'screen' },
  { chords: ['Ctrl+Shift+G'], actions: [{ kind: 'open-screen', screen: 'agreement' }], description: 'Agreement between the annotators', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+Shift+V'], actions: [{ kind: 'open-screen', screen: 'review' }], description: 'Review disagreements and adjudicate the gold layer', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+I'], actions: [{ kind: 'open-dialog', dialog: 'import' }], description: 'Import articles and annotations (or drop files on the window)', group: 'App', scope: 'everywhere' },
  { chords: ['Ctrl+E'], actions: [{ kind: 'open-dialog', dialog: 'export' }], description: 'Export a dataset', group: 'App', scope: 'everywhere' },
  ...suggestionBindings(),
  ...findBindings(),
  ...reviewBindings(),
];

/** Suggestions: go through them, accept or reject each, tag every occurrence of a span's text. */
function suggestionBindings(): KeyBinding[] {
  const group: KeyGroup = 'Suggestions';
  return [
    { chords: ['n', 'Shift+N'], actions: [{ kind: 'jump-to-suggestion', step: 1 }, { kind: 'jump-to-suggestion', step: -1 }], description: 'Focus the next / previous suggestion (dashed)', group, scope: 'annotating' },
    { chords: ['Enter'], actions: [{ kind: 'accept-suggestion' }], description: 'Accept the focused suggestion (a click on one does too)', group, scope: 'suggestion' },
    { chords: ['x', 'Delete', 'Backspace'], actions: [{ kind: 'reject-suggestion' }], description: 'Reject the focused suggestion; it is not offered again', group, scope: 'suggestion' },
    { chords: ['Shift+S'], actions: [{ kind: 'toggle-suggestions' }], description: 'Show or hide the suggestions', group, scope: 'annotating' },
    { chords: ['o', 'Shift+O'], actions: [{ kind: 'tag-occurrences', scope: 'document' }, { kind: 'tag-occurrences', scope: 'corpus' }], description: 'Tag the other occurrences of the selected span’s text in this document / in every document', group, scope: 'annotating' },
  ];
}

/** Finding text in the document and across the corpus. */
function findBindings(): KeyBinding[] {
  const group: KeyGroup = 'Finding';
  return [
    { chords: ['Ctrl+F'], actions: [{ kind: 'find' }], description: 'Find in this document (Enter / Shift+Enter: next / previous; Esc selects the match)', group, scope: 'annotating' },
    { chords: ['Ctrl+Shift+F'], actions: [{ kind: 'search-corpus' }], description: 'Search every document, by text and by label', group, scope: 'everywhere' },
  ];
}

/** The bindings in the order a key press tries them: those of a focused suggestion first. */
const BY_PRECEDENCE: readonly KeyBinding[] = [
  ...KEY_BINDINGS.filter((binding) => binding.scope === 'suggestion'),
  ...KEY_BINDINGS.filter((binding) => binding.scope !== 'suggestion'),
];

/** The review screen's keys: walk the disagreements and decide each into the gold layer. */
function reviewBindings(): KeyBinding[] {
  const review = (command: ReviewCommand): KeyAction => ({ kind: 'review', command });
  const numbers = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const binding = (chords: string[], commands: ReviewCommand[], description: string): KeyBinding => ({
    chords,
    actions: commands.map(review),
    description,
    group: 'Review',
    scope: 'review',
  });
  return [
    binding(['n', 'p'], [{ kind: 'next-item', step: 1 }, { kind: 'next-item', step: -1 }], 'Next / previous disagreement, across the whole corpus'),
    {
      ...binding(numbers, numbers.map((_, index) => ({ kind: 'accept', annotator: index + 1 })), 'Accept the version of annotator 1, 2, … 9 (in the order shown)'),
      sheetChords: ['1', '2', '…'],
    },
    binding(['b'], [{ kind: 'accept-all' }], 'Accept both versions (every annotator’s)'),
    binding(['x'], [{ kind: 'reject' }], 'Reject: none of the versions goes into gold'),
    binding(['e'], [{ kind: 'edit-by-hand' }], 'Edit the span by hand in the gold layer (Esc comes back)'),
    binding(['a'], [{ kind: 'accept-agreed', scope: 'document' }], 'Accept everything the annotators agree on in this document'),
    binding(['Shift+A'], [{ kind: 'accept-agreed', scope: 'corpus' }], 'Accept everything the annotators agree on in every document'),
    binding(['Ctrl+Z'], [{ kind: 'undo-decision' }], 'Take the last decision back'),
    binding(['m'], [{ kind: 'merge-work' }], 'Bring in other annotators’ work (their export file or project folder)'),
    { chords: ['f'], actions: [{ kind: 'filter-needs-review' }], description: 'List only the documents that need review (again: all)', group: 'Review', scope: 'review' },
  ];
}

/** A chord taken apart. Ctrl stands for Ctrl or Cmd. */
interface Chord {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

function parseChord(chord: string): Chord {
  const parts = chord.split('+');
  const key = parts.pop()!;
  return { key, ctrl: parts.includes('Ctrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

const isLetter = (key: string) => /^\p{L}$/u.test(key);

function matches(chord: Chord, press: KeyPress): boolean {
  const command = press.ctrlKey || press.metaKey;
  if (command !== chord.ctrl || press.altKey !== chord.alt) return false;
  if ([...chord.key].length === 1) {
    if (press.key.toLowerCase() !== chord.key.toLowerCase()) return false;
    return !isLetter(chord.key) || press.shiftKey === chord.shift;
  }
  return press.key === chord.key && press.shiftKey === chord.shift;
}

function scopeAllows(scope: KeyScope, place: KeyPlace, suggestionFocused: boolean): boolean {
  if (scope === 'everywhere') return true;
  if (scope === 'suggestion') return suggestionFocused && (place === 'article' || place === 'annotating');
  if (scope === 'annotating') return place === 'article' || place === 'annotating';
  if (scope === 'review') return place === 'review';
  // Esc leaves the review screen too (editing gold by hand, it first comes back to the review).
  if (scope === 'screen') return place === 'other-screen' || place === 'review';
  return place === 'article';
}

/**
 * The action a key press asks for, or null when the key is not ours here. Label hotkeys apply
 * on the annotation screen without Ctrl, Cmd or Alt, in either case; the table's own keys come
 * first, so a project file that gives a label one of them cannot take it over.
 * `suggestionFocused`: whether a suggestion has the focus in the article (see `KeyScope`).
 */
export function actionForKey(
  press: KeyPress,
  labels: readonly LabelDef[],
  place: KeyPlace = 'article',
  suggestionFocused = false,
): KeyAction | null {
  for (const binding of BY_PRECEDENCE) {
    if (!scopeAllows(binding.scope, place, suggestionFocused)) continue;
    const index = binding.chords.findIndex((chord) => matches(parseChord(chord), press));
    if (index >= 0) return binding.actions[binding.actions.length === 1 ? 0 : index]!;
  }
  if (place === 'other-screen' || place === 'review' || press.ctrlKey || press.metaKey || press.altKey || [...press.key].length !== 1) return null;
  const lower = press.key.toLowerCase();
  const label = labels.find((each) => each.hotkeys.some((hotkey) => hotkey.toLowerCase() === lower));
  return label ? { kind: 'label', label: label.name } : null;
}

/** One line of the shortcuts sheet. */
export interface ShortcutRow {
  /** Each chord as the keys to show, e.g. [['Ctrl', 'Shift', '←'], ['Ctrl', 'Y']]. */
  chords: string[][];
  /** `/` when the chords do opposite things, `or` when they do the same. */
  joiner: '/' | 'or';
  description: string;
}

export interface ShortcutGroup {
  title: KeyGroup | 'Labels';
  rows: ShortcutRow[];
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Del',
};

/** The keys of a chord as they are printed on keyboards. */
export function chordKeys(chord: string): string[] {
  const parts = chord.split('+');
  const key = parts.pop()!;
  return [...parts, KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key)];
}

/** A chord as one piece of text, e.g. "Ctrl+Shift+←", for button titles. */
export function chordText(chord: string): string {
  return chordKeys(chord).join('+');
}

/** A pair such as Ctrl+← / Ctrl+→ shown as Ctrl+← / →: the modifiers once, when they are the same. */
function sharedModifiers(chords: string[][]): string[][] {
  const modifiers = (keys: string[]) => keys.slice(0, -1).join('+');
  const [first, ...rest] = chords;
  if (!first || !rest.every((keys) => modifiers(keys) === modifiers(first))) return chords;
  return [first, ...rest.map((keys) => keys.slice(-1))];
}

/** The sheet of every shortcut: the table's bindings by group, then the project's label keys. */
export function shortcutSheet(labels: readonly LabelDef[]): ShortcutGroup[] {
  const groups = new Map<KeyGroup, ShortcutRow[]>();
  for (const binding of KEY_BINDINGS) {
    const rows = groups.get(binding.group) ?? [];
    const opposites = binding.actions.length > 1;
    const chords = (binding.sheetChords ?? binding.chords).map(chordKeys);
    rows.push({ chords: opposites ? sharedModifiers(chords) : chords, joiner: opposites ? '/' : 'or', description: binding.description });
    groups.set(binding.group, rows);
  }
  const labelRows: ShortcutRow[] = labels.map((label) => ({
    chords: label.hotkeys.map(chordKeys),
    joiner: 'or',
    description: `Tag the selection as ${label.name}, or relabel the selected span`,
  }));
  return [...[...groups].map(([title, rows]) => ({ title, rows })), { title: 'Labels', rows: labelRows }];
}

/** Whether key presses aimed at `target` are someone's typing, which shortcuts must leave alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
