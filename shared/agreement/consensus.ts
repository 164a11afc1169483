/**
 * Spans several annotators have identically — same start, end and label — on one document:
 * what "accept what everyone agrees on" and the majority layer are made of.
 */
import type { Span } from '../types';
import { groupBy } from './groups';
import { compareRanges, compareStrings } from './order';

/** One range and label, with the span each supporting annotator has there. */
export interface ConsensusSpan {
  start: number;
  end: number;
  label: string;
  /** By annotator id, in the order of the layers given; only annotators who have it. */
  spans: Record<string, Span>;
}

/**
 * The ranges and labels whose support (the number of annotators who have them) is enough by
 * `isEnough(support, annotators)`, where `annotators` counts the layers given — everyone who
 * worked on the document. Sorted by start, end, then label.
 */
export function consensusSpans(
  layers: Readonly<Record<string, readonly Span[]>>,
  isEnough: (support: number, annotators: number) => boolean,
): ConsensusSpan[] {
  const annotators = Object.keys(layers);
  const entries = annotators.flatMap((annotator) => layers[annotator].map((span) => ({ annotator, span })));
  const result: ConsensusSpan[] = [];
  for (const group of groupBy(entries, (e) => `${e.span.start}:${e.span.end}:${e.span.label}`).values()) {
    // A layer holding the same span twice still supports it once; its first copy speaks for it.
    const byAnnotator = new Map<string, Span>();
    for (const { annotator, span } of group) if (!byAnnotator.has(annotator)) byAnnotator.set(annotator, span);
    if (!isEnough(byAnnotator.size, annotators.length)) continue;
    const { start, end, label } = group[0].span;
    result.push({ start, end, label, spans: Object.fromEntries(byAnnotator) });
  }
  return result.sort((x, y) => compareRanges(x, y) || compareStrings(x.label, y.label));
}
