import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangesOverlap } from './spans';
import type { SpanRange } from './suggest/suggestion';
import { openSuggestions, suggestionKey } from './suggestions';

const range = fc
  .record({ start: fc.nat(60), length: fc.nat(12), label: fc.constantFrom('ACTOR', 'LOCATION', 'DATE') })
  .map(({ start, length, label }): SpanRange => ({ start, end: start + length, label }));

describe('openSuggestions', () => {
  it('leaves out exactly the suggestions turned down or overlapping a span of their label', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 30 }), fc.array(range, { maxLength: 30 }), fc.array(range, { maxLength: 5 }), (suggestions, spans, rejected) => {
        const turnedDown = new Set(rejected.map(suggestionKey));
        const expected = suggestions.filter(
          (suggestion) => !turnedDown.has(suggestionKey(suggestion)) && !spans.some((span) => span.label === suggestion.label && rangesOverlap(span, suggestion)),
        );
        expect(openSuggestions(suggestions, spans, rejected)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a suggestion that only touches a span, or overlaps one of another label', () => {
    const spans = [{ start: 10, end: 20, label: 'ACTOR' }];
    const touching = { start: 20, end: 25, label: 'ACTOR' };
    const otherLabel = { start: 12, end: 18, label: 'LOCATION' };
    const inside = { start: 12, end: 18, label: 'ACTOR' };
    expect(openSuggestions([touching, otherLabel, inside], spans)).toEqual([touching, otherLabel]);
  });
});
