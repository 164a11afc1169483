/** Moving through the document list with the keyboard. */

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
