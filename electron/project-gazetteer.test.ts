import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGazetteer, type Gazetteer } from '../shared/suggest';
import type { LayerInfo, Span } from '../shared/types';
import { emptyLayerDocument } from './layer-history';
import { Project } from './project';
import { applyGazetteerChange } from '../shared/suggest';
import { CHANGE_LOG_LIMIT, GazetteerCounts, LearntPairs, ProjectGazetteer } from './project-gazetteer';
import { tempFolder } from './test-support';

type Learnt = Pick<Span, 'text' | 'label'>;

/** A gazetteer as comparable data: entries by text, and each first word's texts in order of length. */
function shape(gazetteer: Gazetteer) {
  const entries = Object.fromEntries(
    [...gazetteer.entries].map(([text, { count, total, length }]) => [text, { count, total, length }]),
  );
  const byFirstWord = Object.fromEntries(
    [...gazetteer.byFirstWord].map(([word, list]) => [word, list.map((entry) => `${entry.length}:${entry.text}`).sort()]),
  );
  const ordered = [...gazetteer.byFirstWord.values()].every((list) => list.every((entry, i) => i === 0 || list[i - 1]!.length >= entry.length));
  return { entries, byFirstWord, ordered };
}

describe('GazetteerCounts', () => {
  it('changes only the entries of the texts an edit touches', () => {
    const counts = new GazetteerCounts([
      { text: 'Idlib', label: 'LOCATION' },
      { text: 'Kafr Maran', label: 'LOCATION' },
      { text: 'civilians', label: 'ACTOR' },
    ]);
    const idlib = counts.gazetteer.entries.get('Idlib');
    counts.change([{ text: 'Kafr Maran', label: 'LOCATION' }], [{ text: 'Kafr Maran', label: 'ACTOR' }, { text: 'Kafr Nabl', label: 'LOCATION' }]);
    expect(counts.gazetteer.entries.get('Idlib')).toBe(idlib);
    expect(counts.gazetteer.entries.get('Kafr Maran')).toMatchObject({ label: 'ACTOR', count: 1, total: 1 });
    expect(counts.gazetteer.byFirstWord.get('kafr')?.map((entry) => entry.text).sort()).toEqual(['Kafr Maran', 'Kafr Nabl']);
    counts.change([{ text: 'Kafr Maran', label: 'ACTOR' }, { text: 'Kafr Nabl', label: 'LOCATION' }], []);
    expect(counts.gazetteer.byFirstWord.has('kafr')).toBe(false);
    expect(counts.gazetteer.entries.has('Kafr Maran')).toBe(false);
  });

  it('always equals a gazetteer built afresh from the spans left', () => {
    const span = fc.record({
      text: fc.constantFrom('Idlib', 'Idlib province', 'Kafr Maran', 'Kafr', 'civilians', 'Civilians', 'x', '2024', 'the army'),
      // One label per text keeps ties (where the two may pick differently) out of the comparison.
      label: fc.constant('L'),
    });
    const step = fc.record({ remove: fc.array(fc.nat(30), { maxLength: 3 }), add: fc.array(span, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 10 }), fc.array(step, { maxLength: 8 }), (initial, steps) => {
        const held: Learnt[] = [...initial];
        const counts = new GazetteerCounts(initial);
        for (const { remove, add } of steps) {
          const removed = [...new Set(remove)].filter((i) => i < held.length).sort((a, b) => b - a).map((i) => held.splice(i, 1)[0]!);
          held.push(...add);
          counts.change(removed, add);
          expect(shape(counts.gazetteer)).toEqual(shape(buildGazetteer([held])));
        }
      }),
    );
  });

  it('gives the changes that make a copy of an older version equal to it, entry order and all', () => {
    const span = fc.record({
      text: fc.constantFrom('Idlib', 'Idlib province', 'Kafr Maran', 'Kafr Nabl', 'Kafr', 'civilians', 'Civilians', 'x', 'the army'),
      label: fc.constantFrom('A', 'B'),
    });
    const step = fc.record({ remove: fc.array(fc.nat(30), { maxLength: 3 }), add: fc.array(span, { maxLength: 4 }) });
    const ordered = (gazetteer: Gazetteer) => ({ entries: [...gazetteer.entries], byFirstWord: [...gazetteer.byFirstWord] });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 10 }), fc.array(step, { maxLength: 8 }), fc.nat(8), (initial, steps, copyAt) => {
        const held: Learnt[] = [...initial];
        const counts = new GazetteerCounts(initial);
        let copy = { version: counts.version, gazetteer: structuredClone(counts.gazetteer) };
        steps.forEach(({ remove, add }, i) => {
          const removed = [...new Set(remove)].filter((at) => at < held.length).sort((a, b) => b - a).map((at) => held.splice(at, 1)[0]!);
          held.push(...add);
          counts.change(removed, add);
          if (i === copyAt) copy = { version: counts.version, gazetteer: structuredClone(counts.gazetteer) };
        });
        for (const change of counts.changesSince(copy.version)!) applyGazetteerChange(copy.gazetteer, change);
        expect(ordered(copy.gazetteer)).toEqual(ordered(counts.gazetteer));
      }),
    );
  });

  it('keeps the changes of recent versions only, and makes no version of a change that alters no entry', () => {
    const counts = new GazetteerCounts([{ text: 'Idlib', label: 'LOCATION' }]);
    counts.change([], [{ text: 'x', label: 'LOCATION' }]);
    expect(counts.version).toBe(0);
    counts.change([], [{ text: 'Kafr Maran', label: 'LOCATION' }]);
    expect(counts.changesSince(0)).toEqual([{ text: 'Kafr Maran', firstWord: 'kafr', entry: expect.objectContaining({ label: 'LOCATION' }) }]);
    expect(counts.changesSince(1)).toEqual([]);
    expect(counts.changesSince(2)).toBeNull();
    const many = Array.from({ length: CHANGE_LOG_LIMIT }, (_, i) => ({ text: `Place ${i}`, label: 'LOCATION' }));
    counts.change([], many);
    expect(counts.changesSince(1)).toHaveLength(CHANGE_LOG_LIMIT);
    // Version 1's change was let go to keep the log within bounds.
    expect(counts.changesSince(0)).toBeNull();
  });

  it('follows the majority label as spans are relabelled', () => {
    const counts = new GazetteerCounts([
      { text: 'Idlib', label: 'LOCATION' },
      { text: 'Idlib', label: 'LOCATION' },
      { text: 'Idlib', label: 'ACTOR' },
    ]);
    expect(counts.gazetteer.entries.get('Idlib')).toMatchObject({ label: 'LOCATION', count: 2, total: 3 });
    counts.change([{ text: 'Idlib', label: 'LOCATION' }, { text: 'Idlib', label: 'LOCATION' }], [{ text: 'Idlib', label: 'ACTOR' }]);
    expect(counts.gazetteer.entries.get('Idlib')).toMatchObject({ label: 'ACTOR', count: 2, total: 2 });
  });
});

