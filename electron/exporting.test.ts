import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ExportFormat, ExportOptions } from '../shared/exporting';
import { splitDocuments } from '../shared/split';
import { renderHere, startRendering } from './export-rendering';
import { exportData } from './exporting';
import type { SpanwiseExport } from '../shared/formats/spanwise';
import { fingerprint, freshService } from './import-fixtures';
import { preAnnotate } from './pre-annotation';
import { Project } from './project';
import { createService, type Service } from './service';
import { suggestionLayerId } from './suggestions';
import { tempFolder } from './test-support';

const TEXTS = [
  'Russian warplanes struck Ariha on Tuesday.',
  'At least 16 pro-Assad troops were killed near Saraqib.',
  'Turkish forces entered Afrin in March 2018.',
  'Shelling hit Kafr Nabl.',
  'Families fled Maarat al-Numan on Monday.',
];

function at(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
}

/** A project of five articles, tagged by Amira (all) and Bashir (the first three), with gold on one. */
async function taggedProject() {
  const fixture = await freshService('Amira');
  const { service } = fixture;
  await service.importTexts(TEXTS.map((text, index) => ({ name: `t${index}.txt`, text, id: `doc-${index}` })));
  const tag = async (who: Service, docId: string, text: string, spans: Array<[string, string]>, layer?: string) =>
    who.editSpans(docId, spans.map(([needle, label], index) => ({ op: 'add', span: { id: `${docId}-${label}-${index}`, ...at(text, needle), label } })), layer);
  await tag(service, 'doc-0', TEXTS[0], [['Russian warplanes', 'ACTOR'], ['Ariha', 'LOCATION'], ['Tuesday', 'DATE']]);
  await tag(service, 'doc-1', TEXTS[1], [['At least 16 pro-Assad troops', 'CASUALTY'], ['pro-Assad troops', 'ACTOR'], ['Saraqib', 'LOCATION']]);
  await tag(service, 'doc-2', TEXTS[2], [['Turkish forces', 'ACTOR'], ['Afrin', 'LOCATION'], ['March 2018', 'DATE']]);
  await tag(service, 'doc-3', TEXTS[3], [['Kafr Nabl', 'LOCATION']]);
  await tag(service, 'doc-4', TEXTS[4], [['Maarat al-Numan', 'LOCATION'], ['Monday', 'DATE']]);
  for (const id of ['doc-0', 'doc-1', 'doc-2']) await service.setDocumentStatus(id, 'done');
  await tag(service, 'doc-0', TEXTS[0], [['Ariha', 'LOCATION']], 'gold');
  await service.setAnnotator('Bashir');
  await tag(service, 'doc-0', TEXTS[0], [['Russian warplanes', 'ACTOR'], ['Ariha', 'LOCATION']]);
  await tag(service, 'doc-1', TEXTS[1], [['Saraqib', 'LOCATION']]);
  await service.setAnnotator('Amira');
  return fixture;
}

/**
 * A one-article project where Amira accepted the first suggestion and rejected the second, then a
 * batch run wrote the pre-annotation layer "Engine" (suggesting for no one, so it holds the
 * rejected suggestion too); reopened. The caller closes the service.
 */
async function suggestedProject() {
  const root = await tempFolder();
  const dataDir = path.join(root, 'data');
  const projectDir = path.join(root, 'project');
  const text = 'Russian warplanes struck Ariha on Tuesday. At least nine civilians were killed in Ariha, rescuers said.';
  const first = await createService({ dataDir, projectDir, mode: 'desktop' });
  await first.importTexts([{ name: 'a.txt', id: 'doc-a', text, meta: { publishedAt: '2024-03-12' } }]);
  await first.setAnnotator('Amira');
  const [accepted, rejected] = await first.getSuggestions('doc-a');
  if (!accepted || !rejected) throw new Error('The engine suggested fewer than two spans');
  await first.editSpans('doc-a', [{ op: 'add', span: { id: 's-1', start: accepted.start, end: accepted.end, label: accepted.label } }]);
  await first.rejectSuggestion('doc-a', { start: rejected.start, end: rejected.end, label: rejected.label });
  await first.close();
  await preAnnotate(projectDir, { intoLayer: 'Engine' });
  const service = await createService({ dataDir, projectDir, mode: 'desktop' });
  return { root, service, accepted, rejected };
}

