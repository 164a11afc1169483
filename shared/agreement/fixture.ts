/** Test data builders for the agreement tests: a span is mostly its range and label. */
import type { Span } from '../types';

/** A span of `annotator` over `[start, end)`; `text` is left empty, as the metrics never read it. */
export function span(start: number, end: number, label: string, annotator = 'a', extra: Partial<Span> = {}): Span {
  return {
    id: `${annotator}-${label}-${start}-${end}`,
    start,
    end,
    label,
    text: '',
    annotator,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
