import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from './labels';
import { sampleArticles } from './samples';
import { applyEdits } from './spans';
import { normalizeLineEndings, titleFromText } from './text';
import { snapToWords } from './words';

const CORPUS_DIR = '/work/shared/corpus';
const articles = sampleArticles();
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('sampleArticles', () => {
  it('gives five articles with stable ids, file names and ISO publication dates', () => {
    expect(articles.map((article) => article.id)).toEqual(['sample-1', 'sample-2', 'sample-3', 'sample-4', 'sample-5']);
    for (const article of articles) {
      expect(article.name).toBe(`${article.id}.txt`);
      expect(article.meta?.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(article.meta?.publishedAt ?? '').toISOString().slice(0, 10)).toBe(article.meta?.publishedAt);
    }
  });

  it('returns fresh objects on every call', () => {
    const first = sampleArticles();
    first[0].text = 'changed';
    expect(sampleArticles()[0].text).not.toBe('changed');
  });

  it.each(articles.map((article) => [article.id, article] as const))('%s: title line, blank line, 150–250 words of body', (_id, article) => {
    const [title, blank, ...body] = article.text.split('\n');
    expect(article.title).toBe(title);
    expect(titleFromText(article.text)).toBe(title);
    expect(blank).toBe('');
    expect(body.length).toBeGreaterThan(2);
    expect(wordCount(body.join('\n'))).toBeGreaterThanOrEqual(150);
    expect(wordCount(body.join('\n'))).toBeLessThanOrEqual(250);
    expect(normalizeLineEndings(article.text)).toBe(article.text);
    expect(article.text).toBe(article.text.trim());
    expect(article.text).not.toMatch(/\n\n\n|[ \t]\n/);
  });

  it('holds the cases the offsets and the guidelines hinge on', () => {
    const all = articles.map((article) => article.text).join('\n');
    expect(all).toContain('16 pro-government fighters');
    expect(all).toContain('5,834 people');
    expect(all).toContain('’');
    const withArabic = articles.filter((article) => /\p{Script=Arabic}/u.test(article.text));
    const withEmoji = articles.filter((article) => /\p{Extended_Pictographic}/u.test(article.text));
    expect(withArabic.map((article) => article.id)).toEqual(['sample-3']);
    expect(withEmoji.map((article) => article.id)).toEqual(['sample-3']);
    // The emoji sits in a quoted post, after which offsets in code points and UTF-16 differ.
    expect(withEmoji[0].text).toMatch(/“[^”]*\p{Extended_Pictographic}[^”]*”/u);
  });

  it('can be tagged as the guidelines ask: the nested figure, Arabic and text after emoji', () => {
    const text = articles[0].text;
    const phrase = (words: string) => {
      const start = [...text.slice(0, text.indexOf(words))].length;
      return { start, end: start + [...words].length };
    };
    const ctx = { text, annotator: 'tester', now: '2026-01-01T00:00:00Z', labels: DEFAULT_LABELS.map((label) => label.name) };
    const outcome = applyEdits(
      [],
      [
        { op: 'add', span: { id: 'c', ...phrase('16 pro-government fighters'), label: 'CASUALTY' } },
        { op: 'add', span: { id: 'a', ...phrase('pro-government fighters'), label: 'ACTOR' } },
      ],
      ctx,
    );
    expect(outcome.ok).toBe(true);

    const arabic = articles[2].text;
    const afterEmoji = arabic.indexOf('” the group');
    const selection = [...arabic.slice(0, afterEmoji + 3)].length;
    const snapped = snapToWords(arabic, selection, selection + 4);
    expect(snapped && [...arabic].slice(snapped.start, snapped.end).join('')).toBe('the group');
  });

  it('copies no text from the real corpus', () => {
    if (!existsSync(CORPUS_DIR)) {
      console.log(`skipped: ${CORPUS_DIR} is absent`);
      return;
    }
    const shingles = (text: string) => {
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return new Set(words.slice(0, -7).map((_, i) => words.slice(i, i + 8).join(' ')));
    };
    const corpus = new Set<string>();
    for (const file of readdirSync(CORPUS_DIR)) for (const shingle of shingles(readFileSync(join(CORPUS_DIR, file), 'utf8'))) corpus.add(shingle);
    for (const article of articles) {
      const copied = [...shingles(article.text)].filter((shingle) => corpus.has(shingle));
      expect(copied, article.id).toEqual([]);
    }
  });
});