/** Rendering threads started once for a test and shared by its exports (starting them from source takes seconds). */
async function sharedThreads() {
  const threads = await startRendering();
  onTestFinished(() => threads.close());
  return async () => ({ ...threads, close: async () => undefined });
}

/** The tagged project, its service closed and the project opened on its own, for exports with a context of their own. */
async function closedProject() {
  const { root, projectDir, service } = await taggedProject();
  await service.close();
  const project = await Project.open(projectDir);
  onTestFinished(() => project.close());
  return { root, projectDir, project };
}

describe('exportData', () => {
  it('writes every format, and leaves the project alone', async () => {
    const { root, projectDir, service } = await taggedProject();
    // Summaries are derived and saved a moment after edits; the data files are what must not change.
    const data = async () => Object.fromEntries(Object.entries(await fingerprint(projectDir)).filter(([file]) => !file.endsWith('summary.json')));
    const before = await data();
    const names: Record<ExportFormat, string[]> = {
      conll: ['documents.conll'],
      hf: ['data.jsonl', 'tags.json'],
      jsonl: ['documents.jsonl'],
      spacy: ['documents.jsonl'],
      brat: [...TEXTS.flatMap((_, index) => [`doc-${index}.ann`, `doc-${index}.txt`]), 'annotation.conf'].sort(),
      labelstudio: ['label-studio.json'],
      spanwise: ['spanwise-export.json'],
    };
    for (const [format, files] of Object.entries(names) as Array<[ExportFormat, string[]]>) {
      const outDir = path.join(root, `out-${format}`);
      const outcome = await service.exportData({ format, layer: 'current', outDir });
      expect(outcome.files.map((file) => path.relative(outDir, file)).sort(), format).toEqual([...files].sort());
      expect(outcome.documents).toBe(5);
    }
    expect(await data()).toEqual(before);

    const conll = await readFile(path.join(root, 'out-conll', 'documents.conll'), 'utf8');
    expect(conll).toContain('-DOCSTART- -X- O O\n\nRussian B-ACTOR\nwarplanes I-ACTOR\nstruck O\nAriha B-LOCATION\n');
    expect(conll).toContain('At B-CASUALTY\nleast I-CASUALTY\n16 I-CASUALTY\npro-Assad I-CASUALTY\ntroops I-CASUALTY\n');
    const tags = JSON.parse(await readFile(path.join(root, 'out-hf', 'tags.json'), 'utf8')) as string[];
    expect(tags.slice(0, 3)).toEqual(['O', 'B-ACTOR', 'I-ACTOR']);
    const record = JSON.parse((await readFile(path.join(root, 'out-hf', 'data.jsonl'), 'utf8')).split('\n')[0]) as { tokens: string[]; ner_tags: number[] };
    expect(record.tokens.slice(0, 2)).toEqual(['Russian', 'warplanes']);
    expect(record.ner_tags.slice(0, 2).map((tag) => tags[tag])).toEqual(['B-ACTOR', 'I-ACTOR']);
    expect(await readFile(path.join(root, 'out-brat', 'doc-0.ann'), 'utf8')).toContain('T1\tACTOR 0 17\tRussian warplanes');
    const tasks = JSON.parse(await readFile(path.join(root, 'out-labelstudio', 'label-studio.json'), 'utf8')) as Array<{ annotations: unknown[] }>;
    expect(tasks[0].annotations).toHaveLength(3);
  });

  it('reports the nested spans a flat format leaves out, by label', async () => {
    const { root, service } = await taggedProject();
    const preview = await service.previewExport({ format: 'conll', layer: 'current' });
    expect(preview.dropped).toEqual({ ACTOR: 1 });
    expect(preview.file).toBe('documents.conll');
    expect(preview.text.split('\n')[0]).toBe('-DOCSTART- -X- O O');
    const outcome = await service.exportData({ format: 'hf', layer: 'current', outDir: path.join(root, 'hf') });
    expect(outcome.dropped).toEqual({ ACTOR: 1 });
    expect(outcome.warnings.join(' ')).toMatch(/1 span nested/);
  });

  it('chooses gold, the majority, or only the documents marked done', async () => {
    const { root, service } = await taggedProject();
    const spans = async (layer: string, doneOnly = false) => {
      const outDir = path.join(root, `${layer}-${doneOnly}`);
      await service.exportData({ format: 'jsonl', layer, outDir, doneOnly });
      const lines = (await readFile(path.join(outDir, 'documents.jsonl'), 'utf8')).trim().split('\n');
      return lines.map((line) => JSON.parse(line) as { id: string; label: Array<[number, number, string]> }).map((rec) => [rec.id, rec.label.map((span) => span[2])]);
    };
    expect(await spans('gold')).toEqual([['doc-0', ['LOCATION']], ['doc-1', []], ['doc-2', []], ['doc-3', []], ['doc-4', []]]);
    // Two annotators on doc-0 and doc-1: the majority is what both have; one on the rest: theirs.
    expect(await spans('majority')).toEqual([
      ['doc-0', ['ACTOR', 'LOCATION']],
      ['doc-1', ['LOCATION']],
      ['doc-2', ['ACTOR', 'LOCATION', 'DATE']],
      ['doc-3', ['LOCATION']],
      ['doc-4', ['LOCATION', 'DATE']],
    ]);
    expect((await spans('current', true)).map(([id]) => id)).toEqual(['doc-0', 'doc-1', 'doc-2']);
    const session = await service.getSession();
    expect(session.annotator?.name).toBe('Amira');
  });

  it('lets no suggestion out unless it was accepted: not the engine’s, not a rejected one, not a pre-annotation layer', async () => {
    const { root, service, accepted } = await suggestedProject();
    try {
      for (const layer of ['current', 'majority']) {
        const outDir = path.join(root, `out-${layer}`);
        await service.exportData({ format: 'jsonl', layer, outDir });
        const records = (await readFile(path.join(outDir, 'documents.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { label: unknown[] });
        expect(records.map((record) => record.label), layer).toEqual([[[accepted.start, accepted.end, accepted.label]]]);
      }
      const layerId = suggestionLayerId('Engine');
      for (const layer of [layerId, 'Engine']) {
        await expect(service.exportData({ format: 'conll', layer, outDir: path.join(root, `out-${layer}-engine`) })).rejects.toMatchObject({ code: 'bad-request' });
      }
      expect((await service.previewExport({ format: 'jsonl', layer: 'current' })).layers.map((choice) => choice.id)).not.toContain(layerId);
    } finally {
      await service.close();
    }
  });

  it('leaves pre-annotation layers, and the suggestions they hold that were turned down, out of every-layer exports', async () => {
    const { root, service, rejected } = await suggestedProject();
    const isRejected = (region: { start: number; end: number; label?: string; labels?: string[] }) =>
      region.start === rejected.start && region.end === rejected.end && (region.label ?? region.labels?.[0]) === rejected.label;
    try {
      for (const layer of ['current', 'majority']) {
        const spanwiseDir = path.join(root, `spanwise-${layer}`);
        await service.exportData({ format: 'spanwise', layer, outDir: spanwiseDir });
        const exported = JSON.parse(await readFile(path.join(spanwiseDir, 'spanwise-export.json'), 'utf8')) as SpanwiseExport;
        const layers = Object.values(exported.documents[0]!.layers);
        expect(layers.map((each) => each.info.kind), layer).toEqual(['annotator']);
        expect(layers.flatMap((each) => each.spans).some(isRejected), layer).toBe(false);

        const studioDir = path.join(root, `labelstudio-${layer}`);
        await service.exportData({ format: 'labelstudio', layer, outDir: studioDir });
        const [task] = JSON.parse(await readFile(path.join(studioDir, 'label-studio.json'), 'utf8')) as Array<{
          annotations: Array<{ result: Array<{ value: { start: number; end: number; labels?: string[] } }> }>;
          predictions: unknown[];
        }>;
        expect(task!.predictions, layer).toEqual([]);
        expect(task!.annotations.flatMap((annotation) => annotation.result).some((region) => isRejected(region.value)), layer).toBe(false);
      }
    } finally {
      await service.close();
    }
  });

  it('splits by document, the same way for the same seed, with a manifest', async () => {
    const { root, service } = await taggedProject();
    const run = async (name: string, seed: number, stratify = false) => {
      const outDir = path.join(root, name);
      const outcome = await service.exportData({ format: 'conll', layer: 'current', outDir, split: { ratios: [60, 20, 20], seed, stratify } });
      return { outcome, manifest: await readFile(path.join(outDir, 'manifest.json'), 'utf8'), files: (await readdir(outDir)).sort() };
    };
    const first = await run('a', 7);
    const again = await run('b', 7);
    expect(again.manifest).toBe(first.manifest);
    expect(first.files).toEqual(['manifest.json', 'test.conll', 'train.conll', 'validation.conll']);
    const manifest = first.outcome.manifest!;
    expect(manifest).toMatchObject({ format: 'spanwise-dataset', seed: 7, exportFormat: 'conll', layer: expect.stringMatching(/^amira-/) });
    expect(manifest.ratios).toEqual([0.6, 0.2, 0.2]);
    expect(manifest.splits.map((split) => split.documents.length)).toEqual([3, 1, 1]);
    expect(manifest.splits.flatMap((split) => split.documents).sort()).toEqual(TEXTS.map((_, index) => `doc-${index}`));
    for (const split of manifest.splits) {
      const content = await readFile(path.join(root, 'a', `${split.name}.conll`), 'utf8');
      expect(content.match(/-DOCSTART-/g)).toHaveLength(split.documents.length);
      const total = Object.values(split.spanCounts).reduce((sum, count) => sum + count, 0);
      expect(total).toBeGreaterThanOrEqual(0);
    }
    const seeds = new Set<string>();
    for (let seed = 0; seed < 8; seed++) seeds.add(JSON.stringify((await run(`seed-${seed}`, seed)).outcome.manifest!.splits.map((split) => split.documents)));
    expect(seeds.size).toBeGreaterThan(1);
    const brat = await service.exportData({ format: 'brat', layer: 'current', outDir: path.join(root, 'brat'), split: { ratios: [80, 20], seed: 1, stratify: true } });
    expect(brat.files.map((file) => path.relative(path.join(root, 'brat'), file))).toContain('train/annotation.conf');
    expect(brat.files.map((file) => path.relative(path.join(root, 'brat'), file))).toContain('validation/annotation.conf');
  });

  it('leaves no file behind, whole or partial, when an export fails part way', async () => {
    const { root, projectDir, service } = await taggedProject();
    const layers = path.join(projectDir, 'layers');
    let bashir = '';
    for (const id of await readdir(layers)) {
      const info = JSON.parse(await readFile(path.join(layers, id, 'layer.json'), 'utf8')) as { name: string };
      if (info.name === 'Bashir') bashir = id;
    }
    // A split whose train file is written before doc-1 (in validation) is read; Spanwise JSON
    // reads Bashir's layer of doc-1 only then.
    const options = (seed: number, outDir: string) => ({ format: 'spanwise' as const, layer: 'current', split: { ratios: [50, 50], seed, stratify: false }, outDir });
    let seed = 1;
    while (!(await service.exportData(options(seed, path.join(root, `try-${seed}`)))).manifest?.splits[1].documents.includes('doc-1')) seed++;
    const broken = path.join(layers, bashir, 'doc-1.json');
    await rm(broken);
    await mkdir(broken);
    const outDir = path.join(root, 'failed');
    await expect(service.exportData(options(seed, outDir))).rejects.toThrow();
    expect(await readdir(outDir)).toEqual([]);
  });

  it('writes the same bytes when rendering on threads as when rendering here', async () => {
    const { root, project } = await closedProject();
    const threads = await sharedThreads();
    const files = async (outDir: string) => Object.fromEntries(await Promise.all((await readdir(outDir)).map(async (name) => [name, await readFile(path.join(outDir, name))])));
    const cases: ExportOptions[] = [
      { format: 'conll', layer: 'majority', outDir: '', split: { ratios: [60, 20, 20], seed: 3, stratify: false } },
      { format: 'spanwise', layer: 'majority', outDir: '' },
      { format: 'hf', layer: 'majority', outDir: '', split: { ratios: [50, 50], seed: 3, stratify: true } },
    ];
    for (const [index, options] of cases.entries()) {
      const threaded = path.join(root, `threaded-${index}`);
      const here = path.join(root, `here-${index}`);
      const outcome = await exportData(project, { ...options, outDir: threaded }, { me: null, rendering: threads });
      await exportData(project, { ...options, outDir: here }, { me: null, rendering: async () => renderHere() });
      expect(outcome.documents, options.format).toBe(5);
      expect(await files(threaded), options.format).toEqual(await files(here));
    }
  });

  it('reads on threads what it reads here: the same files, warnings and problems, whatever cannot be read', async () => {
    const { root, projectDir, project } = await closedProject();
    const [amira, bashir] = ['Amira', 'Bashir'].map((name) => project.layers.list().find((layer) => layer.name === name)!.id);
    const threads = await sharedThreads();
    await writeFile(path.join(projectDir, 'documents', 'doc-4.json'), '{ "id": "doc-4", "title": ');
    // Not the plain shape the quick check knows, so the schema says which field is wrong.
    const damaged = JSON.parse(await readFile(path.join(projectDir, 'layers', bashir, 'doc-0.json'), 'utf8')) as { spans: Array<{ start: unknown }> };
    damaged.spans[0].start = 'three';
    await writeFile(path.join(projectDir, 'layers', bashir, 'doc-0.json'), JSON.stringify(damaged));
    await writeFile(path.join(projectDir, 'layers', amira, 'doc-1.json'), '');
    const files = async (outDir: string) => Object.fromEntries(await Promise.all((await readdir(outDir)).map(async (name) => [name, await readFile(path.join(outDir, name))])));
    for (const format of ['spanwise', 'labelstudio', 'conll'] as const) {
      const threaded = await exportData(project, { format, layer: 'majority', outDir: path.join(root, `threaded-${format}`) }, { me: null, rendering: threads });
      const threadedProblems = project.problems.list();
      const here = await exportData(project, { format, layer: 'majority', outDir: path.join(root, `here-${format}`) }, { me: null, rendering: async () => renderHere() });
      expect(await files(path.join(root, `threaded-${format}`)), format).toEqual(await files(path.join(root, `here-${format}`)));
      expect(threaded.documents, format).toBe(4);
      expect(threaded.warnings, format).toEqual(here.warnings);
      expect(threadedProblems, format).toEqual(project.problems.list());
    }
    const { warnings } = await exportData(project, { format: 'spanwise', layer: 'majority', outDir: path.join(root, 'warned') }, { me: null, rendering: threads });
    expect(warnings).toEqual([
      `layers/${bashir}/doc-0.json could not be read; its spans are left out`,
      `layers/${amira}/doc-1.json could not be read; its spans are left out`,
      expect.stringMatching(/^doc-4 left out: documents\/doc-4.json could not be read: invalid JSON/),
    ]);
    expect(project.problems.list()).toEqual(
      expect.arrayContaining([
        { file: `layers/${bashir}/doc-0.json`, message: expect.stringMatching(new RegExp(`^layers/${bashir}/doc-0.json could not be read: field "spans.0.start": `)) },
        { file: `layers/${amira}/doc-1.json`, message: `layers/${amira}/doc-1.json could not be read: the file is empty` },
        { file: 'documents/doc-4.json', message: expect.stringMatching(/^documents\/doc-4.json could not be read: invalid JSON/) },
      ]),
    );
  });

  it('reads a document whose layers the project holds in memory through the project, not its files', async () => {
    const { root, project } = await closedProject();
    const amira = project.layers.list().find((layer) => layer.name === 'Amira')!.id;
    await project.layers.read(amira, 'doc-2');
    const threads = await sharedThreads();
    const readThrough = vi.spyOn(project.layers, 'readThrough');
    const outDir = path.join(root, 'threaded');
    await exportData(project, { format: 'spanwise', layer: amira, outDir }, { me: null, rendering: threads });
    expect(new Set(readThrough.mock.calls.map(([, docId]) => docId))).toEqual(new Set(['doc-2']));
    const here = path.join(root, 'here');
    await exportData(project, { format: 'spanwise', layer: amira, outDir: here }, { me: null, rendering: async () => renderHere() });
    expect(await readFile(path.join(outDir, 'spanwise-export.json'), 'utf8')).toBe(await readFile(path.join(here, 'spanwise-export.json'), 'utf8'));
  });

  it('fails, leaving no file behind, when a rendering thread fails part way', async () => {
    const { root, project } = await closedProject();
    // Stand-in threads: they read and prepare the first batch (an empty JSON object for each document), written
    // whole before the second split starts, and fail on the second, whichever of them gets it.
    const failing = `
      const { parentPort, workerData } = require('node:worker_threads');
      const batches = new Int32Array(workerData);
      parentPort.on('message', (request) => {
        if (Atomics.add(batches, 0, 1) > 0) throw new Error('the thread ran out of luck');
        const ids = request.read.entries.map((entry) => entry.id);
        const text = new TextEncoder().encode(ids.map(() => '\\n    {}').join(','));
        const read = { ids, spanCounts: {}, warnings: [], problems: [] };
        parentPort.postMessage({ id: request.id, ok: true, batch: { kind: 'json', documents: ids.length, text }, read }, [text.buffer]);
      });
      parentPort.postMessage('ready');`;
    const outDir = path.join(root, 'failed');
    const options: ExportOptions = { format: 'spanwise', layer: 'majority', outDir, split: { ratios: [50, 50], seed: 1, stratify: false } };
    const rendering = () => startRendering({ script: failing, options: { eval: true, workerData: new SharedArrayBuffer(4) } });
    await expect(exportData(project, options, { me: null, rendering })).rejects.toThrow("The export's rendering thread failed: the thread ran out of luck");
    expect(await readdir(outDir)).toEqual([]);
  });

  it('plans a split without a document it cannot read, as if it had read every document first', async () => {
    const { root, projectDir, project } = await closedProject();
    await writeFile(path.join(projectDir, 'documents', 'doc-2.json'), '{ "id": "doc-2", "title": ');
    const outDir = path.join(root, 'split');
    const split = { ratios: [60, 20, 20], seed: 5, stratify: false };
    const outcome = await exportData(project, { format: 'conll', layer: 'majority', outDir, split }, { me: null });
    const readable = ['doc-0', 'doc-1', 'doc-3', 'doc-4'];
    expect(outcome.manifest!.splits.map((one) => one.documents)).toEqual(splitDocuments(readable.map((id) => ({ id, labels: {} })), split.ratios, split.seed, false).splits);
    expect(outcome.warnings).toEqual([expect.stringMatching(/^doc-2 left out: /)]);
    for (const one of outcome.manifest!.splits) {
      expect((await readFile(path.join(outDir, `${one.name}.conll`), 'utf8')).match(/-DOCSTART-/g) ?? []).toHaveLength(one.documents.length);
    }
    expect((await readdir(outDir)).sort()).toEqual(['manifest.json', 'test.conll', 'train.conll', 'validation.conll']);
  });

  it('refuses the project folder and a folder holding files, unless told to overwrite', async () => {
    const { root, projectDir, service } = await taggedProject();
    await expect(service.exportData({ format: 'conll', layer: 'current', outDir: projectDir })).rejects.toThrow(/project folder itself/);
    await expect(service.exportData({ format: 'conll', layer: 'current', outDir: path.join(projectDir, 'documents') })).rejects.toThrow(/inside the project folder/);
    const full = path.join(root, 'full');
    await mkdir(full);
    await writeFile(path.join(full, 'keep.txt'), 'mine');
    await expect(service.exportData({ format: 'conll', layer: 'current', outDir: full })).rejects.toThrow(/already holds files/);
    const outcome = await service.exportData({ format: 'conll', layer: 'current', outDir: full, overwrite: true });
    expect(outcome.files).toEqual([path.join(full, 'documents.conll')]);
    expect(await readFile(path.join(full, 'keep.txt'), 'utf8')).toBe('mine');
    await expect(service.exportData({ format: 'conll', layer: 'nobody', outDir: path.join(root, 'x') })).rejects.toThrow(/no layer "nobody"/);
    await expect(service.exportData({ format: 'conll', layer: 'current', outDir: 'relative' })).rejects.toThrow(/full path/);
  });
});
