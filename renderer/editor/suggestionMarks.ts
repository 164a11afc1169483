/**
 * Suggestions in the article: a ProseMirror plugin drawing each open suggestion as a dashed
 * box in its label's colour, with a dashed label chip and its source in the tooltip, apart from
 * the span highlights. Its state holds the suggestions on show, the focused one and whether
 * they are shown at all; transactions carry changes as meta, and `apply` adds and removes the
 * decorations of the suggestions that changed, so accepting one never redraws the others.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Suggestion } from '../../shared/suggest/suggestion';
import { suggestionKey } from '../../shared/suggestions';
import type { LabelDef } from '../../shared/types';
import type { PositionLookup } from './highlights';
import { labelClass } from './labelStyles';

/** The part of a suggestion the article draws. */
export type ShownSuggestion = Pick<Suggestion, 'start' | 'end' | 'label' | 'source' | 'score'>;

export interface SuggestionMarksState {
  /** What may be drawn, by suggestion key. */
  suggestions: ReadonlyMap<string, ShownSuggestion>;
  focusedKey: string | null;
  visible: boolean;
  decorations: DecorationSet;
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

/** The plugin for one document; positions stay valid for its life, as the article is never edited. */
export function suggestionMarksPlugin(options: SuggestionMarksOptions): Plugin<SuggestionMarksState> {
  return new Plugin<SuggestionMarksState>({
    key: suggestionMarksKey,
    state: {
      init: () => ({ suggestions: new Map(), focusedKey: null, visible: true, decorations: DecorationSet.empty }),
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
  if (!change) return previous;
  const suggestions = change.suggestions ? new Map(change.suggestions.map((s) => [suggestionKey(s), s])) : previous.suggestions;
  let focusedKey = change.focusedKey !== undefined ? change.focusedKey : previous.focusedKey;
  if (focusedKey !== null && !suggestions.has(focusedKey)) focusedKey = null;
  const visible = change.visible ?? previous.visible;
  if (suggestions === previous.suggestions && focusedKey === previous.focusedKey && visible === previous.visible) return previous;

  const next = { suggestions, focusedKey, visible };
  if (!visible) return { ...next, decorations: DecorationSet.empty };
  if (!previous.visible) {
    const all = [...suggestions].flatMap(([key, s]) => suggestionDecorations(key, s, key === focusedKey, options));
    return { ...next, decorations: DecorationSet.create(tr.doc, all) };
  }
  const redrawn = (key: string) =>
    !sameSuggestion(previous.suggestions.get(key), suggestions.get(key)) || (key === previous.focusedKey) !== (key === focusedKey);
  const stale: Decoration[] = [];
  for (const [key, old] of previous.suggestions) {
    if (!redrawn(key)) continue;
    const owned = (spec: SuggestionSpec) => spec.suggestionKey === key;
    stale.push(...previous.decorations.find(options.positions.toPos(old.start), options.positions.toPos(old.end), owned));
  }
  const fresh = [...suggestions].filter(([key]) => redrawn(key)).flatMap(([key, s]) => suggestionDecorations(key, s, key === focusedKey, options));
  let decorations = previous.decorations;
  if (stale.length > 0) decorations = decorations.remove(stale);
  if (fresh.length > 0) decorations = decorations.add(tr.doc, fresh);
  return { ...next, decorations };
}

function sameSuggestion(a: ShownSuggestion | undefined, b: ShownSuggestion | undefined): boolean {
  return a !== undefined && b !== undefined && a.source === b.source && a.score === b.score;
}

/** A dashed box over the suggested text, and a dashed chip with its label where it starts. */
function suggestionDecorations(key: string, suggestion: ShownSuggestion, focused: boolean, options: SuggestionMarksOptions): Decoration[] {
  const look = `${labelClass(options.labels, suggestion.label)}${focused ? ' sw-suggestion-focused' : ''}`;
  const boxSpec: SuggestionSpec = { suggestionKey: key, className: `sw-suggestion ${look}` };
  const chipSpec: SuggestionSpec = { suggestionKey: key, className: `sw-suggestion-chip ${look}` };
  const from = options.positions.toPos(suggestion.start);
  const title = `${suggestion.label}? suggested by ${suggestion.source} (${Math.round(suggestion.score * 100)}% sure) — Enter or a click accepts it, X rejects it`;
  const box = Decoration.inline(
    from,
    options.positions.toPos(suggestion.end),
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
