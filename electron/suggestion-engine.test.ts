import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../shared/labels';
import { buildGazetteer, type Suggestion } from '../shared/suggest';
import { SuggestionEngine, type EngineInput } from './suggestion-engine';

const LABELS = DEFAULT_LABELS.map((label) => label.name);
const TEXT = 'Russian warplanes struck Saraqib on Tuesday, killing at least two civilians. Saraqib residents fled to Zorbatown.';

function input(overrides: Partial<EngineInput> = {}): EngineInput {
  return { text: TEXT, publishedAt: '2020-06-05', existing: [], rejected: [], labels: LABELS, preAnnotated: [], ...overrides };
}

const texts = (suggestions: Suggestion[]) => suggestions.map((s) => `${s.text}/${s.label}`);

describe('SuggestionEngine', () => {
  const threaded = new SuggestionEngine();
  const here = new SuggestionEngine({ threaded: false });
  afterAll(() => threaded.close());

  it('answers on its thread exactly what it answers on the calling thread', async () => {
    const gazetteer = { value: buildGazetteer([[{ text: 'Zorbatown', label: 'LOCATION' }]]), version: 1 };
    const preAnnotated: Suggestion[] = [{ start: 0, end: 17, label: 'ACTOR', text: 'Russian warplanes', source: 'run 1', score: 0.4 }];
    const existing = [{ start: 25, end: 32, label: 'LOCATION' }];
    const asked = input({ gazetteer, preAnnotated, existing, rejected: [{ start: 36, end: 43, label: 'DATE' }] });
    const [there, local] = await Promise.all([threaded.offer('a', asked), here.offer('a', asked)]);
    expect(threaded.threaded).toBe(true);
    expect(there).toEqual(local);
    // The gazetteer, the pre-annotation, the layer's span and its rejection all counted.
    expect(texts(there)).toContain('Zorbatown/LOCATION');
    expect(there.find((s) => s.text === 'Russian warplanes')?.sources).toContain('run 1');
    expect(there.some((s) => s.start === 77 && s.label === 'LOCATION')).toBe(true);
    expect(there.some((s) => s.start === 25 && s.label === 'LOCATION')).toBe(false);
    expect(there.some((s) => s.text === 'Tuesday')).toBe(false);
  });

  it('keeps the gazetteer it was sent until its version changes', async () => {
    const value = buildGazetteer([[{ text: 'Zorbatown', label: 'ACTOR' }]]);
    const first = await threaded.offer('g', input({ gazetteer: { value, version: 7 } }));
    expect(texts(first)).toContain('Zorbatown/ACTOR');
    // The same object changed in place (as the project's gazetteer is): only a new version sends it again.
    value.entries.clear();
    value.byFirstWord.clear();
    expect(texts(await threaded.offer('g', input({ gazetteer: { value, version: 7 } })))).toContain('Zorbatown/ACTOR');
    expect(texts(await threaded.offer('g', input({ gazetteer: { value, version: 8 } })))).not.toContain('Zorbatown/ACTOR');
  });

  it('answers a waiting request superseded by a newer one for the same key with the newer answer', async () => {
    const running = threaded.offer('busy', input());
    const older = threaded.offer('doc', input({ text: 'Shelling hit Saraqib.' }));
    const other = threaded.offer('other', input({ text: 'Families fled on Monday.' }));
    const newer = threaded.offer('doc', input({ text: 'Shelling hit Zorbatown on Tuesday.' }));
    const [, olderAnswer, otherAnswer, newerAnswer] = await Promise.all([running, older, other, newer]);
    expect(olderAnswer).toEqual(newerAnswer);
    expect(texts(newerAnswer)).toContain('Tuesday/DATE');
    expect(texts(otherAnswer)).toContain('Monday/DATE');
  });

  it('works on the calling thread when its own cannot start', async () => {
    const logged: string[] = [];
    const broken = new SuggestionEngine({
      worker: { script: 'throw new Error("no engine here")', options: { eval: true } },
      log: (message) => logged.push(message),
    });
    expect(await broken.offer('a', input())).toEqual(await here.offer('a', input()));
    expect(broken.threaded).toBe(false);
    expect(logged).toEqual([expect.stringContaining('could not start its own thread')]);
  });
});
