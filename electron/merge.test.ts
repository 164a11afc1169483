import { describe, it, expect } from 'vitest';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { serializeSpanwise, type SpanwiseExport } from '../shared/formats/spanwise';
import type { LayerDocument, LayerInfo } from '../shared/types';
import { createService } from './service';
import { ARTICLE, machine, OTHER_ARTICLE, rangeOf, tagAs, type Machine } from './review-test-support';
import { tempFolder } from './test-support';

async function layerOnDisk(projectDir: string, layer: string, docId: string): Promise<LayerDocument> {
  return JSON.parse(await readFile(path.join(projectDir, 'layers', layer, `${docId}.json`), 'utf8')) as LayerDocument;
}

async function layerInfoOnDisk(projectDir: string, layer: string): Promise<LayerInfo> {
  return JSON.parse(await readFile(path.join(projectDir, 'layers', layer, 'layer.json'), 'utf8')) as LayerInfo;
}

/** Their machine: Amira and Omar tag the article; returns their ids. */
async function theirWork(): Promise<{ theirs: Machine; amira: string; omar: string }> {
  const theirs = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }]);
  const [doc, other] = theirs.docIds;
  const amira = await tagAs(theirs, 'Amira', { [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'DATE']], [other]: [['Idlib', 'LOCATION']] });
  const omar = await tagAs(theirs, 'Omar', { [doc]: [['Ariha', 'LOCATION'], ['The Northern Front', 'ACTOR']] });
  await theirs.service.close();
  return { theirs, amira, omar };
}

async function ours(root?: string): Promise<Machine> {
  const on = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }], root);
  await on.service.setAnnotator('Rahel');
  return on;
}

