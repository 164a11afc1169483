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
