/**
 * Pre-annotation: every suggestion source run over one document, merged into one list an
 * annotator can accept or reject span by span.
 */
import { snapToWords } from '../words';
import { analyseText, isSnapped, sliceCodePoints, type TextAnalysis } from './analysis';
import { matchGazetteer, type Gazetteer } from './gazetteer';
import { matchEntities } from './nlp';
import { findOccurrences } from './occurrences';
import { matchRules, proposeAttributes } from './rules';
import { overlapTest } from '../suggestions';
import { withoutOverlaps, type SpanRange, type Suggestion } from './suggestion';

/** How much less sure a longer suggestion may be and still win over one it contains. */
const CONTAINING_MARGIN = 0.15;

export interface SuggestInput {
  text: string;
  /** The article's publication date (ISO), which relative dates are read against. */
  publishedAt?: string;
  /** Spans already in the layer: never suggested again, nor overlapped by their label. */
  existing: ReadonlyArray<SpanRange>;
  /** Suggestions the annotator turned down on this document: never offered again. */
  rejected: ReadonlyArray<SpanRange>;
  /** What the project's annotators have tagged so far, if it has been built. */
  gazetteer?: Gazetteer;
  /** The project's labels: suggestions of other labels are dropped. */
  labels: readonly string[];
}

/**
 * Suggestions for one document, sorted by position: the other mentions of texts already
 * tagged in it, gazetteer matches, date and casualty rules, and names from the tagger.
 * Several sources proposing the same span make one suggestion with the best score and all
 * their names; of two overlapping suggestions of one label only the better stays, since
 * accepting both would break the guidelines. Offsets are code points.
 */
export async function suggest(input: SuggestInput): Promise<Suggestion[]> {
  const { text, publishedAt, existing, rejected } = input;
  const analysis = analyseText(text);
  const labels = new Set(input.labels);
  const candidates = [
    ...existingOccurrences(text, existing),
    ...(input.gazetteer ? matchGazetteer(text, input.gazetteer) : []),
    ...matchRules(text, publishedAt),
    ...(await matchEntities(text)),
  ].filter((candidate) => labels.has(candidate.label));

  const merged = new Map<string, Suggestion>();
  for (const candidate of candidates) {
    const snapped = isSnapped(analysis, candidate.start, candidate.end) ? candidate : snapToWords(text, candidate.start, candidate.end);
    if (!snapped) continue;
    const suggestion: Suggestion = {
      ...candidate,
      start: snapped.start,
      end: snapped.end,
      text: sliceCodePoints(analysis, snapped.start, snapped.end),
    };
    const key = rangeKey(suggestion);
    merged.set(key, mergeSources(merged.get(key), suggestion));
  }

  const turnedDown = new Set(rejected.map(rangeKey));
  const taken = overlapTest(existing);
  const fresh = [...merged.values()].filter((suggestion) => !turnedDown.has(rangeKey(suggestion)) && !taken(suggestion));
  return withoutOverlaps(withoutNearlyAsSureInner(fresh), surestThenLongest)
    .map((suggestion) => withAttributes(analysis, suggestion, publishedAt))
    .sort(byPosition);
}

/**
 * "Tag every mention": each text already tagged, found again wherever its label is free.
 * A span that does not fit the text (a layer written for another version of it) is passed over.
 */
function existingOccurrences(text: string, existing: ReadonlyArray<SpanRange>): Suggestion[] {
  const analysis = analyseText(text);
  const queries = new Map<string, { needle: string; label: string }>();
  for (const span of existing) {
    if (!(span.start >= 0 && span.end <= analysis.offsets.codePointLength && span.start < span.end)) continue;
    const needle = sliceCodePoints(analysis, span.start, span.end);
    queries.set(`${span.label}\u0000${needle}`, { needle, label: span.label });
  }
  return [...queries.values()].flatMap((query) => findOccurrences(text, query, existing));
}

function mergeSources(kept: Suggestion | undefined, next: Suggestion): Suggestion {
  if (!kept) return { ...next, sources: [next.source] };
  const [better, worse] = next.score > kept.score ? [next, kept] : [kept, next];
  const sources = [...new Set([better.source, ...(kept.sources ?? [kept.source]), next.source])];
  return { ...better, attributes: better.attributes ?? worse.attributes, sources };
}

/** Sources other than the rules leave DATE and CASUALTY attributes to be read here. */
function withAttributes(analysis: TextAnalysis, suggestion: Suggestion, publishedAt: string | undefined): Suggestion {
  if (suggestion.attributes) return suggestion;
  const attributes = proposeAttributes(analysis, suggestion, publishedAt);
  return attributes ? { ...suggestion, attributes } : suggestion;
}

/**
 * Drop a suggestion that lies inside a longer one of the same label scored nearly as high:
 * "Russian military police" names the actor completely, "police" from the gazetteer does not.
 */
function withoutNearlyAsSureInner(suggestions: Suggestion[]): Suggestion[] {
  // Sorted by start, longest first, anything containing a suggestion comes before it.
  const ordered = [...suggestions].sort((a, b) => a.start - b.start || b.end - a.end);
  const inner = new Set<Suggestion>();
  // Per label, the earlier suggestions that still reach this far: only they can contain the next.
  const open = new Map<string, Suggestion[]>();
  for (const suggestion of ordered) {
    const reaching = (open.get(suggestion.label) ?? []).filter((outer) => outer.end > suggestion.start);
    const contained = reaching.some(
      (outer) =>
        outer.end >= suggestion.end &&
        outer.end - outer.start > suggestion.end - suggestion.start &&
        outer.score >= suggestion.score - CONTAINING_MARGIN,
    );
    if (contained) inner.add(suggestion);
    reaching.push(suggestion);
    open.set(suggestion.label, reaching);
  }
  return suggestions.filter((suggestion) => !inner.has(suggestion));
}

function rangeKey(span: SpanRange): string {
  return `${span.start}:${span.end}:${span.label}`;
}

function surestThenLongest(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

function byPosition(a: Suggestion, b: Suggestion): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}
