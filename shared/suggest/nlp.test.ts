import { describe, expect, it } from 'vitest';
import { matchEntities } from './nlp';

async function entities(text: string) {
  return [...(await matchEntities(text))]
    .sort((a, b) => a.start - b.start)
    .map((s) => `${s.label} ${s.text}`);
}

describe('matchEntities', () => {
  it('finds named places by their head word and the words before them', async () => {
    expect(
      await entities('Fighters shelled the town of Maarat al-Numan and villages near Zawiya Mountain, then moved into Saraqib.'),
    ).toEqual(['LOCATION Maarat al-Numan', 'LOCATION Zawiya Mountain', 'LOCATION Saraqib']);
  });

  it('keeps a generic head word that ends a place name', async () => {
    expect(await entities('Strikes hit the Jabal al-Zawiya region overnight.')).toEqual(['LOCATION Jabal al-Zawiya region']);
  });

  it('finds organisations and people, without their titles', async () => {
    expect(await entities('The White Helmets said Foreign Minister Sergei Lavrov met the National Front for Liberation.')).toEqual([
      'ACTOR White Helmets',
      'ACTOR Sergei Lavrov',
      'ACTOR National Front for Liberation',
    ]);
  });

  it('finds described forces but not a nationality used for a place', async () => {
    expect(
      await entities('Russian warplanes and Syrian government forces pushed on while Turkish-backed rebels held the Turkish border.'),
    ).toEqual(['ACTOR Russian warplanes', 'ACTOR Syrian government forces', 'ACTOR Turkish-backed rebels']);
  });

  it('finds the actor inside a casualty figure', async () => {
    expect(await entities('Opposition fighters killed 16 pro-Assad troops and two civilians.')).toEqual([
      'ACTOR Opposition fighters',
      'ACTOR pro-Assad troops',
      'ACTOR civilians',
    ]);
  });

  it('does not take a capital at the start of a sentence or a date for a name', async () => {
    expect(await entities('Violent clashes erupted on Monday. According to witnesses, nothing moved in March.')).toEqual([]);
  });

  it('stops a name at punctuation and drops a possessive', async () => {
    expect(await entities('Residents of Idlib, Hama and Aleppo fled to Syria’s north.')).toContain('LOCATION Syria');
  });

  it('gives code point offsets after emoji', async () => {
    const text = '🙏🙏 Pray for Qamishli, shelled by Turkish drones.';
    const found = (await matchEntities(text)).map((s) => [s.text, [...text].slice(s.start, s.end).join('')]);
    expect(found.length).toBeGreaterThan(0);
    for (const [surface, covered] of found) expect(covered).toBe(surface);
  });

  it('answers the same text again from its cache with equal results', async () => {
    const text = 'Iranian militias entered Saraqib on Monday.';
    expect(await matchEntities(text)).toBe(await matchEntities(text));
  });
});
