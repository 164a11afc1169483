import { describe, expect, it } from 'vitest';
import { applyEdits } from '../shared/spans';
import { DEFAULT_LABELS } from '../shared/labels';
import { nestingDepths } from '../renderer/editor/nesting';
import { BIG_ARTICLE, generateArticle, PROJECT_ARTICLE } from './corpus';

const isWordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9'-]/.test(ch);

describe('generateArticle', () => {
  it('gives the same article for the same seed, another for another', () => {
    const a = generateArticle(PROJECT_ARTICLE, 7, 'x');
    expect(generateArticle(PROJECT_ARTICLE, 7, 'x')).toEqual(a);
    expect(generateArticle(PROJECT_ARTICLE, 8, 'x').text).not.toBe(a.text);
  });

  it('makes the big article to size: words, paragraphs, spans, one in six nested', () => {
    const article = generateArticle(BIG_ARTICLE, 1);
    expect(article.text.split(/\s+/).length).toBe(100_000);
    expect(article.text.split('\n').length).toBe(2_000);
    expect(article.spans.length).toBe(5_000);
    const depths = nestingDepths(article.spans);
    const nested = [...depths.values()].filter((depth) => depth > 0).length;
    expect(nested).toBe(Math.floor(5_000 / 6));
    expect(article.freeWords.length).toBeGreaterThan(1_500);
  });

  it('makes spans the store accepts: on word boundaries, no same-label overlap, unique ids', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const article = generateArticle(PROJECT_ARTICLE, seed, `d${seed}`);
      expect(article.text.split(/\s+/).length).toBe(1_500);
      expect(article.spans.length).toBe(30);
      const ctx = { text: article.text, annotator: 'bench', now: '2026-01-01T00:00:00.000Z', labels: DEFAULT_LABELS.map((l) => l.name) };
      const outcome = applyEdits([], article.spans.map((span) => ({ op: 'add' as const, span })), ctx);
      expect(outcome.ok ? 'accepted' : outcome.message).toBe('accepted');
      for (const span of article.spans) {
        expect(isWordChar(article.text[span.start - 1])).toBe(false);
        expect(isWordChar(article.text[span.end])).toBe(false);
        expect(article.text.slice(span.start, span.end)).toMatch(/^[A-Za-z0-9].*[A-Za-z0-9]$/);
      }
      for (const word of article.freeWords) {
        expect(article.spans.some((span) => span.start < word.end && word.start < span.end)).toBe(false);
      }
    }
  });
});