describe('mergeLayers from a project folder', () => {
  it('brings in each annotator layer under their id, spans exactly as they are', async () => {
    const { theirs, amira, omar } = await theirWork();
    const here = await ours();
    const report = await here.service.mergeLayers(theirs.projectDir);
    expect(report).toMatchObject({
      source: theirs.projectDir,
      dryRun: false,
      layers: [
        { id: amira, name: 'Amira', written: 2, unchanged: 0 },
        { id: omar, name: 'Omar', written: 1, unchanged: 0 },
      ],
      skippedLayers: [],
      mismatched: [],
      missing: [],
      added: [],
      problems: [],
    });
    expect(report.changedDocuments.sort()).toEqual([...here.docIds].sort());
    await here.service.close();

    const [doc] = here.docIds;
    const mine = await layerOnDisk(here.projectDir, amira, doc);
    const original = await layerOnDisk(theirs.projectDir, amira, doc);
    expect(mine.spans).toEqual(original.spans);
    expect(mine).toMatchObject({ layer: amira, docId: doc, textHash: original.textHash, status: 'in-progress', undo: [], redo: [] });
    expect(mine.spans.map((s) => [s.label, s.text, s.annotator])).toEqual([
      ['LOCATION', 'Ariha', amira],
      ['DATE', 'Tuesday', amira],
    ]);
    expect(await layerInfoOnDisk(here.projectDir, amira)).toMatchObject({ id: amira, kind: 'annotator', name: 'Amira' });
  });

  it('is idempotent, and merging an updated folder replaces the layer without doubling a span', async () => {
    const { theirs, amira } = await theirWork();
    const here = await ours();
    const [doc] = here.docIds;
    await here.service.mergeLayers(theirs.projectDir);
    const file = path.join(here.projectDir, 'layers', amira, `${doc}.json`);
    const before = await stat(file);

    const again = await here.service.mergeLayers(theirs.projectDir);
    expect(again.layers.map((l) => [l.name, l.written, l.unchanged])).toEqual([
      ['Amira', 0, 2],
      ['Omar', 0, 1],
    ]);
    expect(again.changedDocuments).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);

    // Amira goes on working on her machine: one span more, one relabelled.
    const theirService = await createService({ dataDir: theirs.dataDir, projectDir: theirs.projectDir, mode: 'desktop' });
    await theirService.setAnnotator('Amira');
    const { document, layer } = await theirService.getDocument(doc);
    await theirService.editSpans(doc, [
      { op: 'add', span: { id: 's-new', ...rangeOf(document.text, 'Tell Hamra'), label: 'LOCATION' } },
      { op: 'update', id: layer.spans[1].id, set: { label: 'ACTOR' } },
    ]);
    await theirService.close();

    const updated = await here.service.mergeLayers(theirs.projectDir);
    expect(updated.layers.map((l) => [l.name, l.written, l.unchanged])).toEqual([
      ['Amira', 1, 1],
      ['Omar', 0, 1],
    ]);
    expect(updated.changedDocuments).toEqual([doc]);
    const { layer: merged } = await here.service.getDocument(doc, amira);
    expect(merged.spans.map((s) => `${s.label} ${s.text}`)).toEqual(['LOCATION Ariha', 'ACTOR Tuesday', 'LOCATION Tell Hamra']);
    await here.service.close();
  });

  it('reports a document whose text differs, and one we do not have, and merges neither', async () => {
    const theirs = await machine([
      { text: `${ARTICLE} Updated at noon.`, id: 'article-1', title: 'Their version' },
      { text: 'A third article about Saraqib.', id: 'article-3', title: 'Saraqib' },
    ]);
    const amira = await tagAs(theirs, 'Amira', { 'article-1': [['Ariha', 'LOCATION']], 'article-3': [['Saraqib', 'LOCATION']] });
    await theirs.service.close();
    const here = await machine([{ text: ARTICLE, id: 'article-1', title: 'Shelling hit Ariha' }]);
    await here.service.setAnnotator('Rahel');

    const report = await here.service.mergeLayers(theirs.projectDir);
    expect(report.mismatched).toEqual([{ id: 'article-1', title: 'Shelling hit Ariha' }]);
    expect(report.missing).toEqual([{ id: 'article-3', title: 'Saraqib' }]);
    expect(report.layers).toEqual([{ id: amira, name: 'Amira', written: 0, unchanged: 0 }]);
    expect(report.changedDocuments).toEqual([]);
    await expect(here.service.getDocument('article-1', amira)).rejects.toThrow(/no layer/);

    const adding = await here.service.mergeLayers(theirs.projectDir, { addMissing: true });
    expect(adding.added).toEqual([{ id: 'article-3', title: 'Saraqib' }]);
    expect(adding.missing).toEqual([]);
    expect(adding.changedDocuments).toEqual(['article-3']);
    expect((await here.service.listDocuments()).map((d) => d.id)).toEqual(['article-1', 'article-3']);
    expect((await here.service.getDocument('article-3', amira)).layer.spans.map((s) => s.text)).toEqual(['Saraqib']);
    await here.service.close();
  });

  it('matches documents by their text whatever their ids', async () => {
    const theirs = await machine([{ text: ARTICLE, id: 'their-id' }]);
    const amira = await tagAs(theirs, 'Amira', { 'their-id': [['Ariha', 'LOCATION']] });
    await theirs.service.close();
    const here = await machine([{ text: ARTICLE, id: 'our-id' }]);
    const report = await here.service.mergeLayers(theirs.projectDir);
    expect(report.changedDocuments).toEqual(['our-id']);
    expect((await here.service.getDocument('our-id', amira)).layer.spans.map((s) => s.text)).toEqual(['Ariha']);
    await here.service.close();
  });

  it('keeps two annotators with one display name apart, by id', async () => {
    const root = await tempFolder();
    const first = await machine([{ text: ARTICLE }], root);
    const [doc] = first.docIds;
    const amiraOne = await tagAs(first, 'Amira', { [doc]: [['Ariha', 'LOCATION']] });
    await first.service.close();
    const second = await machine([{ text: ARTICLE }], root);
    const amiraTwo = await tagAs(second, 'Amira', { [doc]: [['Ariha', 'ACTOR']] });
    await second.service.close();
    expect(amiraOne).not.toBe(amiraTwo);

    const here = await ours(root);
    await here.service.mergeLayers(first.projectDir);
    await here.service.mergeLayers(second.projectDir);
    const layers = (await readdir(path.join(here.projectDir, 'layers'))).filter((name) => name.startsWith('amira-')).sort();
    expect(layers).toEqual([amiraOne, amiraTwo].sort());
    expect((await here.service.getDocument(doc, amiraOne)).layer.spans.map((s) => s.label)).toEqual(['LOCATION']);
    expect((await here.service.getDocument(doc, amiraTwo)).layer.spans.map((s) => s.label)).toEqual(['ACTOR']);
    await here.service.close();
  });

  it('never writes into the current annotator’s own layer, nor brings in gold', async () => {
    const root = await tempFolder();
    const here = await ours(root);
    const [doc] = here.docIds;
    const rahel = await tagAs(here, 'Rahel', { [doc]: [['Ariha', 'LOCATION']] });
    // A copy of this project on which Rahel tagged more, with a gold layer too.
    await here.service.close();
    const copy = await machine([{ text: ARTICLE }], root);
    await copy.service.close();
    await mkdir(path.join(copy.projectDir, 'layers', rahel), { recursive: true });
    const theirRahel = await layerOnDisk(here.projectDir, rahel, doc);
    await writeFile(path.join(copy.projectDir, 'layers', rahel, `${doc}.json`), JSON.stringify({ ...theirRahel, spans: [] }));
    await writeFile(path.join(copy.projectDir, 'layers', rahel, 'layer.json'), JSON.stringify({ id: rahel, kind: 'annotator', name: 'Rahel', createdAt: 'x' }));
    await mkdir(path.join(copy.projectDir, 'layers', 'gold'));
    await writeFile(path.join(copy.projectDir, 'layers', 'gold', 'layer.json'), JSON.stringify({ id: 'gold', kind: 'gold', name: 'Gold', createdAt: 'x' }));

    const again = await createService({ dataDir: here.dataDir, projectDir: here.projectDir, mode: 'desktop' });
    const report = await again.mergeLayers(copy.projectDir);
    expect(report.skippedLayers).toEqual([
      { id: 'gold', name: 'Gold', reason: expect.stringContaining('gold layer') },
      { id: rahel, name: 'Rahel', reason: expect.stringContaining('your own layer') },
    ]);
    expect((await again.getDocument(doc)).layer.spans.map((s) => s.text)).toEqual(['Ariha']);
    await again.close();
  });

  it('writes nothing on a dry run, and says what it would do', async () => {
    const { theirs, amira } = await theirWork();
    const here = await ours();
    const report = await here.service.mergeLayers(theirs.projectDir, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.layers.map((l) => [l.name, l.written])).toEqual([
      ['Amira', 2],
      ['Omar', 1],
    ]);
    await expect(readdir(path.join(here.projectDir, 'layers', amira))).rejects.toThrow();
    await here.service.close();
  });

  it('refuses a span whose text does not match its offsets, naming the file', async () => {
    const { theirs, amira } = await theirWork();
    const [doc] = theirs.docIds;
    const file = path.join(theirs.projectDir, 'layers', amira, `${doc}.json`);
    const broken = await layerOnDisk(theirs.projectDir, amira, doc);
    broken.spans[0].text = 'Aleppo';
    await writeFile(file, JSON.stringify(broken));
    const here = await ours();
    const report = await here.service.mergeLayers(theirs.projectDir);
    expect(report.problems).toEqual([
      { file: `layers/${amira}/${doc}.json`, message: expect.stringContaining('says it covers "Aleppo" but its offsets cover "Ariha"') },
    ]);
    expect(report.layers[0]).toMatchObject({ name: 'Amira', written: 1 });
    await here.service.close();
  });
});

