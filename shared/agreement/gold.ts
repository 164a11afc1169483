/** Gold spans: what an adjudicator settles, built from the annotators' spans they chose. */
import type { GoldProvenance, Span } from '../types';
import type { ConsensusSpan } from './consensus';

/**
 * The gold span made from an annotator's `span`: same range, label, text, attributes, note and
 * fragments; made by the adjudicator at `at`, with who had it in `provenance`. Its id is the
 * source span's id prefixed with `gold-` unless one is given, so accepting the same span twice
 * yields the same gold span rather than a duplicate. Nothing else is carried over: not the
 * suggestion fields (`source`, `score`) nor the source's times.
 */
export function goldSpanFrom(span: Span, choice: GoldProvenance & { id?: string }): Span {
  const { adjudicator, at } = choice;
  const gold: Span = {
    id: choice.id ?? `gold-${span.id}`,
    start: span.start,
    end: span.end,
    label: span.label,
    text: span.text,
    annotator: adjudicator,
    createdAt: at,
    provenance: { annotators: [...choice.annotators], adjudicator, at },
  };
  if (span.attributes) gold.attributes = { ...span.attributes };
  if (span.note !== undefined) gold.note = span.note;
  if (span.fragments) gold.fragments = span.fragments.map(([from, to]): [number, number] => [from, to]);
  return gold;
}

/**
 * The gold span for a range and label several annotators agree on (see `agreed` and
 * `majorityLayer`): built from the first supporting annotator's span, with every supporting
 * annotator in its provenance.
 */
export function goldSpanFromConsensus(consensus: ConsensusSpan, adjudicator: string, at: string): Span {
  const first = Object.values(consensus.spans)[0];
  if (!first) throw new Error(`No annotator supports the span ${consensus.label} ${consensus.start}-${consensus.end}`);
  return goldSpanFrom(first, { annotators: Object.keys(consensus.spans), adjudicator, at });
}
