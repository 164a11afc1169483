import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../labels';
import { parseMarkup } from './__fixtures__/markup';
import { SAMPLE } from './__fixtures__/sample';
import { suggest, type SuggestInput } from './engine';
import { buildGazetteer } from './gazetteer';

const LABELS = DEFAULT_LABELS.map((label) => label.name);
const TEXT = 'Russian warplanes struck Saraqib on Tuesday, killing at least two civilians. Saraqib residents fled to Idlib.';

function run(overrides: Partial<SuggestInput> = {}) {
  return suggest({ text: TEXT, publishedAt: '2020-06-05', existing: [], rejected: [], labels: LABELS, ...overrides });
}

function find(suggestions: Awaited<ReturnType<typeof suggest>>, text: string, label: string) {
  return suggestions.find((s) => s.text === text && s.label === label);
}

describe('suggest', () => {
  it('merges the sources into one sorted list with attributes', async () => {
    const suggestions = await run();
    expect(find(suggestions, 'Russian warplanes', 'ACTOR')).toBeDefined();
    expect(find(suggestions, 'Tuesday', 'DATE')?.attributes).toEqual({ value: '2020-06-02' });
    expect(find(suggestions, 'at least two civilians', 'CASUALTY')?.attributes).toEqual({ kind: 'killed', count: 2, qualifier: 'at least' });
    expect(find(suggestions, 'civilians', 'ACTOR')).toBeDefined();
    const starts = suggestions.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('makes one suggestion of a span several sources propose, with the best score and every source', async () => {
    const gazetteer = buildGazetteer([[{ text: 'Saraqib', label: 'LOCATION' }, { text: 'Russian warplanes', label: 'ACTOR' }]]);
    const warplanes = (await run({ gazetteer })).filter((s) => s.text === 'Russian warplanes');
    expect(warplanes).toHaveLength(1);
    expect(new Set(warplanes[0].sources)).toEqual(new Set(['gazetteer', 'nlp:force']));
    // A text tagged once scores 0.725 in the gazetteer, above the force pattern's 0.7.
    expect(warplanes[0]).toMatchObject({ source: 'gazetteer', score: 0.725 });
    expect(warplanes[0].sources?.[0]).toBe('gazetteer');
  });

  it('drops what is already tagged, and what overlaps a span of the same label', async () => {
    const existing = [
      { start: 0, end: 17, label: 'ACTOR' }, // Russian warplanes
      { start: 53, end: 62, label: 'LOCATION' }, // "at least " under another label
      { start: 62, end: 65, label: 'CASUALTY' }, // "two" inside the casualty figure
    ];
    const suggestions = await run({ existing });
    expect(find(suggestions, 'Russian warplanes', 'ACTOR')).toBeUndefined();
    expect(suggestions.some((s) => s.label === 'CASUALTY')).toBe(false);
    expect(find(suggestions, 'civilians', 'ACTOR')).toBeDefined();
  });

  it('suggests the other mentions of what is already tagged', async () => {
    const existing = [{ start: 25, end: 32, label: 'ACTOR' }]; // the first "Saraqib", tagged as an actor
    const saraqib = (await run({ existing })).filter((s) => s.text === 'Saraqib');
    // The tagged mention may still be suggested under another label; the other mention gets the label given.
    expect(saraqib.map((s) => [s.start, s.label, s.source])).toEqual([
      [25, 'LOCATION', 'nlp:name'],
      [77, 'ACTOR', 'occurrences'],
    ]);
  });

  it('never offers a rejected suggestion again, but still offers the others', async () => {
    const rejected = [{ start: 25, end: 32, label: 'LOCATION' }];
    const suggestions = await run({ rejected });
    expect(suggestions.some((s) => s.start === 25 && s.label === 'LOCATION')).toBe(false);
    expect(suggestions.length).toBe((await run()).length - 1);
  });

  it('offers only the project’s labels', async () => {
    expect(new Set((await run({ labels: ['DATE'] })).map((s) => s.label))).toEqual(new Set(['DATE']));
  });

  it('snaps a source’s span to word boundaries', async () => {
    const gazetteer = buildGazetteer([[{ text: 'Idlib', label: 'LOCATION' }]]);
    const text = 'Fighting near Idlib.';
    const existing = [{ start: 0, end: 8, label: 'ACTOR' }];
    expect((await suggest({ text, existing, rejected: [], gazetteer, labels: ['LOCATION'] })).map((s) => [s.start, s.end, s.text])).toEqual([[14, 19, 'Idlib']]);
  });

  it('leaves no two suggestions of one label overlapping', async () => {
    const gazetteer = buildGazetteer([[{ text: 'two civilians', label: 'CASUALTY' }]]);
    const casualties = (await run({ gazetteer })).filter((s) => s.label === 'CASUALTY');
    expect(casualties.map((s) => s.text)).toEqual(['at least two civilians']);
  });

  it('copes with an empty text and with existing spans that do not fit the text', async () => {
    expect(await suggest({ text: '', existing: [], rejected: [], labels: LABELS })).toEqual([]);
    const existing = [{ start: 90, end: 500, label: 'ACTOR' }, { start: -3, end: 2, label: 'DATE' }];
    await expect(run({ existing })).resolves.toBeDefined();
  });

  it('counts offsets in code points', async () => {
    const text = '🔥🔥 Russian warplanes struck on Tuesday.';
    for (const s of await suggest({ text, existing: [], rejected: [], labels: LABELS })) {
      expect([...text].slice(s.start, s.end).join('')).toBe(s.text);
    }
  });

  it('prints how long a 1,500-word article takes', async () => {
    const paragraphs = SAMPLE.map((paragraph) => parseMarkup(paragraph.markup).text);
    const words: string[] = [];
    for (let i = 0; words.length < 1500; i++) words.push(...paragraphs[i % paragraphs.length].split(' '), '\n\n');
    const text = words.slice(0, 1500).join(' ');
    const gazetteer = buildGazetteer(SAMPLE.map((paragraph) => parseMarkup(paragraph.markup).spans));
    await report('sample text ×', text, gazetteer);
  });

  it('prints how long the real articles take, one at a time', async () => {
    const corpus = '/work/shared/corpus';
    if (!existsSync(corpus)) {
      console.log(`skipped: ${corpus} is absent`);
      return;
    }
    const texts = readdirSync(corpus).map((name) => readFileSync(join(corpus, name), 'utf8'));
    await report('all five corpus articles as one', texts.join('\n\n'));
  });
});

/**
 * Prints wall-clock and CPU milliseconds: the machine is shared, and under load the wall
 * clock says more about the neighbours than about this code.
 */
async function report(name: string, text: string, gazetteer?: ReturnType<typeof buildGazetteer>) {
  const input = { text, publishedAt: '2020-06-05', existing: [], rejected: [], labels: LABELS, gazetteer };
  const time = async (run: () => Promise<unknown>) => {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    await run();
    const cpu = process.cpuUsage(cpuStart);
    return { wall: performance.now() - wallStart, cpu: (cpu.user + cpu.system) / 1000 };
  };
  const median = (times: Array<{ wall: number; cpu: number }>) => {
    const middle = Math.floor(times.length / 2);
    const wall = times.map((t) => t.wall).sort((a, b) => a - b)[middle];
    const cpu = times.map((t) => t.cpu).sort((a, b) => a - b)[middle];
    return `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)`;
  };
  let suggestions: Awaited<ReturnType<typeof suggest>> = [];
  const first = await time(async () => (suggestions = await suggest(input)));
  // Texts the tagger has not seen (its cache is keyed by content), once the code is warm.
  const unseen = [];
  for (const i of [1, 2, 3, 4, 5, 6, 7]) unseen.push(await time(() => suggest({ ...input, text: `${text}\n\nUpdate ${i}.` })));
  // The same document again, as after every accept or reject.
  const again = [];
  for (let i = 0; i < 7; i++) again.push(await time(() => suggest(input)));
  console.log(
    `suggest(): ${name}: ${text.split(/\s+/u).length} words, ${suggestions.length} suggestions, load average ${loadavg()[0].toFixed(1)}\n` +
      `  first call in this process ${median([first])}\n` +
      `  unseen text, median of 7   ${median(unseen)}\n` +
      `  same text again, median    ${median(again)}`,
  );
  expect(suggestions.length).toBeGreaterThan(0);
}
