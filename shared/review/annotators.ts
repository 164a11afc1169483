/** The annotators of a review, in one fixed order, each with initials to mark their spans by. */

/** An annotator as the review and agreement views show them. */
export interface ReviewAnnotator {
  id: string;
  name: string;
  /** One to three letters, unique among the annotators listed with it (`AM`, `AM2`). */
  initials: string;
}

/**
 * The annotators sorted by name, then id (so number keys mean the same person on every
 * document), with initials: the first letters of the first two words of the name, or its first
 * two letters; a number is added where two would otherwise look alike.
 */
export function reviewAnnotators(layers: ReadonlyArray<{ id: string; name: string }>): ReviewAnnotator[] {
  const sorted = [...layers].sort((x, y) => compare(x.name, y.name) || compare(x.id, y.id));
  const seen = new Map<string, number>();
  return sorted.map(({ id, name }) => {
    const base = initialsOf(name) || initialsOf(id);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { id, name, initials: count === 1 ? base : `${base}${count}` };
  });
}

function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._-]+/u).filter((word) => word !== '');
  const letters = words.length >= 2 ? words.slice(0, 2).map((word) => [...word][0]) : [...(words[0] ?? '')].slice(0, 2);
  return letters.join('').toUpperCase();
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
