/**
 * The span highlights: a ProseMirror plugin whose state holds the spans on show, their
 * nesting depths, the selected span and the `DecorationSet` that draws them. Transactions
 * carry the new span list (or selection) as meta; `apply` diffs it against what is shown and
 * changes the set with `remove`/`add`, so one edit costs a few decorations, not a rebuild.
 *
 * A long article draws only the highlights of the blocks near the screen (the screen window of
 * `viewport.ts`, moved as the page scrolls): building the DOM of thousands of highlights is what
 * makes opening a long article slow, and nobody sees those that are screens away.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { PositionMap } from '../../shared/offsets';
import type { LabelDef, Span } from '../../shared/types';
import { labelClass } from './labelStyles';
import { nestingDepths, nestingDepthsAfter } from './nesting';
import { firstWindow, meets, windowAfter, type PositionRange } from './viewport';

/** The part of a span the editor draws. */
export type ShownSpan = Pick<Span, 'id' | 'start' | 'end' | 'label' | 'fragments'>;

/** Code point offset → ProseMirror position, for the document the plugin draws on. */
export type PositionLookup = Pick<PositionMap, 'toPos'>;

export interface HighlightState {
  /** What is drawn, by span id. */
  spans: ReadonlyMap<string, ShownSpan>;
  depths: ReadonlyMap<string, number>;
  selectedId: string | null;
  /**
   * The decorations of spans drawn so far, by span id, whether on the page now or not. In a long
   * article a span is drawn when the window first reaches it, so opening draws a screenful.
   */
  drawings: ReadonlyMap<string, readonly Decoration[]>;
  /** The stretch of the document whose highlights are drawn when there are too many to draw all. */
  window: PositionRange;
  /** What is on the page: every span's decorations, or, beyond DRAW_ALL_SPANS, those within `window`. */
  decorations: DecorationSet;
}

/** What a transaction may ask of the highlights. */
export interface HighlightChange {
  /** The complete list of spans to show from now on. */
  spans?: readonly ShownSpan[];
  /** The span to outline, or null for none. */
  selectedId?: string | null;
}

/** The spec every highlight decoration carries, so `find()` can get back to its span. */
export interface HighlightSpec {
  spanId: string;
  /** The classes the decoration draws with (label colour, depth, selection). */
  className: string;
}

export const highlightsKey = new PluginKey<HighlightState>('spanwise-highlights');

/** Deeper levels all look alike: beyond three the boxes would have no room left. */
const DEEPEST_STYLED = 2;

/**
 * Up to this many spans every highlight is drawn (a few tens of milliseconds of DOM); beyond,
 * only those near the screen.
 */
export const DRAW_ALL_SPANS = 400;
export interface HighlightOptions {
  positions: PositionLookup;
  labels: readonly LabelDef[];
  spans: readonly ShownSpan[];
}

/**
 * The plugin for one document. The article is never edited, so positions computed from code
 * points stay valid for the state's life and decorations never need mapping.
 */
