/**
 * Finding text: the matches of a query in one article (the editor's find bar) and the corpus
 * search's question and answer. Offsets are code points, like every offset on disk.
 */
import { offsetMapFor } from './offsets';

/** A stretch of a document's text, in code points, `start < end`. */
export interface TextRange {
  start: number;
  end: number;
}

/** What the corpus search looks for. With a label it searches spans, else the documents' text. */
export interface SearchQuery {
  /** Text the document (or, with `label`, the span) must contain. */
  text?: string;
  /** Only spans of this label. */
  label?: string;
  /** The layer whose spans are searched: the annotator's own by default. */
  layer?: string;
  /** Search the spans of every layer instead (annotators, gold, pre-annotation). */
  allLayers?: boolean;
  caseSensitive?: boolean;
  /** The most hits to return; the answer says when there were more. */
  limit: number;
  /** Where to go on from: the `next` of an earlier answer to the same query. */
  from?: number;
}

/** A few words either side of a hit, for the result list. */
export interface Snippet {
  before: string;
  match: string;
  after: string;
}

/** One place the corpus search found. */
export interface SearchHit {
  docId: string;
  title: string;
  start: number;
  end: number;
  snippet: Snippet;
  /** Set when the hit is a span rather than a stretch of text. */
  span?: { id: string; label: string; layer: string; layerName: string };
}

export interface SearchResult {
  hits: SearchHit[];
  /** Where to go on from when the limit cut the search short (a position in the document list); absent when it ran to the end. */
  next?: number;
  /** How many documents were looked at. */
  searched: number;
}

export interface MatchOptions {
  caseSensitive?: boolean;
  /** Stop after this many matches. */
  limit?: number;
}

/**
 * Every place `needle` occurs in `text`, left to right and not overlapping, as code point
 * ranges. Case is ignored unless asked for (simple case folding, so a match is never a
 * different length from the text it covers). An empty or all-space needle matches nothing.
 */
export function findTextMatches(text: string, needle: string, options: MatchOptions = {}): TextRange[] {
  if (needle.trim() === '') return [];
  const limit = options.limit ?? Infinity;
  const offsets = offsetMapFor(text);
  const matches: TextRange[] = [];
  if (options.caseSensitive) {
    for (let at = text.indexOf(needle); at !== -1 && matches.length < limit; at = text.indexOf(needle, at + needle.length)) {
      matches.push({ start: offsets.toCodePoint(at), end: offsets.toCodePoint(at + needle.length) });
    }
    return matches;
  }
  const pattern = new RegExp(escapeRegExp(needle), 'giu');
  for (let match = pattern.exec(text); match && matches.length < limit; match = pattern.exec(text)) {
    matches.push({ start: offsets.toCodePoint(match.index), end: offsets.toCodePoint(match.index + match[0].length) });
  }
  return matches;
}

/** Whether `needle` occurs in `haystack`: the cheap test before a search looks closer. */
export function containsText(haystack: string, needle: string, caseSensitive = false): boolean {
  if (needle.trim() === '') return false;
  return caseSensitive ? haystack.includes(needle) : new RegExp(escapeRegExp(needle), 'iu').test(haystack);
}

const SNIPPET_CONTEXT = 60;
const LONGEST_MATCH_SHOWN = 120;

/**
 * The match with about `context` characters either side, cut at a space where one is near and
 * on one line (line breaks become spaces). Offsets are code points.
 */
export function snippetAround(text: string, range: TextRange, context = SNIPPET_CONTEXT): Snippet {
  const offsets = offsetMapFor(text);
  const from = offsets.toUtf16(range.start);
  const to = offsets.toUtf16(range.end);
  let match = text.slice(from, to);
  if (match.length > LONGEST_MATCH_SHOWN) match = `${withoutBrokenPair(match.slice(0, LONGEST_MATCH_SHOWN - 1), 'end')}…`;
  const before = clippedBefore(text, from, context);
  const after = clippedAfter(text, to, context);
  return { before: oneLine(before), match: oneLine(match), after: oneLine(after) };
}

/** Up to `context` UTF-16 units before `from`, starting after a space when it had to be cut. */
function clippedBefore(text: string, from: number, context: number): string {
  if (from <= context) return text.slice(0, from);
  const window = withoutBrokenPair(text.slice(from - context, from), 'start');
  const space = window.search(/\s/);
  return `…${space >= 0 ? window.slice(space + 1) : window}`;
}

/** Up to `context` UTF-16 units after `to`, ending before a space when it had to be cut. */
function clippedAfter(text: string, to: number, context: number): string {
  if (to + context >= text.length) return text.slice(to);
  const window = withoutBrokenPair(text.slice(to, to + context), 'end');
  const space = lastSpace(window);
  return `${space > 0 ? window.slice(0, space) : window}…`;
}

function lastSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (/\s/.test(text[i]!)) return i;
  return -1;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A cut by UTF-16 length may leave half an emoji at the outer edge; drop it. */
function withoutBrokenPair(text: string, edge: 'start' | 'end'): string {
  if (edge === 'start') return /^[\uDC00-\uDFFF]/.test(text) ? text.slice(1) : text;
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