describe('mergeLayers from a Spanwise export file', () => {
  it('merges each annotator layer of the export, and again without change', async () => {
    const { theirs, amira, omar } = await theirWork();
    const reader = await createService({ dataDir: theirs.dataDir, projectDir: theirs.projectDir, mode: 'desktop' });
    const session = await reader.getSession();
    const exported: SpanwiseExport = { format: 'spanwise-export', version: 1, project: { name: 'Theirs', labels: session.project!.labels }, documents: [] };
    for (const { id } of await reader.listDocuments()) {
      const layers: SpanwiseExport['documents'][number]['layers'] = {};
      let document;
      for (const layer of [amira, omar]) {
        const view = await reader.getDocument(id, layer).catch(() => null);
        if (!view) continue;
        document = view.document;
        if (view.layer.spans.length === 0) continue;
        layers[layer] = { info: { id: layer, kind: 'annotator', name: layer === amira ? 'Amira' : 'Omar', createdAt: 'x' }, status: view.layer.status, spans: view.layer.spans };
      }
      if (document) exported.documents.push({ document, layers });
    }
    await reader.close();
    const file = path.join(path.dirname(theirs.projectDir), 'theirs.spanwise.json');
    await writeFile(file, serializeSpanwise(exported));

    const here = await ours();
    const report = await here.service.mergeLayers(file);
    expect(report.layers.map((l) => [l.name, l.written, l.unchanged])).toEqual([
      ['Amira', 2, 0],
      ['Omar', 1, 0],
    ]);
    const again = await here.service.mergeLayers(file);
    expect(again.layers.map((l) => [l.name, l.written, l.unchanged])).toEqual([
      ['Amira', 0, 2],
      ['Omar', 0, 1],
    ]);
    const [doc] = here.docIds;
    expect((await here.service.getDocument(doc, omar)).layer.spans.map((s) => s.text)).toEqual(['Ariha', 'The Northern Front']);
    await here.service.close();
  });
});

describe('mergeLayers refuses a source it cannot use', () => {
  it('says what is wrong with the path', async () => {
    const here = await ours();
    const folder = path.dirname(here.projectDir);
    const notExport = path.join(folder, 'records.json');
    await writeFile(notExport, '{"format": "something-else"}');
    const plainFolder = path.join(folder, 'plain');
    await mkdir(plainFolder);
    const cases: Array<[string, RegExp]> = [
      ['theirs/project', /Give the full path of their export file or project folder, not "theirs\/project"/],
      [path.join(folder, 'missing'), /There is no file or folder .*missing/],
      [plainFolder, /is a folder but not a Spanwise project: it has no spanwise-project\.json/],
      [notExport, /records\.json cannot be merged: records\.json:1: is not a Spanwise export/],
      [here.projectDir, /is this project itself/],
    ];
    for (const [source, message] of cases) await expect(here.service.mergeLayers(source)).rejects.toThrow(message);
    await here.service.close();
  });
});
