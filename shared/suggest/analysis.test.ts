import { describe, expect, it } from 'vitest';
import { analyseText, isSnapped, isWholeWord, sentenceAround, sliceCodePoints } from './analysis';

describe('isSnapped', () => {
  const text = 'Shelling hit al-Ghab Plain (HTS) on Tuesday.';
  const analysis = analyseText(text);
  const at = (part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

  it('holds for words at token edges', () => {
    expect(isSnapped(analysis, ...at('al-Ghab Plain'))).toBe(true);
    expect(isSnapped(analysis, ...at('Tuesday'))).toBe(true);
  });

  it('fails for a cut word, edge spaces or edge punctuation', () => {
    expect(isSnapped(analysis, ...at('Ghab Plain'))).toBe(false);
    expect(isSnapped(analysis, ...at(' Plain'))).toBe(false);
    expect(isSnapped(analysis, ...at('(HTS)'))).toBe(false);
    expect(isSnapped(analysis, ...at('Tuesday.'))).toBe(false);
  });

  it('fails where the next character joins the last one', () => {
    expect(isSnapped(analyseText('ok\u{1F3FD} then'), 0, 2)).toBe(false);
  });

  it('counts in code points', () => {
    const withEmoji = '🔥🔥 Idlib burns';
    expect(isSnapped(analyseText(withEmoji), 3, 8)).toBe(true);
    expect(sliceCodePoints(analyseText(withEmoji), 3, 8)).toBe('Idlib');
  });
});

describe('isWholeWord', () => {
  it('holds on token edges only', () => {
    const analysis = analyseText('pro-Assad troops entered Syria’s north');
    expect(isWholeWord(analysis, 0, 9)).toBe(true);
    expect(isWholeWord(analysis, 4, 9)).toBe(false);
    expect(isWholeWord(analysis, 25, 30)).toBe(true);
  });
});

describe('sentenceAround', () => {
  it('gives the sentence a range lies in, past abbreviations', () => {
    const text = 'The deal was signed on Sept. 17 in Sochi. Two civilians were killed on Monday.\nA new line.';
    const analysis = analyseText(text);
    const at = text.indexOf('Two civilians');
    expect(sentenceAround(analysis, at, at + 13)).toBe('Two civilians were killed on Monday.');
    expect(sentenceAround(analysis, 5, 8)).toBe('The deal was signed on Sept. 17 in Sochi.');
  });
});