export function highlightsPlugin(options: HighlightOptions): Plugin<HighlightState> {
  const draw: Draw = (span, depth, selected) => spanDecorations(span, depth, selected, options);

  return new Plugin<HighlightState>({
    key: highlightsKey,
    state: {
      init(_config, state) {
        const spans = new Map(options.spans.map((span) => [span.id, span]));
        const depths = nestingDepths(options.spans);
        const drawings = new Map<string, readonly Decoration[]>();
        const window = firstWindow(state.doc);
        const decorations = onPage(state.doc, { spans, depths, selectedId: null, drawings }, window, draw, options.positions);
        return { spans, depths, selectedId: null, drawings, window, decorations };
      },
      apply(tr, previous) {
        return applyChange(tr, previous, draw, options.positions);
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations,
    },
  });
}

/**
 * The set of decorations to put on the page: all of them for a short list of spans, else those
 * within `window`. Built afresh only when the window moves: `DecorationSet.create` costs the
 * number of blocks times the number of decorations, too much for every span of a long article.
 */
function onPage(
  doc: EditorState['doc'],
  state: DrawnState & { drawings: Map<string, readonly Decoration[]> },
  window: PositionRange,
  draw: Draw,
  positions: PositionLookup,
): DecorationSet {
  const everything = state.spans.size <= DRAW_ALL_SPANS;
  const shown: Decoration[] = [];
  for (const span of state.spans.values()) {
    // A span's pieces lie within its start and end, so one that misses the window is not drawn.
    if (!everything && !meets({ from: positions.toPos(span.start), to: positions.toPos(span.end) }, window)) continue;
    let drawn = state.drawings.get(span.id);
    if (!drawn) {
      drawn = draw(span, state.depths.get(span.id) ?? 0, state.selectedId === span.id);
      state.drawings.set(span.id, drawn);
    }
    for (const deco of drawn) if (everything || meets(deco, window)) shown.push(deco);
  }
  return DecorationSet.create(doc, shown);
}

/** A transaction that shows `spans` instead of whatever was shown. */
export function showSpans(tr: Transaction, spans: readonly ShownSpan[]): Transaction {
  return addChange(tr, { spans });
}

/** A transaction that outlines the span `id` (null: none). */
export function selectSpan(tr: Transaction, id: string | null): Transaction {
  return addChange(tr, { selectedId: id });
}

/** The highlight state of an editor state made with `highlightsPlugin`. */
export function highlightState(state: EditorState): HighlightState {
  const value = highlightsKey.getState(state);
  if (!value) throw new Error('The editor state has no highlights plugin');
  return value;
}

function addChange(tr: Transaction, change: HighlightChange): Transaction {
  const earlier: HighlightChange | undefined = tr.getMeta(highlightsKey);
  return tr.setMeta(highlightsKey, { ...earlier, ...change });
}

type Draw = (span: ShownSpan, depth: number, selected: boolean) => Decoration[];

/** Beyond this many spans changed at once, working the depths out afresh is the quicker. */
const FEW_CHANGES = 32;

function applyChange(tr: Transaction, previous: HighlightState, draw: Draw, positions: PositionLookup): HighlightState {
  const change: HighlightChange | undefined = tr.getMeta(highlightsKey);
  let spans = previous.spans;
  let depths = previous.depths;
  /** The spans whose drawing may have changed, or null for any of them. */
  let touched: Set<string> | null = new Set();
  if (change?.spans) {
    spans = new Map(change.spans.map((span) => [span.id, span]));
    // Most spans of a long article are as they were (the same objects, or equal ones when the
    // store's answer replaces the list): only the others changed.
    const gone = [...previous.spans.values()].filter((span) => !sameSpan(spans.get(span.id), span));
    const come = change.spans.filter((span) => !sameSpan(previous.spans.get(span.id), span));
    if (gone.length + come.length <= FEW_CHANGES) {
      const update = nestingDepthsAfter(previous.depths, previous.spans, spans, gone, come);
      depths = update.depths;
      touched = update.changed;
      for (const span of gone) touched.add(span.id);
    } else {
      depths = nestingDepths(change.spans);
      touched = null;
    }
  }

  let selectedId = previous.selectedId;
  if (change?.selectedId !== undefined) selectedId = change.selectedId;
  // Selecting text by hand means the next label applies to the text, not to a span.
  else if (tr.selectionSet && !tr.selection.empty) selectedId = null;
  if (selectedId !== null && !spans.has(selectedId)) selectedId = null;

  const window = windowAfter(tr, previous.window);
  if (spans === previous.spans && selectedId === previous.selectedId && window === previous.window) {
    return previous;
  }

  const next = { spans, depths, selectedId };
  // Besides the spans that changed, only those losing and gaining the outline can look different.
  const outlined = [previous.selectedId, selectedId].filter((id) => id !== null);
  const candidates = touched === null ? new Set([...previous.spans.keys(), ...spans.keys()]) : new Set([...touched, ...outlined]);
  const drawings = new Map(previous.drawings);
  const stale: Decoration[] = [];
  const fresh: Decoration[] = [];
  for (const id of candidates) {
    const same = touched === null && previous.spans.get(id) === spans.get(id) && previous.depths.get(id) === depths.get(id) && !outlined.includes(id);
    if (same) continue;
    const after = drawingOf(id, next);
    if (sameDrawing(drawingOf(id, previous), after)) continue;
    stale.push(...(previous.drawings.get(id) ?? []));
    if (after.span) {
      const drawn = draw(after.span, after.depth, after.selected);
      drawings.set(id, drawn);
      fresh.push(...drawn);
    } else {
      drawings.delete(id);
    }
  }

  const windowed = spans.size > DRAW_ALL_SPANS;
  // Drawing every span, the page does not change as the window moves.
  if ((windowed && window !== previous.window) || windowed !== previous.spans.size > DRAW_ALL_SPANS) {
    return { ...next, drawings, window, decorations: onPage(tr.doc, { ...next, drawings }, window, draw, positions) };
  }
  let decorations = previous.decorations;
  // Decorations outside the window are not on the page; removing them is a no-op.
  if (stale.length > 0) decorations = decorations.remove(stale);
  const added = windowed ? fresh.filter((deco) => meets(deco, window)) : fresh;
  if (added.length > 0) decorations = decorations.add(tr.doc, added);
  return { spans, depths, selectedId, drawings, window, decorations };
}

/** How one span looks: two equal drawings need no new decorations. */
interface Drawing {
  span: ShownSpan | undefined;
  depth: number;
  selected: boolean;
}

type DrawnState = Pick<HighlightState, 'spans' | 'depths' | 'selectedId'>;

function drawingOf(id: string, state: DrawnState): Drawing {
  return { span: state.spans.get(id), depth: state.depths.get(id) ?? 0, selected: state.selectedId === id };
}

function sameDrawing(a: Drawing, b: Drawing): boolean {
  return a.depth === b.depth && a.selected === b.selected && sameSpan(a.span, b.span);
}

/** Whether two versions of a span are drawn alike (where they are at the same depth); false when either is missing. */
function sameSpan(a: ShownSpan | undefined, b: ShownSpan | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  return a.start === b.start && a.end === b.end && a.label === b.label && sameFragments(a.fragments, b.fragments);
}

function sameFragments(a: ShownSpan['fragments'], b: ShownSpan['fragments']): boolean {
  if (!a || !b) return !a === !b;
  return a.length === b.length && a.every(([start, end], i) => start === b[i]![0] && end === b[i]![1]);
}

/**
 * The decorations of one span: an inline box per fragment (or one for the whole span), each
 * its own `<span>` so nested spans nest visibly, and a label chip widget where it starts.
 */
function spanDecorations(
  span: ShownSpan,
  depth: number,
  selected: boolean,
  options: HighlightOptions,
): Decoration[] {
  const level = `sw-depth-${Math.min(depth, DEEPEST_STYLED)}`;
  const look = `${labelClass(options.labels, span.label)} ${level}${selected ? ' sw-span-selected' : ''}`;
  const boxSpec: HighlightSpec = { spanId: span.id, className: `sw-span ${look}` };
  const chipSpec: HighlightSpec = { spanId: span.id, className: `sw-chip ${look}` };
  const pieces = span.fragments && span.fragments.length > 0 ? span.fragments : [[span.start, span.end] as const];
  const boxes = pieces.map(([start, end]) =>
    Decoration.inline(
      options.positions.toPos(start),
      options.positions.toPos(end),
      { nodeName: 'span', class: boxSpec.className, 'data-label': span.label, 'data-span-id': span.id },
      boxSpec,
    ),
  );
  const chip = Decoration.widget(
    options.positions.toPos(pieces[0]![0]),
    () => chipElement(span, chipSpec.className),
    {
      ...chipSpec,
      // Outer spans' chips come first where several spans start together.
      side: depth - CHIP_SIDE_BASE,
      key: `chip:${span.id}:${chipSpec.className}`,
      ignoreSelection: true,
    },
  );
  return [chip, ...boxes];
}

/** Chips sit before the text they label; this keeps their `side` negative at any depth. */
const CHIP_SIDE_BASE = 1_000_000;

/**
 * The label tag drawn before a span. Its text comes from CSS (`content: attr(data-label)`), so
 * it adds no characters to the document's selection or copied text.
 */
function chipElement(span: ShownSpan, className: string): HTMLElement {
  const chip = document.createElement('span');
  chip.className = className;
  chip.dataset.label = span.label;
  chip.dataset.spanId = span.id;
  return chip;
}

/**
 * The span a click should select, given the ids of the spans drawn under the click: the
 * innermost one (the shortest), or, when the selected span is among them, the next one out,
 * so repeated clicks on one spot walk through every span of a nest. Null when there are none.
 */
export function spanToSelect(state: HighlightState, idsUnderClick: readonly string[]): string | null {
  const candidates = [...new Set(idsUnderClick)]
    .map((id) => state.spans.get(id))
    .filter((span): span is ShownSpan => span !== undefined)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || (state.depths.get(b.id) ?? 0) - (state.depths.get(a.id) ?? 0));
  if (candidates.length === 0) return null;
  const current = candidates.findIndex((span) => span.id === state.selectedId);
  return candidates[(current + 1) % candidates.length]!.id;
}
