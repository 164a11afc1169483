/**
 * Measures suggestion quality on the hand-written gold sample and PRINTS it: precision and
 * recall per label and per source, exact and by overlap, plus attribute accuracy. The figures
 * go into docs/suggestions.md; the assertions only catch a collapse, not a small drift.
 */
import { describe, expect, it } from 'vitest';
import { snapToWords } from '../words';
import { suggest } from './engine';
import { buildGazetteer, matchGazetteer } from './gazetteer';
import { matchEntities } from './nlp';
import { findOccurrences } from './occurrences';
import { matchRules } from './rules';
import type { Suggestion } from './suggestion';
import { parseMarkup, type GoldSpan } from './__fixtures__/markup';
import { HELD_OUT } from './__fixtures__/heldout';
import { SAMPLE, type SampleParagraph } from './__fixtures__/sample';
import { emptyTally, exactF1, formatTally, sumTallies, tally, type Tally } from './__fixtures__/score';

const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];
const parse = (paragraphs: SampleParagraph[]) => paragraphs.map((paragraph) => ({ ...paragraph, ...parseMarkup(paragraph.markup) }));
type GoldDocument = ReturnType<typeof parse>[number];
const SETS: Array<[string, GoldDocument[]]> = [
  ['development sample (rules tuned on it)', parse(SAMPLE)],
  ['held-out sample (measured, not tuned on)', parse(HELD_OUT)],
];
const everyDocument = SETS.flatMap(([, documents]) => documents);

/** The gazetteer a project would have when this document comes up: every other document's gold, of both sets. */
function gazetteerWithout(id: string) {
  return buildGazetteer(everyDocument.filter((other) => other.id !== id).map((other) => other.spans));
}

/** Tag-every-mention as an annotator would use it: the first mention of each gold text is tagged. */
function firstMentions(gold: GoldSpan[]): GoldSpan[] {
  const seen = new Set<string>();
  return gold.filter((span) => {
    const key = `${span.label}\u0000${span.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byLabel(suggestions: readonly Suggestion[], gold: readonly GoldSpan[], tallies: Map<string, Tally>) {
  for (const label of LABELS) {
    tally(
      tallies.get(label) ?? tallies.set(label, emptyTally()).get(label)!,
      suggestions.filter((s) => s.label === label),
      gold.filter((g) => g.label === label),
    );
  }
}

describe.each(SETS)('suggestion quality on the %s', (_, documents) => {
  it('parses the sample markup into consistent gold spans', () => {
    for (const document of documents) {
      for (const span of document.spans) expect([...document.text].slice(span.start, span.end).join('')).toBe(span.text);
    }
    expect(documents.reduce((n, d) => n + d.spans.length, 0)).toBeGreaterThan(40);
  });

  it('prints precision and recall per label, for a new project and with a gazetteer', async () => {
    const configurations: Array<[string, (document: GoldDocument) => Promise<Suggestion[]>]> = [
      ['no gazetteer', (d) => suggest({ text: d.text, publishedAt: d.publishedAt, existing: [], rejected: [], labels: LABELS })],
      ['gazetteer (all other paragraphs)', (d) => suggest({ text: d.text, publishedAt: d.publishedAt, existing: [], rejected: [], labels: LABELS, gazetteer: gazetteerWithout(d.id) })],
    ];
    const lines: string[] = [];
    for (const [name, run] of configurations) {
      const tallies = new Map<string, Tally>();
      for (const document of documents) byLabel(await run(document), document.spans, tallies);
      lines.push(`engine, ${name}:`);
      for (const [label, t] of tallies) lines.push(`  ${formatTally(label, t)}`);
      const all = sumTallies([...tallies.values()]);
      lines.push(`  ${formatTally('all labels', all)}`);
      expect(exactF1(all)).toBeGreaterThan(0.3);
    }
    console.log(lines.join('\n'));
  });

  it('prints precision and recall per source', async () => {
    const sources: Array<[string, (document: GoldDocument) => Promise<{ suggestions: readonly Suggestion[]; gold: GoldSpan[] }>]> = [
      ['rule:date', async (d) => ({ suggestions: matchRules(d.text, d.publishedAt).filter((s) => s.label === 'DATE'), gold: d.spans.filter((g) => g.label === 'DATE') })],
      ['rule:casualty', async (d) => ({ suggestions: matchRules(d.text, d.publishedAt).filter((s) => s.label === 'CASUALTY'), gold: d.spans.filter((g) => g.label === 'CASUALTY') })],
      ['nlp:name', async (d) => ({ suggestions: (await matchEntities(d.text)).filter((s) => s.source === 'nlp:name'), gold: d.spans.filter((g) => g.label === 'ACTOR' || g.label === 'LOCATION') })],
      ['nlp:force', async (d) => ({ suggestions: (await matchEntities(d.text)).filter((s) => s.source === 'nlp:force'), gold: d.spans.filter((g) => g.label === 'ACTOR') })],
      ['gazetteer (other paragraphs)', async (d) => ({ suggestions: matchGazetteer(d.text, gazetteerWithout(d.id)), gold: d.spans })],
      [
        'occurrences',
        async (d) => {
          const tagged = firstMentions(d.spans);
          const suggestions = tagged.flatMap((span) => findOccurrences(d.text, { needle: span.text, label: span.label }, tagged));
          return { suggestions, gold: d.spans.filter((g) => !tagged.includes(g)) };
        },
      ],
    ];
    const lines = ['per source (each alone; recall over the labels it aims at):'];
    for (const [name, run] of sources) {
      const t = emptyTally();
      for (const document of documents) {
        const { suggestions, gold } = await run(document);
        const snapped = suggestions.map((s) => ({ ...s, ...snapToWords(document.text, s.start, s.end) }));
        tally(t, snapped, gold);
      }
      lines.push(`  ${formatTally(name, t)}`);
    }
    console.log(lines.join('\n'));
  });

  it('prints how often the proposed attributes match gold, on exactly matched spans', async () => {
    const counts = new Map<string, { right: number; wrong: number; missing: number; extra: number }>();
    for (const document of documents) {
      const suggestions = await suggest({ text: document.text, publishedAt: document.publishedAt, existing: [], rejected: [], labels: LABELS });
      for (const gold of document.spans.filter((g) => g.label === 'DATE' || g.label === 'CASUALTY')) {
        const match = suggestions.find((s) => s.label === gold.label && s.start === gold.start && s.end === gold.end);
        if (!match) continue;
        const names = gold.label === 'DATE' ? ['value'] : ['kind', 'count', 'qualifier'];
        for (const name of names) {
          const key = `${gold.label}.${name}`;
          const c = counts.get(key) ?? counts.set(key, { right: 0, wrong: 0, missing: 0, extra: 0 }).get(key)!;
          const expected = gold.attributes?.[name];
          const proposed = match.attributes?.[name];
          if (expected === undefined && proposed === undefined) c.right++;
          else if (expected === undefined) c.extra++;
          else if (proposed === undefined) c.missing++;
          else if (expected === proposed) c.right++;
          else c.wrong++;
        }
      }
    }
    const lines = ['attributes on exactly matched spans (right / wrong / not proposed / proposed where gold has none):'];
    for (const [key, c] of counts) lines.push(`  ${key.padEnd(20)} ${c.right} / ${c.wrong} / ${c.missing} / ${c.extra}`);
    console.log(lines.join('\n'));
  });
});