describe('ProjectGazetteer', () => {
  const text = 'Shelling hit Kafr Maran and Idlib on Tuesday.';

  async function projectWithLayers(): Promise<{ project: Project; docId: string }> {
    const dir = path.join(await tempFolder(), 'project');
    const project = await Project.create(dir, 'Test', [{ name: 'a.txt', text, id: 'doc-a' }, { name: 'b.txt', text: 'Nothing here.', id: 'doc-b' }]);
    return { project, docId: 'doc-a' };
  }

  async function writeSpans(project: Project, layer: LayerInfo, docId: string, spans: Array<{ start: number; end: number; label: string }>) {
    const doc = await project.document(docId);
    const now = new Date().toISOString();
    const stored: Span[] = spans.map((span, i) => ({ ...span, id: `${layer.id}-${i}`, text: doc.text.slice(span.start, span.end), annotator: layer.id, createdAt: now }));
    await project.layers.write(layer, { ...emptyLayerDocument(docId, layer.id, doc.textHash, now), spans: stored });
  }

  const amira: LayerInfo = { id: 'amira-1', kind: 'annotator', name: 'Amira', createdAt: '2026-01-01T00:00:00Z' };
  const gold: LayerInfo = { id: 'gold', kind: 'gold', name: 'Gold', createdAt: '2026-01-01T00:00:00Z' };
  const engine: LayerInfo = { id: 'suggestions-engine', kind: 'suggestions', name: 'engine', createdAt: '2026-01-01T00:00:00Z' };

  it('learns annotator and gold layers, never pre-annotation', async () => {
    const { project, docId } = await projectWithLayers();
    await writeSpans(project, amira, docId, [{ start: 13, end: 23, label: 'LOCATION' }]);
    await writeSpans(project, gold, docId, [{ start: 28, end: 33, label: 'LOCATION' }]);
    await writeSpans(project, engine, docId, [{ start: 37, end: 44, label: 'DATE' }]);
    const gazetteer = await new ProjectGazetteer(project).current();
    expect([...gazetteer.entries.keys()].sort()).toEqual(['Idlib', 'Kafr Maran']);
    await project.close();
  });

  it('keeps its answer until told a document changed, then learns only that', async () => {
    const { project, docId } = await projectWithLayers();
    await writeSpans(project, amira, docId, [{ start: 13, end: 23, label: 'LOCATION' }]);
    const gazetteer = new ProjectGazetteer(project);
    expect([...(await gazetteer.current()).entries.keys()]).toEqual(['Kafr Maran']);

    await writeSpans(project, amira, docId, [{ start: 28, end: 33, label: 'LOCATION' }]);
    // Not told: the cached gazetteer stands (no layer file is read on this call).
    expect([...(await gazetteer.current()).entries.keys()]).toEqual(['Kafr Maran']);
    gazetteer.documentsChanged([docId]);
    expect([...(await gazetteer.current()).entries.keys()]).toEqual(['Idlib']);
    await project.close();
  });

  it('picks up a layer that appeared once the project says so', async () => {
    const { project, docId } = await projectWithLayers();
    const gazetteer = new ProjectGazetteer(project);
    expect((await gazetteer.current()).entries.size).toBe(0);
    await writeSpans(project, gold, docId, [{ start: 37, end: 44, label: 'DATE' }]);
    gazetteer.projectChanged();
    expect([...(await gazetteer.current()).entries.keys()]).toEqual(['Tuesday']);
    await project.close();
  });

  it('refuses, once closed, a call that waited for its build, without reading the layers again', async () => {
    const { project, docId } = await projectWithLayers();
    await writeSpans(project, amira, docId, [{ start: 13, end: 23, label: 'LOCATION' }]);
    const gazetteer = new ProjectGazetteer(project);
    const waiting = gazetteer.current();
    gazetteer.close();
    await expect(waiting).rejects.toMatchObject({ code: 'no-project' });
    await expect(gazetteer.current()).rejects.toMatchObject({ code: 'no-project' });
    await project.close();
  });

  it('learns the changes made while it was being built', async () => {
    const { project, docId } = await projectWithLayers();
    await writeSpans(project, amira, docId, [{ start: 13, end: 23, label: 'LOCATION' }]);
    const gazetteer = new ProjectGazetteer(project);
    const first = gazetteer.current();
    await writeSpans(project, amira, docId, [{ start: 28, end: 33, label: 'LOCATION' }]);
    gazetteer.documentsChanged([docId]);
    await first;
    expect([...(await gazetteer.current()).entries.keys()]).toEqual(['Idlib']);
    await project.close();
  });
});

describe('LearntPairs', () => {
  it('gives back the spans it packed, past the numbers one UTF-16 unit holds', () => {
    const pairs = new LearntPairs();
    // Past 0xd800 distinct pairs a number takes two units; none of them a surrogate.
    const many = Array.from({ length: 0xd800 + 50 }, (_, i) => ({ text: `place ${i}`, label: i % 2 ? 'LOCATION' : 'ACTOR' }));
    const packed = pairs.pack(many);
    expect(pairs.unpack(packed)).toEqual(many);
    expect(/[\ud800-\udfff]/.test(packed)).toBe(false);
    expect(pairs.unpack(pairs.pack(many.slice(-3).reverse()))).toEqual(many.slice(-3).reverse());
    expect(pairs.unpack('')).toEqual([]);
  });

  it('round-trips any spans, a text under several labels included', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: fc.string(), label: fc.constantFrom('ACTOR', 'LOCATION', 'DATE') })), (spans) => {
        const pairs = new LearntPairs();
        expect(pairs.unpack(pairs.pack(spans))).toEqual(spans);
      }),
    );
  });
});
