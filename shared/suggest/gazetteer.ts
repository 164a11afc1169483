/**
 * A gazetteer learnt from the project itself: every text annotators have already tagged, with
 * the label they gave it most often, found again in new documents.
 */
import type { Span } from '../types';
import { tokenize } from '../tokens';
import { analyseText, sliceCodePoints } from './analysis';
import type { Suggestion } from './suggestion';

export const GAZETTEER_SOURCE = 'gazetteer';

export interface GazetteerEntry {
  /** The surface text exactly as tagged. */
  text: string;
  /** The label given most often. */
  label: string;
  /** How many spans had that label, and how many had this text at all. */
  count: number;
  total: number;
  /** Length in code points. */
  length: number;
}

export interface Gazetteer {
  entries: Map<string, GazetteerEntry>;
  /** Entries by their first word, lower-cased, longest first: where matching starts looking. */
  byFirstWord: Map<string, GazetteerEntry[]>;
}

/**
 * What became of one text's entry: `entry` now, or none. `firstWord` is where it is (and was)
 * filed; it follows from the text alone, so an old entry and a new one share it.
 */
export interface GazetteerChange {
  text: string;
  firstWord: string;
  entry: GazetteerEntry | null;
}

/**
 * Put one text's entry as `change` has it, in place. The same changes applied in the same order
 * to equal gazetteers leave them equal, down to the order of entries of one length, which
 * decides which of two matches is found first.
 */
export function applyGazetteerChange({ entries, byFirstWord }: Gazetteer, { text, firstWord, entry }: GazetteerChange): void {
  if (entries.has(text)) {
    const rest = (byFirstWord.get(firstWord) ?? []).filter((other) => other.text !== text);
    if (rest.length > 0) byFirstWord.set(firstWord, rest);
    else byFirstWord.delete(firstWord);
    entries.delete(text);
  }
  if (!entry) return;
  entries.set(text, entry);
  const filed = byFirstWord.get(firstWord) ?? [];
  // Longest first, as matching expects.
  const at = filed.findIndex((other) => other.length < entry.length);
  filed.splice(at === -1 ? filed.length : at, 0, entry);
  byFirstWord.set(firstWord, filed);
}

/**
 * Learn the gazetteer from accepted spans, e.g. every annotator and gold layer of a project.
 * One-character and purely numeric texts are left out: they match everywhere and mean nothing.
 */
export function buildGazetteer(layers: ReadonlyArray<ReadonlyArray<Pick<Span, 'text' | 'label'>>>): Gazetteer {
  const labelCounts = new Map<string, Map<string, number>>();
  for (const spans of layers) {
    for (const { text, label } of spans) {
      if (!isUsefulEntry(text)) continue;
      const counts = labelCounts.get(text) ?? new Map<string, number>();
      counts.set(label, (counts.get(label) ?? 0) + 1);
      labelCounts.set(text, counts);
    }
  }
  return gazetteerOfCounts(labelCounts);
}

/**
 * The gazetteer of spans already counted: how often each label was given to each text, the
 * labels in the order first given. The same as `buildGazetteer` of as many such spans.
 */
export function gazetteerOfCounts(labelCounts: ReadonlyMap<string, ReadonlyMap<string, number>>): Gazetteer {
  const entries = new Map<string, GazetteerEntry>();
  const byFirstWord = new Map<string, GazetteerEntry[]>();
  for (const [text, counts] of labelCounts) {
    if (!isUsefulEntry(text)) continue;
    const firstWord = tokenize(text)[0]?.text.toLowerCase();
    if (firstWord === undefined) continue;
    const entry = majorityEntry(text, counts);
    entries.set(text, entry);
    const sameStart = byFirstWord.get(firstWord);
    if (sameStart) sameStart.push(entry);
    else byFirstWord.set(firstWord, [entry]);
  }
  for (const candidates of byFirstWord.values()) candidates.sort((a, b) => b.length - a.length);
  return { entries, byFirstWord };
}

function isUsefulEntry(text: string): boolean {
  return [...text].length > 1 && text.trim() === text && !/^[\p{N}\s.,:/-]+$/u.test(text);
}

/** The label given most often; on a tie, the one given first. */
function majorityEntry(text: string, counts: ReadonlyMap<string, number>): GazetteerEntry {
  let label = '';
  let count = 0;
  let total = 0;
  for (const [candidate, n] of counts) {
    total += n;
    if (n > count) [label, count] = [candidate, n];
  }
  return { text, label, count, total, length: [...text].length };
}

/**
 * Every place in `text` where a gazetteer entry stands as whole words, the longest entry first
 * at each word; matches of one label never overlap (different labels may nest, as the
 * guidelines allow). A sentence-initial capital also matches: "Civilians" for "civilians".
 */
export function matchGazetteer(text: string, gazetteer: Gazetteer): Suggestion[] {
  const analysis = analyseText(text);
  const { tokenEnds } = analysis;
  const freeFrom = new Map<string, number>();
  const found: Suggestion[] = [];
  for (const token of analysis.tokens) {
    const candidates = gazetteer.byFirstWord.get(token.text.toLowerCase());
    if (!candidates) continue;
    const taken = new Set<string>();
    for (const entry of candidates) {
      if (taken.has(entry.label) || token.start < (freeFrom.get(entry.label) ?? 0)) continue;
      const end = token.start + entry.length;
      if (!tokenEnds.has(end)) continue;
      const surface = sliceCodePoints(analysis, token.start, end);
      const exact = surface === entry.text;
      if (!exact && surface !== withFirstLetterCaseSwapped(entry.text)) continue;
      taken.add(entry.label);
      freeFrom.set(entry.label, end);
      found.push({
        start: token.start,
        end,
        label: entry.label,
        source: GAZETTEER_SOURCE,
        score: entryScore(entry) * (exact ? 1 : 0.9),
        text: surface,
      });
    }
  }
  return found;
}

/** Higher when annotators agreed on the label and tagged the text often: 0.5 up to 0.95. */
function entryScore(entry: GazetteerEntry): number {
  return 0.5 + 0.45 * (entry.count / entry.total) * (entry.total / (entry.total + 1));
}

function withFirstLetterCaseSwapped(text: string): string {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  const swapped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return swapped.length === first.length ? swapped + text.slice(first.length) : text;
}
