import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { span } from '../../shared/agreement/fixture';
import type { Span } from '../../shared/types';
import { barLabel, layoutLines } from './lanes';

const TEXT = 'Shelling hit Ariha.\n\nThe Northern Front said so.';
const at = (phrase: string, label: string, who = 'a'): Span => {
  const start = TEXT.indexOf(phrase);
  return { ...span(start, start + phrase.length, label, who), text: phrase };
};

/** A line in short: each word as its chunks' texts, with each track's bar as label or '.'. */
const brief = (text: string, lanes: Span[][]) =>
  layoutLines(text, lanes).map((line) => ({
    tracks: line.tracks.map((t) => `${t.lane}.${t.row}`),
    words: line.words.map((word) => word.map((c) => `${c.text}|${c.bars.map((b) => (b ? `${b.span.label}${b.first ? '*' : ''}` : '.')).join(',')}`)),
  }));

describe('layoutLines', () => {
  it('cuts lines into words and chunks at span edges, a bar per lane', () => {
    const lanes = [[at('Ariha', 'LOCATION')], [at('Northern Front', 'ACTOR', 'b')]];
    expect(brief(TEXT, lanes)).toEqual([
      { tracks: ['0.0', '1.0'], words: [['Shelling |.,.'], ['hit |.,.'], ['Ariha|LOCATION*,.', '.|.,.']] },
      { tracks: [], words: [] },
      {
        tracks: ['0.0', '1.0'],
        words: [['The |.,.'], ['Northern |.,ACTOR*'], ['Front|.,ACTOR', ' |.,.'], ['said |.,.'], ['so.|.,.']],
      },
    ]);
  });

  it('puts nested spans of one lane on rows of their own', () => {
    const lanes = [[at('The Northern Front', 'CASUALTY'), at('Northern Front', 'ACTOR')]];
    const [, , line] = brief(TEXT, lanes);
    expect(line.tracks).toEqual(['0.0', '0.1']);
    expect(line.words.slice(0, 3)).toEqual([['The |CASUALTY*,.'], ['Northern |CASUALTY,ACTOR*'], ['Front|CASUALTY,ACTOR', ' |.,.']]);
  });

  it('keeps the text, and every span covers exactly its chunks (property)', () => {
    const text = 'ab cd\nef  gh ij\n\nkl';
    const spanArb = fc
      .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 6 }), fc.constantFrom('ACTOR', 'DATE'))
      .map(([start, length, label]) => span(start, Math.min(text.length, start + length), label));
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 5 }), { minLength: 1, maxLength: 3 }), (lanes) => {
        const lines = layoutLines(text, lanes);
        expect(lines.map((line) => line.words.flat().map((c) => c.text).join('')).join('\n')).toBe(text);
        for (const line of lines) {
          const chunks = line.words.flat();
          lanes.forEach((spans, lane) => {
            for (const s of spans.filter((x) => x.start < line.end && line.start < x.end)) {
              // The chunks drawn with this span's bar are exactly those it covers on this line.
              const drawn = chunks.filter((c) => c.bars.some((bar, index) => bar?.span === s && line.tracks[index].lane === lane));
              const covered = chunks.filter((c) => s.start <= c.start && c.end <= s.end);
              expect(drawn).toEqual(covered);
              expect(drawn.filter((c) => c.bars.some((bar) => bar?.span === s && bar.first))).toEqual(drawn.slice(0, 1));
            }
          });
        }
      }),
    );
  });
});

describe('barLabel', () => {
  it('gives the whole label when there is room beside the mark, else its first letter', () => {
    expect(barLabel(at('The Northern Front', 'ACTOR'), 'AM')).toBe('ACTOR');
    expect(barLabel(at('Northern Front', 'LOCATION'), 'AM')).toBe('LOCATION');
    expect(barLabel(at('Ariha', 'LOCATION'), 'AM')).toBe('L');
  });

  it('draws no track on a line no span touches', () => {
    expect(brief('Quiet line.\nAriha', [[{ ...span(12, 17, 'LOCATION'), text: 'Ariha' }], []]).map((line) => line.tracks)).toEqual([[], ['0.0', '1.0']]);
  });
});
