/**
 * Test-only builders for the format tests: stored documents and spans from plain text, and
 * random articles with spans on token boundaries (flat, or nested and overlapping).
 */
import fc from 'fast-check';
import { sliceCodePoints, normalizeLineEndings, titleFromText } from '../../text';
import { trickyText } from '../../testing/unicode';
import { tokenize } from '../../tokens';
import type { AttributeValues, DocumentRecord, Span } from '../../types';
import type { ExportDocument } from '../model';

export interface SpanSpec {
  start: number;
  end: number;
  label: string;
  attributes?: AttributeValues;
  note?: string;
  fragments?: Array<[number, number]>;
}

export const FIXED_TIME = '2026-01-02T03:04:05.000Z';
export const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];

export function storedDocument(text: string, id = 'doc-1', meta: Record<string, string> = {}): DocumentRecord {
  return { id, title: titleFromText(text), text, textHash: '0'.repeat(64), meta, importedAt: FIXED_TIME };
}

export function storedSpans(text: string, specs: readonly SpanSpec[], annotator = 'tester'): Span[] {
  return specs.map((spec, index) => ({
    id: `s${index + 1}`,
    ...spec,
    text: sliceCodePoints(text, spec.start, spec.end),
    annotator,
    createdAt: FIXED_TIME,
  }));
}

export function exportDocument(text: string, specs: readonly SpanSpec[], id = 'doc-1', meta: Record<string, string> = {}): ExportDocument {
  return { document: storedDocument(text, id, meta), spans: storedSpans(text, specs) };
}

/** The tokens of the text inside a span, joined by single spaces: what token formats keep of it. */
export function spanTokens(text: string, span: { start: number; end: number }): string {
  return tokenize(text)
    .filter((token) => token.start >= span.start && token.end <= span.end)
    .map((token) => token.text)
    .join(' ');
}

export interface Article {
  text: string;
  spans: SpanSpec[];
}

/**
 * Normalised random text with at least one token, and spans whose ends are token boundaries:
 * `flat` spans never overlap; otherwise they may nest and overlap.
 */
export function article(options: { flat: boolean; maxSpans?: number }): fc.Arbitrary<Article> {
  return trickyText(60)
    .map((raw) => normalizeLineEndings(`${raw} Idlib ${raw}`))
    .chain((text) => {
      const tokens = tokenize(text);
      const range = fc
        .tuple(fc.nat(tokens.length - 1), fc.nat(3), fc.constantFrom(...LABELS))
        .map(([first, extra, label]) => ({ first, last: Math.min(tokens.length - 1, first + extra), label }));
      return fc.array(range, { maxLength: options.maxSpans ?? 12 }).map((ranges) => {
        const chosen = options.flat ? nonOverlapping(ranges) : ranges;
        const spans = chosen.map(({ first, last, label }) => ({ start: tokens[first].start, end: tokens[last].end, label }));
        return { text, spans: dedupe(spans) };
      });
    });
}

function nonOverlapping<T extends { first: number; last: number }>(ranges: T[]): T[] {
  const taken: T[] = [];
  for (const range of ranges) {
    if (taken.every((other) => range.last < other.first || range.first > other.last)) taken.push(range);
  }
  return taken;
}

function dedupe(spans: SpanSpec[]): SpanSpec[] {
  const seen = new Set<string>();
  return spans.filter((span) => {
    const key = `${span.start}:${span.end}:${span.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Spans as comparable tuples, in a fixed order. */
export function spanKeys(spans: ReadonlyArray<{ start: number; end: number; label: string }>): string[] {
  return spans.map((span) => `${span.start}-${span.end}-${span.label}`).sort();
}
