import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LABELS } from '../shared/labels';
import { buildGazetteer, type Suggestion } from '../shared/suggest';
import { GazetteerCounts } from './project-gazetteer';
import { SuggestionEngine, type EngineInput, type EngineRequest } from './suggestion-engine';

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
    const gazetteer = { gazetteer: buildGazetteer([[{ text: 'Zorbatown', label: 'LOCATION' }]]), version: 1 };
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
    const first = await threaded.offer('g', input({ gazetteer: { gazetteer: value, version: 7 } }));
    expect(texts(first)).toContain('Zorbatown/ACTOR');
    // The same object changed in place (as the project's gazetteer is): only a new version sends it again.
    value.entries.clear();
    value.byFirstWord.clear();
    expect(texts(await threaded.offer('g', input({ gazetteer: { gazetteer: value, version: 7 } })))).toContain('Zorbatown/ACTOR');
    expect(texts(await threaded.offer('g', input({ gazetteer: { gazetteer: value, version: 8 } })))).not.toContain('Zorbatown/ACTOR');
  });

  describe('after a change to the gazetteer', () => {
    afterEach(() => vi.restoreAllMocks());
    /** The gazetteer part of each request posted to the thread while `run` runs. */
    async function posted(run: () => Promise<unknown>): Promise<Array<EngineRequest['gazetteer']>> {
      const spy = vi.spyOn(Worker.prototype, 'postMessage');
      await run();
      const requests = spy.mock.calls.map(([message]) => (message as EngineRequest).gazetteer);
      spy.mockRestore();
      return requests;
    }
    const kinds = (requests: Array<EngineRequest['gazetteer']>) =>
      requests.map((request) => (request?.value ? 'whole' : request?.changes ? `${request.changes.length} changes` : 'token'));

    const learnt = [
      { text: 'Saraqib', label: 'LOCATION' },
      { text: 'Saraqib residents', label: 'ACTOR' },
      { text: 'saraqib', label: 'ACTOR' },
      { text: 'Zorbatown', label: 'ACTOR' },
      { text: 'two civilians', label: 'ACTOR' },
    ];

    it('sends only the changed entries, and answers as a fresh whole gazetteer does', async () => {
      const counts = new GazetteerCounts(learnt);
      const engine = new SuggestionEngine();
      try {
        expect(kinds(await posted(() => engine.offer('a', input({ gazetteer: counts }))))).toEqual(['whole']);
        const removed = [{ text: 'Zorbatown', label: 'ACTOR' }, { text: 'Saraqib residents', label: 'ACTOR' }];
        const added = [{ text: 'Zorbatown', label: 'LOCATION' }, { text: 'Zorbatown', label: 'LOCATION' }, { text: 'Saraqib residents', label: 'LOCATION' }];
        counts.change(removed, added);
        counts.change([], [{ text: 'warplanes', label: 'ACTOR' }]);
        let answer: Suggestion[] = [];
        const requests = await posted(async () => (answer = await engine.offer('a', input({ gazetteer: counts }))));
        expect(kinds(requests)).toEqual(['3 changes']);
        const kept = learnt.filter(({ text, label }) => !removed.some((span) => span.text === text && span.label === label));
        const now = [...kept, ...added, { text: 'warplanes', label: 'ACTOR' }];
        const fresh = await here.offer('a', input({ gazetteer: { gazetteer: buildGazetteer([now]), version: 0 } }));
        expect(answer).toEqual(fresh);
        expect(texts(answer)).toEqual(expect.arrayContaining(['Zorbatown/LOCATION', 'Saraqib residents/LOCATION']));
        // Unchanged since: only its token.
        expect(kinds(await posted(() => engine.offer('a', input({ gazetteer: counts }))))).toEqual(['token']);
      } finally {
        await engine.close();
      }
    });

    it('sends the whole gazetteer when the changes since the version the thread holds are not known', async () => {
      const counts = new GazetteerCounts(learnt);
      const engine = new SuggestionEngine();
      try {
        await engine.offer('a', input({ gazetteer: counts }));
        counts.change([{ text: 'Zorbatown', label: 'ACTOR' }], [{ text: 'Zorbatown', label: 'LOCATION' }]);
        const forgetful = { gazetteer: counts.gazetteer, version: counts.version, changesSince: () => null };
        let answer: Suggestion[] = [];
        expect(kinds(await posted(async () => (answer = await engine.offer('a', input({ gazetteer: forgetful })))))).toEqual(['whole']);
        expect(answer).toEqual(await here.offer('a', input({ gazetteer: counts })));
        expect(answer).not.toEqual(await here.offer('a', input({ gazetteer: new GazetteerCounts(learnt) })));
        // A new thread holds nothing: the whole gazetteer again, though changes are known.
        await engine.close();
        counts.change([], [{ text: 'Tuesday', label: 'LOCATION' }]);
        expect(kinds(await posted(() => engine.offer('a', input({ gazetteer: counts }))))).toEqual(['whole']);
      } finally {
        await engine.close();
      }
    });
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
