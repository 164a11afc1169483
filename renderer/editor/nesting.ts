/**
 * How deeply each span sits inside others. The editor draws outer spans with a wider box and a
 * lower underline than the spans they hold, so every level of a nest stays visible; the DOM
 * nesting ProseMirror produces does not follow the spans' logical nesting, so the depth is
 * computed from the offsets instead.
 */

/** The part of a span nesting looks at. */
export interface SpanExtent {
  id: string;
  start: number;
  end: number;
}

/**
 * The number of other spans that contain each span (`a` contains `b` when it covers all of
 * `b`; of two spans with the same extent, the one with the smaller id counts as the outer).
 * Partial overlaps do not count. Runs in O(n log n + n·k), k the number of spans open at once.
 */
export function nestingDepths(spans: readonly SpanExtent[]): Map<string, number> {
  const ordered = [...spans].sort(outerFirst);
  const depths = new Map<string, number>();
  let open: SpanExtent[] = [];
  for (const span of ordered) {
    // Every open span starts at or before this one; those that end before it starts are done.
    open = open.filter((other) => other.end > span.start);
    let depth = 0;
    for (const other of open) if (other.end >= span.end) depth++;
    depths.set(span.id, depth);
    open.push(span);
  }
  return depths;
}

function outerFirst(a: SpanExtent, b: SpanExtent): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether `outer` counts as containing `inner` for `nestingDepths`. */
function contains(outer: SpanExtent, inner: SpanExtent): boolean {
  if (outer.id === inner.id || outer.start > inner.start || outer.end < inner.end) return false;
  return outer.start < inner.start || outer.end > inner.end || outer.id < inner.id;
}

/** The depths after some spans went and others came, and the ids whose depth that changed. */
export interface DepthUpdate {
  depths: Map<string, number>;
  changed: Set<string>;
}

/**
 * `nestingDepths` of `after`, worked out from `depths`, those of `before`, when `after` is
 * `before` less `gone` plus `come` (a span changed in place is in both). Each span that goes or
 * comes only changes the depth of the spans it contains, and its own, so this costs one pass
 * over the spans per changed span instead of a sort: an edit to a long article changes one or
 * two spans of thousands.
 */
export function nestingDepthsAfter(
  depths: ReadonlyMap<string, number>,
  before: ReadonlyMap<string, SpanExtent>,
  after: ReadonlyMap<string, SpanExtent>,
  gone: readonly SpanExtent[],
  come: readonly SpanExtent[],
): DepthUpdate {
  const next = new Map(depths);
  const changed = new Set<string>();
  const shift = (id: string, by: number) => {
    next.set(id, (next.get(id) ?? 0) + by);
    changed.add(id);
  };
  // Take the spans that go out one at a time, from what is left of `before`.
  const out = new Set<string>();
  for (const span of gone) {
    out.add(span.id);
    next.delete(span.id);
    for (const other of before.values()) if (!out.has(other.id) && contains(span, other)) shift(other.id, -1);
  }
  // Then put those that come in one at a time, into what is already there of `after`.
  const waiting = new Set(come.map((span) => span.id));
  for (const span of come) {
    waiting.delete(span.id);
    let depth = 0;
    for (const other of after.values()) {
      if (waiting.has(other.id) || other.id === span.id) continue;
      if (contains(other, span)) depth++;
      else if (contains(span, other)) shift(other.id, 1);
    }
    next.set(span.id, depth);
    changed.add(span.id);
  }
  return { depths: next, changed };
}
