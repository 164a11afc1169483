/**
 * Flat formats (IOB tags in CoNLL and Hugging Face files) give each token at most one label, so
 * they cannot hold nested or overlapping spans. Flattening keeps one level by a fixed rule and
 * hands back what it left out, so an exporter can say how many spans the file does not hold.
 *
 * The rule: spans are ranked, and taken in rank order unless they overlap one already taken.
 * - `outermost` (default): longer spans first ("16 pro-Assad troops" CASUALTY beats the
 *   "pro-Assad troops" ACTOR inside it); `innermost`: shorter spans first.
 * - Equal lengths: the earlier start first, then the label that comes first in `labelOrder`
 *   (the project's label order; labels not in it come after, alphabetically), then input order.
 */

/** How to choose between overlapping spans. */
export interface FlattenRule {
  prefer: 'outermost' | 'innermost';
  /** Label names, most preferred first. */
  labelOrder: readonly string[];
}

export const DEFAULT_FLATTEN_RULE: FlattenRule = { prefer: 'outermost', labelOrder: [] };

interface Range {
  start: number;
  end: number;
  label: string;
}

/**
 * Keep a set of spans where no two overlap, chosen by the rule. `kept` is ordered by start;
 * `dropped` holds every other span, in input order. Touching spans (`a.end === b.start`) do not
 * overlap.
 */
export function flatten<T extends Range>(spans: readonly T[], rule: Partial<FlattenRule> = {}): { kept: T[]; dropped: T[] } {
  const { prefer, labelOrder } = { ...DEFAULT_FLATTEN_RULE, ...rule };
  const labelRank = new Map(labelOrder.map((label, index) => [label, index]));
  const rankOf = (label: string) => labelRank.get(label) ?? labelOrder.length;
  const lengthSign = prefer === 'outermost' ? -1 : 1;
  const order = spans
    .map((span, index) => ({ span, index }))
    .sort(
      (a, b) =>
        lengthSign * (a.span.end - a.span.start - (b.span.end - b.span.start)) ||
        a.span.start - b.span.start ||
        rankOf(a.span.label) - rankOf(b.span.label) ||
        (a.span.label < b.span.label ? -1 : a.span.label > b.span.label ? 1 : 0) ||
        a.index - b.index,
    );
  // Taken spans never overlap, so ordered by start they are ordered by end too.
  const kept: T[] = [];
  const droppedIndexes = new Set<number>();
  for (const { span, index } of order) {
    const at = firstEndingAfter(kept, span.start);
    if (at < kept.length && kept[at].start < span.end) droppedIndexes.add(index);
    else kept.splice(at, 0, span);
  }
  return { kept, dropped: spans.filter((_, index) => droppedIndexes.has(index)) };
}

/** Index of the first range whose end is after offset, in ranges ordered by end. */
function firstEndingAfter(ranges: readonly Range[], offset: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
