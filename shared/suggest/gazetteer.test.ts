import { describe, expect, it } from 'vitest';
import { buildGazetteer, gazetteerOfCounts, matchGazetteer } from './gazetteer';

const span = (text: string, label: string) => ({ text, label });

describe('buildGazetteer', () => {
  it('keeps the majority label with its counts', () => {
    const gazetteer = buildGazetteer([
      [span('Idlib', 'LOCATION'), span('Turkey', 'ACTOR')],
      [span('Idlib', 'LOCATION'), span('Turkey', 'LOCATION'), span('Turkey', 'ACTOR')],
      [span('Idlib', 'ACTOR')],
    ]);
    expect(gazetteer.entries.get('Idlib')).toMatchObject({ label: 'LOCATION', count: 2, total: 3 });
    expect(gazetteer.entries.get('Turkey')).toMatchObject({ label: 'ACTOR', count: 2, total: 3 });
  });

  it('leaves out one-character, purely numeric and untrimmed entries', () => {
    const gazetteer = buildGazetteer([
      [span('A', 'ACTOR'), span('😀', 'ACTOR'), span('2019', 'DATE'), span('5,834', 'CASUALTY'), span(' Hama', 'LOCATION'), span('Base 46', 'LOCATION')],
    ]);
    expect([...gazetteer.entries.keys()]).toEqual(['Base 46']);
  });
});

describe('gazetteerOfCounts', () => {
  it('is the gazetteer of that many spans, ties going to the label first given', () => {
    const counts = new Map([
      ['Turkey', new Map([['ACTOR', 2], ['LOCATION', 2]])],
      ['Idlib', new Map([['LOCATION', 3], ['ACTOR', 1]])],
      ['2019', new Map([['DATE', 4]])],
    ]);
    const spans = [...counts].flatMap(([text, labels]) => [...labels].flatMap(([label, n]) => Array.from({ length: n }, () => span(text, label))));
    expect(gazetteerOfCounts(counts)).toEqual(buildGazetteer([spans]));
    expect(gazetteerOfCounts(counts).entries.get('Turkey')).toMatchObject({ label: 'ACTOR', count: 2, total: 4 });
    expect(gazetteerOfCounts(counts).entries.has('2019')).toBe(false);
  });
});

describe('matchGazetteer', () => {
  const gazetteer = buildGazetteer([
    [
      span('Zawiya', 'LOCATION'),
      span('Zawiya Mountain', 'LOCATION'),
      span('Jabal al-Zawiya region', 'LOCATION'),
      span('16 pro-Assad troops', 'CASUALTY'),
      span('pro-Assad troops', 'ACTOR'),
      span('civilians', 'ACTOR'),
      span('Assad', 'ACTOR'),
    ],
  ]);
  const matched = (text: string) => matchGazetteer(text, gazetteer).map((s) => [s.text, s.label]);

  it('takes the longest entry at each word', () => {
    expect(matched('Shelling on Zawiya Mountain and the Jabal al-Zawiya region; Zawiya too.')).toEqual([
      ['Zawiya Mountain', 'LOCATION'],
      ['Jabal al-Zawiya region', 'LOCATION'],
      ['Zawiya', 'LOCATION'],
    ]);
  });

  it('lets spans of different labels nest but not spans of one label overlap', () => {
    expect(matched('They killed 16 pro-Assad troops.')).toEqual([
      ['16 pro-Assad troops', 'CASUALTY'],
      ['pro-Assad troops', 'ACTOR'],
    ]);
  });

  it('matches whole words only', () => {
    expect(matched('Zawiyas and pro-Assad forces, and Assad')).toEqual([['Assad', 'ACTOR']]);
  });

  it('matches a sentence-initial capital, a little less surely', () => {
    const [initial, inner] = matchGazetteer('Civilians fled. Some civilians stayed.', gazetteer);
    expect([initial.text, inner.text]).toEqual(['Civilians', 'civilians']);
    expect(initial.score).toBeLessThan(inner.score);
  });

  it('scores agreed, frequent entries higher', () => {
    const mixed = buildGazetteer([[span('Hama', 'LOCATION'), span('Hama', 'ACTOR'), span('Homs', 'LOCATION'), span('Homs', 'LOCATION')]]);
    const [hama, homs] = matchGazetteer('Hama and Homs', mixed);
    expect(homs.score).toBeGreaterThan(hama.score);
    expect(homs.score).toBeLessThanOrEqual(0.95);
  });

  it('gives code point offsets after emoji', () => {
    const [found] = matchGazetteer('😀😀 Zawiya Mountain', gazetteer);
    expect([found.start, found.end]).toEqual([3, 18]);
  });

  it('prints how long 3,000 entries take over a 1,500-word article', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => span(`Place${i} ${i % 3 === 0 ? 'Mountain' : 'Valley'}`, 'LOCATION'));
    const big = buildGazetteer([entries, [span('civilians', 'ACTOR'), span('Zawiya Mountain', 'LOCATION')]]);
    const words = Array.from({ length: 1500 }, (_, i) => (i % 10 === 0 ? `Place${i} Mountain` : i % 7 === 0 ? 'civilians' : 'shelling'));
    const text = words.join(' ');
    matchGazetteer(text, big);
    const started = performance.now();
    const found = matchGazetteer(`${text}.`, big);
    console.log(`gazetteer: 3,000 entries over 1,500 words: ${(performance.now() - started).toFixed(1)} ms, ${found.length} matches`);
    expect(found.length).toBeGreaterThan(200);
  });
});
