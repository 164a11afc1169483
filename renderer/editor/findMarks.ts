/**
 * The find bar's matches in the article: a ProseMirror plugin that highlights every match of the
 * query, the current one more strongly. A new query draws a new set; moving to the next match
 * only swaps the two decorations whose look changes.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { TextRange } from '../../shared/search';
import type { PositionLookup } from './highlights';

export interface FindMarksState {
  matches: readonly TextRange[];
  /** Index into `matches`, or -1 when none is current. */
  current: number;
  decorations: DecorationSet;
}

/** What a transaction may ask of the find marks. */
export interface FindMarksChange {
  /** Every match of a new query (empty to clear). */
  matches?: readonly TextRange[];
  current?: number;
}

export interface FindSpec {
  match: number;
  className: string;
}

export const findMarksKey = new PluginKey<FindMarksState>('spanwise-find');

/** The plugin for one document. */
export function findMarksPlugin(positions: PositionLookup): Plugin<FindMarksState> {
  return new Plugin<FindMarksState>({
    key: findMarksKey,
    state: {
      init: () => ({ matches: [], current: -1, decorations: DecorationSet.empty }),
      apply: (tr, previous) => applyChange(tr, previous, positions),
    },
    props: {
      decorations: (state) => findMarksKey.getState(state)?.decorations,
    },
  });
}

/** A transaction that shows new matches or moves the current one. */
export function changeFindMarks(tr: Transaction, change: FindMarksChange): Transaction {
  const earlier: FindMarksChange | undefined = tr.getMeta(findMarksKey);
  return tr.setMeta(findMarksKey, { ...earlier, ...change });
}

export function findMarksState(state: EditorState): FindMarksState {
  const value = findMarksKey.getState(state);
  if (!value) throw new Error('The editor state has no find marks plugin');
  return value;
}

function applyChange(tr: Transaction, previous: FindMarksState, positions: PositionLookup): FindMarksState {
  const change: FindMarksChange | undefined = tr.getMeta(findMarksKey);
  if (!change) return previous;
  const matches = change.matches ?? previous.matches;
  const requested = change.current ?? (change.matches ? -1 : previous.current);
  const current = requested >= 0 && requested < matches.length ? requested : -1;
  if (change.matches) {
    const all = matches.map((range, index) => matchDecoration(range, index, index === current, positions));
    return { matches, current, decorations: DecorationSet.create(tr.doc, all) };
  }
  if (current === previous.current) return previous;
  const changed = [previous.current, current].filter((index) => index >= 0);
  const stale = changed.flatMap((index) =>
    previous.decorations.find(positions.toPos(matches[index]!.start), positions.toPos(matches[index]!.end), (spec: FindSpec) => spec.match === index),
  );
  const fresh = changed.map((index) => matchDecoration(matches[index]!, index, index === current, positions));
  return { matches, current, decorations: previous.decorations.remove(stale).add(tr.doc, fresh) };
}

function matchDecoration(range: TextRange, index: number, current: boolean, positions: PositionLookup): Decoration {
  const spec: FindSpec = { match: index, className: current ? 'sw-find-match sw-find-current' : 'sw-find-match' };
  return Decoration.inline(positions.toPos(range.start), positions.toPos(range.end), { nodeName: 'mark', class: spec.className }, spec);
}
