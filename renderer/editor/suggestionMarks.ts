/**
 * Suggestions in the article: a ProseMirror plugin drawing each open suggestion as a dashed
 * box in its label's colour, with a dashed label chip and its source in the tooltip, apart from
 * the span highlights. Its state holds the suggestions on show, the focused one and whether
 * they are shown at all; transactions carry changes as meta.
 *
 * A long article has thousands of suggestions; like the span highlights, only those within the
 * screen window (`viewport.ts`) are drawn. `apply` diffs what should be on the page against what
 * is and adds and removes only the difference, so accepting one, focusing one or scrolling on
 * never redraws the others.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Suggestion } from '../../shared/suggest/suggestion';
import { suggestionKey } from '../../shared/suggestions';
import type { LabelDef } from '../../shared/types';
import type { PositionLookup } from './highlights';
import { labelClass } from './labelStyles';
import { firstWindow, meets, windowAfter, type PositionRange } from './viewport';

/** The part of a suggestion the article draws. */
export type ShownSuggestion = Pick<Suggestion, 'start' | 'end' | 'label' | 'source' | 'score'>;

export interface SuggestionMarksState {
  /** What may be drawn, by suggestion key. */
  suggestions: ReadonlyMap<string, ShownSuggestion>;
  /** The same in document order, with their positions, to find those within a window in log time. */
  placed: PlacedSuggestions;
  focusedKey: string | null;
  visible: boolean;
  /** The screen window: only suggestions reaching into it are drawn. */
  window: PositionRange;
  /** The decorations on the page, by suggestion key. */
  drawn: ReadonlyMap<string, readonly Decoration[]>;
  decorations: DecorationSet;
}

/** A suggestion's key and place in the document, in ProseMirror positions. */
export interface PlacedSuggestion extends PositionRange {
  key: string;
}

export interface PlacedSuggestions {
  /** Sorted by `from`. */
  list: readonly PlacedSuggestion[];
  /** The longest extent of any of them, so a search by start can find those that reach into a window. */
  longest: number;
}

/** What a transaction may ask of the suggestion marks. */
export interface SuggestionMarksChange {
  /** The complete list of suggestions from now on. */
  suggestions?: readonly ShownSuggestion[];
  /** The suggestion to outline, or null for none. */
  focusedKey?: string | null;
  visible?: boolean;
}

/** The spec of every suggestion decoration, so `find()` can get back to its suggestion. */
export interface SuggestionSpec {
  suggestionKey: string;
  /** The classes the decoration draws with (label colour, focus). */
  className: string;
}

export const suggestionMarksKey = new PluginKey<SuggestionMarksState>('spanwise-suggestions');

export interface SuggestionMarksOptions {
  positions: PositionLookup;
  labels: readonly LabelDef[];
}

const NOTHING_PLACED: PlacedSuggestions = { list: [], longest: 0 };

/**
 * The plugin for one document; positions stay valid for its life, as the article is never
 * edited (another document is a new state), so decorations are kept, never mapped or rebuilt.
 */
export function suggestionMarksPlugin(options: SuggestionMarksOptions): Plugin<SuggestionMarksState> {
  return new Plugin<SuggestionMarksState>({
    key: suggestionMarksKey,
    state: {
      init: (_config, state) => ({
        suggestions: new Map(),
        placed: NOTHING_PLACED,
        focusedKey: null,
        visible: true,
        window: firstWindow(state.doc),
        drawn: new Map(),
        decorations: DecorationSet.empty,
      }),
      apply: (tr, previous) => applyChange(tr, previous, options),
    },
    props: {
      decorations: (state) => suggestionMarksKey.getState(state)?.decorations,
    },
  });
}

/** A transaction that asks the suggestion marks for a change. */
export function changeSuggestionMarks(tr: Transaction, change: SuggestionMarksChange): Transaction {
  const earlier: SuggestionMarksChange | undefined = tr.getMeta(suggestionMarksKey);
  return tr.setMeta(suggestionMarksKey, { ...earlier, ...change });
}

/** The suggestion marks of an editor state made with `suggestionMarksPlugin`. */
export function suggestionMarksState(state: EditorState): SuggestionMarksState {
  const value = suggestionMarksKey.getState(state);
  if (!value) throw new Error('The editor state has no suggestion marks plugin');
  return value;
}

/** The key of the suggestion drawn around a clicked element, or null when none is. */
export function suggestionKeyAt(target: EventTarget | null): string | null {
  const element = target instanceof Element ? target.closest('[data-suggestion-key]') : null;
  return element?.getAttribute('data-suggestion-key') ?? null;
}

