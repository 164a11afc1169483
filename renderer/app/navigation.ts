/** Moving through the document list and through a document's spans with the keyboard. */

/**
 * The id of the document `step` places from `currentId` in `ids`; from nothing open, the
 * first (going forward) or the last (going back). Null past either end: the list does not wrap,
 * so holding the key down stops at the last document instead of starting over.
 */
export function neighbourId(ids: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = currentId === null ? -1 : ids.indexOf(currentId);
  if (index === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[index + step] ?? null;
}

/**
 * The span Tab (1) or Shift+Tab (-1) goes to, in `spans`' order (the stored order: by start,
 * outer before inner): the one after or before the selected span, or, with none selected, the
 * first starting at or after the caret (going forward) or the last starting before it (going
 * back). It wraps around at either end, so Tab keeps cycling. Null when there are no spans.
 */
export function neighbourSpanId(
  spans: ReadonlyArray<{ id: string; start: number }>,
  selectedId: string | null,
  caret: number,
  step: 1 | -1,
): string | null {
  if (spans.length === 0) return null;
  const selected = selectedId === null ? -1 : spans.findIndex((span) => span.id === selectedId);
  let index: number;
  if (selected >= 0) index = selected + step;
  else if (step === 1) index = spans.findIndex((span) => span.start >= caret);
  else index = spans.findLastIndex((span) => span.start < caret);
  if (index < 0 || index >= spans.length) index = step === 1 ? 0 : spans.length - 1;
  return spans[index]!.id;
}
