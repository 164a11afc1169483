/** The majority layer: what more than half of a document's annotators tagged identically. */
import type { Span } from '../types';
import { consensusSpans, type ConsensusSpan } from './consensus';

/**
 * The spans (same start, end and label) that more than half of the annotators who worked on the
 * document have; `layers` holds exactly those annotators' layers. With one annotator that is
 * their whole layer; with two, what both have.
 */
export function majorityLayer(layers: Readonly<Record<string, readonly Span[]>>): ConsensusSpan[] {
  return consensusSpans(layers, (support, annotators) => 2 * support > annotators);
}