function applyChange(tr: Transaction, previous: SuggestionMarksState, options: SuggestionMarksOptions): SuggestionMarksState {
  const change: SuggestionMarksChange | undefined = tr.getMeta(suggestionMarksKey);
  const window = windowAfter(tr, previous.window);
  if (!change && window === previous.window) return previous;
  const suggestions = change?.suggestions ? new Map(change.suggestions.map((s) => [suggestionKey(s), s])) : previous.suggestions;
  const placed = suggestions === previous.suggestions ? previous.placed : placeAll(suggestions, options.positions);
  let focusedKey = change?.focusedKey !== undefined ? change.focusedKey : previous.focusedKey;
  if (focusedKey !== null && !suggestions.has(focusedKey)) focusedKey = null;
  const visible = change?.visible ?? previous.visible;
  if (suggestions === previous.suggestions && focusedKey === previous.focusedKey && visible === previous.visible && window === previous.window) {
    return previous;
  }

  const wanted = visible ? suggestionsWithin(placed, window) : [];
  const wantedKeys = new Set(wanted.map((each) => each.key));
  const drawn = new Map<string, readonly Decoration[]>();
  const stale: Decoration[] = [];
  for (const [key, decorations] of previous.drawn) {
    const kept =
      wantedKeys.has(key) &&
      sameSuggestion(previous.suggestions.get(key), suggestions.get(key)) &&
      (key === previous.focusedKey) === (key === focusedKey);
    if (kept) drawn.set(key, decorations);
    else stale.push(...decorations);
  }
  const fresh: Decoration[] = [];
  for (const { key, from, to } of wanted) {
    if (drawn.has(key)) continue;
    const decorations = suggestionDecorations(key, suggestions.get(key)!, from, to, key === focusedKey, options);
    drawn.set(key, decorations);
    fresh.push(...decorations);
  }
  let decorations = previous.decorations;
  if (stale.length > 0) decorations = decorations.remove(stale);
  if (fresh.length > 0) decorations = decorations.add(tr.doc, fresh);
  return { suggestions, placed, focusedKey, visible, window, drawn, decorations };
}

/** Every suggestion's place in the document, in document order. */
function placeAll(suggestions: ReadonlyMap<string, ShownSuggestion>, positions: PositionLookup): PlacedSuggestions {
  const list: PlacedSuggestion[] = [];
  let longest = 0;
  for (const [key, { start, end }] of suggestions) {
    const from = positions.toPos(start);
    const to = positions.toPos(end);
    list.push({ key, from, to });
    longest = Math.max(longest, to - from);
  }
  // The service answers in document order already; sorting that costs a single pass.
  list.sort((a, b) => a.from - b.from);
  return { list, longest };
}

/** The suggestions reaching into `window`: a binary search for the first, then a walk. */
export function suggestionsWithin(placed: PlacedSuggestions, window: PositionRange): PlacedSuggestion[] {
  const { list, longest } = placed;
  // Nothing starting before this can reach the window.
  const earliest = window.from - longest;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.from < earliest) low = middle + 1;
    else high = middle;
  }
  const found: PlacedSuggestion[] = [];
  for (let i = low; i < list.length && list[i]!.from <= window.to; i++) {
    if (meets(list[i]!, window)) found.push(list[i]!);
  }
  return found;
}

function sameSuggestion(a: ShownSuggestion | undefined, b: ShownSuggestion | undefined): boolean {
  return a !== undefined && b !== undefined && a.source === b.source && a.score === b.score;
}

/** A dashed box over the suggested text, and a dashed chip with its label where it starts. */
function suggestionDecorations(
  key: string,
  suggestion: ShownSuggestion,
  from: number,
  to: number,
  focused: boolean,
  options: SuggestionMarksOptions,
): Decoration[] {
  const look = `${labelClass(options.labels, suggestion.label)}${focused ? ' sw-suggestion-focused' : ''}`;
  const boxSpec: SuggestionSpec = { suggestionKey: key, className: `sw-suggestion ${look}` };
  const chipSpec: SuggestionSpec = { suggestionKey: key, className: `sw-suggestion-chip ${look}` };
  const title = `${suggestion.label}? suggested by ${suggestion.source} (${Math.round(suggestion.score * 100)}% sure) — Enter or a click accepts it, X rejects it`;
  const box = Decoration.inline(
    from,
    to,
    { nodeName: 'span', class: boxSpec.className, 'data-suggestion-key': key, 'data-label': suggestion.label, 'data-source': suggestion.source, title },
    boxSpec,
  );
  const chip = Decoration.widget(from, () => chipElement(key, suggestion, chipSpec.className, title), {
    ...chipSpec,
    // After span chips starting at the same place, so a suggestion's label reads next to its text.
    side: -1,
    key: `suggestion-chip:${key}:${look}`,
    ignoreSelection: true,
  });
  return [chip, box];
}

/** The label chip of a suggestion; its text comes from CSS, so it adds nothing to the document's text. */
function chipElement(key: string, suggestion: ShownSuggestion, className: string, title: string): HTMLElement {
  const chip = document.createElement('span');
  chip.className = className;
  chip.dataset.label = suggestion.label;
  chip.dataset.suggestionKey = key;
  chip.title = title;
  return chip;
}
