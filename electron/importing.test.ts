import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpanwiseExport } from '../shared/formats/spanwise';
import type { LayerDocument } from '../shared/types';
import type { AtomicWriteOptions } from './atomic-file';
import { CATALOG_FILE, catalogEntry } from './catalog';
import { docxOf, fingerprint, freshService } from './import-fixtures';
import { ImportStage, STAGING_DIR } from './import-staging';
import { MANIFEST_FILE, Project } from './project';

const ARTICLE = 'Airstrikes hit Idlib\n\nRussian warplanes struck Ariha on Tuesday, killing four civilians.';
const DOCCANO = [
  { id: 'a1', text: 'Assad forces shelled Kafr Nabl on Monday.', label: [[0, 12, 'ORG'], [21, 30, 'GPE'], [34, 40, 'DATE']] },
  { id: 'a2', text: 'Families fled Maarat al-Numan.', label: [[14, 29, 'GPE'], [0, 8, 'MISC']] },
];

function jsonl(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

async function layerFiles(projectDir: string): Promise<Record<string, LayerDocument>> {
  const result: Record<string, LayerDocument> = {};
  const root = path.join(projectDir, 'layers');
  for (const layer of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(root, layer))) {
      if (name === 'layer.json' || name === 'summary.json') continue;
      result[`${layer}/${name}`] = JSON.parse(await readFile(path.join(root, layer, name), 'utf8')) as LayerDocument;
    }
  }
  return result;
}

/** The project, opened so that its `nth` file write fails as a full disk does. */
async function openFailingAtWrite(projectDir: string, nth: number): Promise<Project> {
  let writes = 0;
  return Project.open(projectDir, {
    writeFile: async (file, data, options) => {
      if (++writes === nth) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC', errno: -28 });
      const { writeFileAtomic } = await import('./atomic-file');
      return writeFileAtomic(file, data, options);
    },
  });
}

/** The project, opened so that another program writes `intruder` as the first write `when` picks begins. */
async function openIntrudedAt(projectDir: string, intruder: string, when: (file: string, options?: AtomicWriteOptions) => boolean): Promise<Project> {
  let intruded = false;
  return Project.open(projectDir, {
    writeFile: async (file, data, options) => {
      if (!intruded && when(file, options)) {
        intruded = true;
        await writeFile(intruder, '{}');
      }
      const { writeFileAtomic } = await import('./atomic-file');
      return writeFileAtomic(file, data, options);
    },
  });
}

/** A folder of one file of each kind Spanwise reads. */
async function corpusFolder(root: string): Promise<string> {
  const dir = path.join(root, 'incoming');
  await mkdir(path.join(dir, 'brat'), { recursive: true });
  await writeFile(path.join(dir, 'article.txt'), ARTICLE);
  await writeFile(path.join(dir, 'notes.md'), '# Shelling in Jisr al-Shughur\n\nThe town was shelled again.');
  await writeFile(path.join(dir, 'doccano.jsonl'), jsonl(DOCCANO));
  await writeFile(path.join(dir, 'brat', 'b1.txt'), 'Turkish troops entered Afrin.');
  await writeFile(path.join(dir, 'brat', 'b1.ann'), 'T1\tORG 0 14\tTurkish troops\nT2\tLOC 23 28\tAfrin\n');
  await writeFile(path.join(dir, 'brat', 'annotation.conf'), '[entities]\nORG\nLOC\n');
  await writeFile(path.join(dir, 'tokens.conll'), '-DOCSTART- -X- O O\n\nRebels B-ORG\nleft O\nHama B-LOC\n. O\n');
  await writeFile(path.join(dir, 'page.html'), '<html><head><title>T</title><script>alert(1)</script></head><body><h1>Strike on Saraqib</h1><p onclick="x()">Warplanes hit <a href="javascript:alert(2)">Saraqib</a>.</p></body></html>');
  await writeFile(path.join(dir, 'report.docx'), docxOf(['Displacement from Idlib', 'More than 400,000 people fled.']));
  await writeFile(path.join(dir, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

describe('previewImport and importFiles', () => {
  it('read a folder of every kind, propose a mapping, and import it all', async () => {
    const { root, projectDir, service } = await freshService();
    const dir = await corpusFolder(root);
    const before = await fingerprint(projectDir);

    const preview = await service.previewImport([dir]);
    expect(await fingerprint(projectDir)).toEqual(before);
    expect(preview.errors).toEqual([]);
    const byFile = Object.fromEntries(preview.files.map((file) => [path.relative(dir, file.file), file]));
    expect(Object.keys(byFile).sort()).toEqual(['article.txt', 'brat/b1.ann', 'doccano.jsonl', 'notes.md', 'page.html', 'report.docx', 'tokens.conll']);
    expect(byFile['doccano.jsonl']).toMatchObject({ format: 'jsonl', documents: 2, spans: 5, spansByLabel: { ORG: 1, GPE: 2, DATE: 1, MISC: 1 } });
    expect(byFile['brat/b1.ann']).toMatchObject({ format: 'brat', documents: 1, spans: 2 });
    expect(byFile['tokens.conll']).toMatchObject({ format: 'conll', spans: 2 });
    expect(preview.skipped.map((entry) => path.relative(dir, entry.file)).sort()).toEqual(['brat/annotation.conf', 'picture.png']);
    expect(preview.foreignLabels).toEqual([
      { label: 'GPE', spans: 2, proposal: 'LOCATION', target: 'LOCATION', added: false },
      { label: 'LOC', spans: 2, proposal: 'LOCATION', target: 'LOCATION', added: false },
      { label: 'MISC', spans: 1, proposal: null, target: null, added: false },
      { label: 'ORG', spans: 3, proposal: 'ACTOR', target: 'ACTOR', added: false },
    ]);
    expect(preview.newLabels).toEqual([]);
    expect(preview.dropped).toEqual({ MISC: 1 });
    expect(preview.newDocuments).toBe(8);
    expect(preview.layers.map((layer) => [layer.name, layer.documents, layer.spans, layer.isNew])).toEqual([
      ['b1', 1, 2, true],
      ['doccano', 2, 4, true],
      ['tokens', 1, 2, true],
    ]);

    const report = await service.importFiles([dir], { mapping: { MISC: null } });
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(8);
    expect(report.dropped).toEqual({ MISC: 1 });
    const list = await service.listDocuments();
    expect(list.map((doc) => doc.title)).toContain('Strike on Saraqib');
    expect(list.map((doc) => doc.title)).toContain('Displacement from Idlib');
    const html = (await Promise.all(list.map((doc) => service.getDocument(doc.id)))).find((view) => view.document.title === 'Strike on Saraqib');
    expect(html?.document.text).not.toMatch(/alert|script|javascript/);

    const layers = await layerFiles(projectDir);
    const doccanoLayer = Object.entries(layers).filter(([key]) => key.startsWith(report.layers.find((l) => l.name === 'doccano')!.id));
    expect(doccanoLayer.flatMap(([, layer]) => layer.spans.map((span) => `${span.label}:${span.text}`)).sort()).toEqual([
      'ACTOR:Assad forces',
      'DATE:Monday',
      'LOCATION:Kafr Nabl',
      'LOCATION:Maarat al-Numan',
    ]);
    // The imported layers are annotators' layers; the current user's own is untouched.
    const session = await service.getSession();
    expect(Object.keys(layers).some((key) => key.startsWith(`${session.annotator!.id}/`))).toBe(false);

    // The project reopens with everything in it.
    await service.close();
    const reopened = await Project.open(projectDir);
    expect(reopened.catalog.size).toBe(8);
    expect(reopened.problems.list()).toEqual([]);
    expect(reopened.layers.list().filter((layer) => layer.kind === 'annotator')).toHaveLength(3);
    await reopened.close();
  });

  it('does not add an article twice, nor overwrite a layer’s work on it', async () => {
    const { root, service } = await freshService();
    const file = path.join(root, 'doccano.jsonl');
    await writeFile(file, jsonl(DOCCANO));
    const first = await service.importFiles([file]);
    expect(first.added).toHaveLength(2);
    const again = await service.previewImport([file]);
    expect(again.files[0]).toMatchObject({ documents: 2, duplicates: 2 });
    expect(again.newDocuments).toBe(0);
    expect(again.kept).toHaveLength(2);
    const second = await service.importFiles([file]);
    expect(second.added).toEqual([]);
    expect(second.duplicates.map((duplicate) => duplicate.existingId).sort()).toEqual(['a1', 'a2']);
    expect(second.kept.map((kept) => kept.reason)).toEqual([expect.stringContaining('already has work'), expect.stringContaining('already has work')]);
  });

  it('puts spans of an article the project has into a new annotator’s layer', async () => {
    const { root, service } = await freshService();
    await service.importTexts([{ name: 'plain.txt', text: DOCCANO[0].text }]);
    const file = path.join(root, 'spans.jsonl');
    await writeFile(file, jsonl([DOCCANO[0]]));
    const report = await service.importFiles([file], { annotator: 'Old tool' });
    expect(report.added).toEqual([]);
    expect(report.layers).toEqual([expect.objectContaining({ name: 'Old tool', documents: 1, spans: 3, isNew: true })]);
    const [doc] = await service.listDocuments();
    expect(doc.annotatorCount).toBe(1);
    const view = await service.getDocument(doc.id, report.layers[0].id);
    expect(view.layer.spans.map((span) => span.label)).toEqual(['ACTOR', 'LOCATION', 'DATE']);
  });

  it('writes into your own layer only when you choose it', async () => {
    const { root, service } = await freshService();
    const me = (await service.getSession()).annotator!;
    const file = path.join(root, 'spans.jsonl');
    await writeFile(file, jsonl([DOCCANO[0]]));
    const report = await service.importFiles([file], { layer: me.id });
    expect(report.layers).toEqual([expect.objectContaining({ id: me.id, spans: 3 })]);
    expect((await service.listDocuments())[0]).toMatchObject({ spanCount: 3, status: 'done' });
  });

  it('reports same-label overlaps after mapping, with file and line, and drops them', async () => {
    const { root, projectDir, service } = await freshService();
    const file = path.join(root, 'spacy.jsonl');
    const text = 'Hay’at Tahrir al-Sham fighters attacked.';
    await writeFile(
      file,
      jsonl([
        { text: 'Nothing here.' },
        { text, spans: [{ start: 0, end: 21, label: 'ORG' }, { start: 0, end: 30, label: 'PER' }, { start: 31, end: 39, label: 'X' }] },
      ]),
    );
    const preview = await service.previewImport([file], { mapping: { X: 'ACTOR' } });
    expect(preview.overlaps.count).toBe(1);
    expect(preview.overlaps.examples).toEqual([{ file, line: 2, document: 2, label: 'ACTOR', start: 0, end: 21, text: 'Hay’at Tahrir al-Sham' }]);
    const report = await service.importFiles([file], { mapping: { X: 'ACTOR' } });
    expect(report.overlapsDropped).toBe(1);
    const spans = Object.values(await layerFiles(projectDir)).flatMap((layer) => layer.spans);
    expect(spans.map((span) => [span.start, span.end, span.label])).toEqual([
      [0, 30, 'ACTOR'],
      [31, 39, 'ACTOR'],
    ]);
  });

  it('adds a foreign label to the schema when asked, its spans keeping it', async () => {
    const { root, projectDir, service } = await freshService();
    const file = path.join(root, 'doccano.jsonl');
    await writeFile(file, jsonl(DOCCANO));
    const before = await fingerprint(projectDir);
    const preview = await service.previewImport([file], { newLabels: ['MISC'] });
    expect(await fingerprint(projectDir)).toEqual(before);
    expect(preview.foreignLabels.find((label) => label.label === 'MISC')).toEqual({ label: 'MISC', spans: 1, proposal: null, target: 'MISC', added: true });
    expect(preview.newLabels).toEqual([{ name: 'MISC', color: expect.stringMatching(/^#[0-9a-f]{6}$/), hotkeys: [], definition: '' }]);
    expect(preview.dropped).toEqual({});

    const report = await service.importFiles([file], { newLabels: ['MISC'] });
    expect(report.errors).toEqual([]);
    expect(report.newLabels.map((label) => label.name)).toEqual(['MISC']);
    const labels = (await service.getSession()).project!.labels;
    expect(labels.map((label) => label.name)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'CASUALTY', 'MISC']);
    expect(new Set(labels.map((label) => label.color)).size).toBe(labels.length);
    const spans = Object.values(await layerFiles(projectDir)).flatMap((layer) => layer.spans);
    expect(spans.filter((span) => span.label === 'MISC').map((span) => span.text)).toEqual(['Families']);
    // On disk too: the project reopens with the label.
    await service.close();
    const reopened = await Project.open(projectDir);
    expect(reopened.manifest.labels.map((label) => label.name)).toContain('MISC');
    await reopened.close();
  });

  it('refuses to add a label whose name cannot be one, naming the file', async () => {
    const { root, projectDir, service } = await freshService();
    const file = path.join(root, 'odd.jsonl');
    await writeFile(file, jsonl([{ text: 'Shelling hit Ariha.', label: [[0, 8, 'armed clash']] }]));
    const before = await fingerprint(projectDir);
    const report = await service.importFiles([file], { newLabels: ['armed clash'] });
    expect(report.errors).toEqual([{ file, message: expect.stringMatching(/^label "armed clash" cannot be added to the project: a label name must be letters, digits/) }]);
    expect(report.added).toEqual([]);
    expect(await fingerprint(projectDir)).toEqual(before);
  });

  it('changes nothing when any file is bad, and names the file, the line and the reason', async () => {
    const { root, projectDir, service } = await freshService();
    const dir = path.join(root, 'mixed');
    await mkdir(dir);
    await writeFile(path.join(dir, 'a-good.txt'), ARTICLE);
    await writeFile(path.join(dir, 'b-bad.jsonl'), `${JSON.stringify(DOCCANO[0])}\n{"text": "cut short", "label": [[0, 3, "X"]\n`);
    await writeFile(path.join(dir, 'c-bad.conll'), 'Rebels B-ORG\nleft O\nHama I-LOC\n');
    await writeFile(path.join(dir, 'd-bad.ann'), 'T1\tLOC 0 400\tAfrin\n');
    await writeFile(path.join(dir, 'd-bad.txt'), 'Afrin.');
    await writeFile(path.join(dir, 'e-binary.txt'), Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01]));
    await writeFile(path.join(dir, 'f-empty.txt'), '');
    const before = await fingerprint(projectDir);
    const report = await service.importFiles([dir]);
    expect(report.added).toEqual([]);
    const errors = Object.fromEntries(report.errors.map((error) => [path.basename(error.file), error]));
    expect(errors['b-bad.jsonl']).toMatchObject({ line: 2, message: expect.stringContaining('not valid JSON') });
    expect(errors['c-bad.conll']).toMatchObject({ line: 3, message: expect.stringMatching(/I-LOC/) });
    expect(errors['d-bad.ann']).toMatchObject({ line: 1, message: expect.stringContaining('past the end') });
    expect(errors['e-binary.txt'].message).toContain('binary');
    expect(errors['f-empty.txt'].message).toContain('empty');
    expect(await fingerprint(projectDir)).toEqual(before);
  });

  it('leaves the project byte-identical when writing fails half-way', async () => {
    const { root, projectDir, service } = await freshService();
    await service.importTexts([{ name: 'old.txt', text: 'An article already there.' }]);
    await service.close();
    const dir = await corpusFolder(root);
    const project = await openFailingAtWrite(projectDir, 5);
    const before = await fingerprint(projectDir);
    const { importFiles } = await import('./importing');
    await expect(importFiles(project, { paths: [dir] }, {}, { me: null })).rejects.toThrow(/no space/);
    expect(await fingerprint(projectDir)).toEqual(before);
    expect(existsSync(path.join(projectDir, STAGING_DIR))).toBe(false);
    expect(project.catalog.size).toBe(1);
    await project.close();
  });

  it('moves everything back when a file appears in the way while importing', async () => {
    const { root, projectDir, service } = await freshService();
    await service.importTexts([{ name: 'old.txt', text: 'An article already there.' }]);
    await service.close();
    const dir = await corpusFolder(root);
    const intruder = path.join(projectDir, 'documents', 'a1.json');
    const project = await openIntrudedAt(projectDir, intruder, (_file, options) => options?.staged === true);
    const before = await fingerprint(projectDir);
    const { importFiles } = await import('./importing');
    // The move finds it, or, when the project's watcher saw it first, the check before the move.
    await expect(importFiles(project, { paths: [dir] }, {}, { me: null })).rejects.toThrow(/appeared in the project while importing|gained document "a1"/);
    // The catalog is the watcher's to bring in step with what the other program did.
    const { [CATALOG_FILE]: _catalog, ...kept } = before;
    expect(await fingerprint(projectDir)).toEqual({ ...kept, [CATALOG_FILE]: expect.any(String), [path.relative(projectDir, intruder)]: expect.any(String) });
    expect(existsSync(path.join(projectDir, STAGING_DIR))).toBe(false);
    expect(project.catalog.size).toBe(1);
    await project.close();
  });

  it('leaves the project as it was when killed while staging, and the next import clears what it left', async () => {
    const { root, projectDir, service } = await freshService();
    await service.close();
    const before = await fingerprint(projectDir);
    // What a killed import leaves: staged files, flushed or not, never moved in.
    const stage = await ImportStage.create(projectDir);
    const doc = { id: 'staged', title: 'Staged', text: 'Staged text.', textHash: 'b'.repeat(64), meta: {}, importedAt: 'now' };
    await stage.addDocument(doc);
    await stage.flush();
    const project = await Project.open(projectDir);
    expect(project.catalog.size).toBe(0);
    const left = Object.keys(await fingerprint(projectDir)).filter((file) => !(file in before));
    expect(left.filter((file) => file.startsWith(path.join(STAGING_DIR, '')))).toHaveLength(1);
    expect(left.filter((file) => file.startsWith('documents') || file.startsWith('layers'))).toEqual([]);
    const { importFiles } = await import('./importing');
    const file = path.join(root, 'one.txt');
    await writeFile(file, ARTICLE);
    const report = await importFiles(project, { paths: [file] }, {}, { me: null });
    expect(report.added).toHaveLength(1);
    expect(existsSync(path.join(projectDir, STAGING_DIR))).toBe(false);
    expect(project.catalog.has('staged')).toBe(false);
    await project.close();
  });

  it('plans as if a file found bad half-way were not there, and says why nothing was imported', async () => {
    const { root, projectDir, service } = await freshService();
    const dir = path.join(root, 'half');
    await mkdir(dir);
    await writeFile(path.join(dir, 'a.jsonl'), jsonl(DOCCANO));
    // Its first records are planned (one duplicates a.jsonl) before the third turns out bad.
    await writeFile(path.join(dir, 'b.jsonl'), `${jsonl([DOCCANO[0], { text: 'Shelling hit Ariha.', label: [[13, 18, 'GPE']] }])}{"text": "cut short"\n`);
    const before = await fingerprint(projectDir);
    const alone = await service.previewImport([path.join(dir, 'a.jsonl')]);
    const report = await service.importFiles([dir]);
    expect(report.added).toEqual([]);
    expect(report.errors).toEqual([{ file: path.join(dir, 'b.jsonl'), line: 3, message: expect.stringContaining('not valid JSON') }]);
    const { errors: _errors, added: _added, ...planned } = report;
    expect(planned).toEqual({
      duplicates: alone.duplicates,
      newLabels: alone.newLabels,
      dropped: alone.dropped,
      overlapsDropped: alone.overlaps.count,
      layers: alone.layers.map((layer) => ({ ...layer, id: expect.any(String) })),
      kept: alone.kept,
      skipped: alone.skipped,
      warnings: alone.warnings,
    });
    expect(await fingerprint(projectDir)).toEqual(before);
  });

  it('takes the labels it added back out when writing fails half-way', async () => {
    const { root, projectDir, service } = await freshService();
    await service.close();
    const dir = await corpusFolder(root);
    // The files are staged and the label added (journal, manifest); then a file in the way fails the move.
    const intruder = path.join(projectDir, 'documents', 'a1.json');
    const project = await openIntrudedAt(projectDir, intruder, (file) => file.endsWith(MANIFEST_FILE));
    const labels = project.manifest.labels;
    const before = await fingerprint(projectDir);
    const { importFiles } = await import('./importing');
    await expect(importFiles(project, { paths: [dir] }, { newLabels: ['MISC'] }, { me: null })).rejects.toThrow(/appeared in the project while importing/);
    expect(project.manifest.labels).toEqual(labels);
    // The manifest is back byte for byte; its two rewrites left backups, as every rewrite does.
    const after = await fingerprint(projectDir);
    const added = Object.keys(after).filter((file) => !(file in before) && file !== path.relative(projectDir, intruder));
    expect(added.some((file) => file.includes(MANIFEST_FILE))).toBe(true);
    expect(added.every((file) => file.startsWith(path.join('.spanwise', 'backups')))).toBe(true);
    expect(Object.fromEntries(Object.entries(after).filter(([file]) => file in before))).toEqual(before);
    await project.close();
  });

  it('moves back what it moved in when a file appears in the way', async () => {
    const { projectDir, service } = await freshService();
    await service.close();
    const project = await Project.open(projectDir);
    const before = await fingerprint(projectDir);
    const doc = { id: 'new-doc', title: 'New', text: 'New text.', textHash: 'a'.repeat(64), meta: {}, importedAt: 'now' };
    const layerDoc = (layer: string): LayerDocument => ({
      format: 'spanwise-layer', version: 1, docId: 'new-doc', layer, textHash: doc.textHash, status: 'done', spans: [], updatedAt: 'now', timeSpentMs: 0, undo: [], redo: [],
    });
    // Another program makes the layer folder after the plan: the second move finds it taken.
    await mkdir(path.join(projectDir, 'layers', 'taken'), { recursive: true });
    await writeFile(path.join(projectDir, 'layers', 'taken', 'new-doc.json'), '{}');
    const taken = await fingerprint(projectDir);
    await expect(
      project.runImport(async (stage) => {
        await stage.addDocument(doc);
        await stage.addWork({ info: { id: 'fresh', kind: 'annotator', name: 'Fresh', createdAt: 'now' }, isNew: true, document: layerDoc('fresh') });
        await stage.addWork({ info: { id: 'taken', kind: 'annotator', name: 'Taken', createdAt: 'now' }, isNew: false, document: layerDoc('taken') });
        await project.commitStaged(stage, [catalogEntry(doc)]);
      }),
    ).rejects.toThrow(/appeared in the project while importing/);
    expect(await fingerprint(projectDir)).toEqual(taken);
    expect(Object.keys(taken).filter((file) => !(file in before))).toEqual([path.join('layers', 'taken', 'new-doc.json')]);
    expect(project.catalog.has('new-doc')).toBe(false);
    await project.close();
  });

  it('never reads outside a picked folder, whatever its links say', async () => {
    const { root, service } = await freshService();
    const outside = path.join(root, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'Secret text that must stay outside.');
    const dir = path.join(root, 'picked');
    await mkdir(path.join(dir, 'inner'), { recursive: true });
    await writeFile(path.join(dir, 'inner', 'real.txt'), ARTICLE);
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    await symlink(outside, path.join(dir, 'linked-folder'));
    await symlink(path.join(dir, 'inner', 'real.txt'), path.join(dir, 'inside-link.txt'));
    await symlink(path.join(dir, 'missing.txt'), path.join(dir, 'dangling.txt'));
    const preview = await service.previewImport([dir]);
    expect(preview.files.map((file) => path.relative(dir, file.file))).toEqual(['inner/real.txt']);
    expect(Object.fromEntries(preview.skipped.map((entry) => [path.relative(dir, entry.file), entry.message]))).toEqual({
      'dangling.txt': 'is a link to nothing that exists',
      'link.txt': 'leads outside the picked folder, so it is not read',
      'linked-folder': 'leads outside the picked folder, so it is not read',
    });
    await expect(service.previewImport(['relative/path'])).rejects.toThrow(/full path/);
  });

  it('treats the names of dropped files as labels only', async () => {
    const { service } = await freshService();
    const preview = await service.previewContents([
      { name: '../../etc/b1.txt', content: 'Turkish troops entered Afrin.' },
      { name: '../../etc/b1.ann', content: 'T1\tORG 0 14\tTurkish troops\n' },
      { name: '/abs/report.docx', content: docxOf(['Report title', 'Body.']).toString('base64'), encoding: 'base64' },
    ]);
    expect(preview.errors).toEqual([]);
    expect(preview.files.map((file) => [file.file, file.format, file.spans])).toEqual([
      ['etc/b1.ann', 'brat', 1],
      ['abs/report.docx', 'docx', 0],
    ]);
  });

  it('refuses a file over 200 MB, naming it and its size, without reading it', async () => {
    const { root, service } = await freshService();
    const big = path.join(root, 'huge.txt');
    const handle = await open(big, 'w');
    await handle.truncate(1024 ** 3);
    await handle.close();
    const preview = await service.previewImport([big]);
    expect(preview.errors).toEqual([{ file: big, message: 'is 1.0 GB; the most Spanwise imports in one file is 200.0 MB' }]);
  });

  it('refuses JSON nested 100,000 deep with a clear error', async () => {
    const { root, service } = await freshService();
    const deep = path.join(root, 'deep.json');
    await writeFile(deep, `{"text": "x", "meta": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const deepLine = path.join(root, 'deep.jsonl');
    await writeFile(deepLine, `{"text": "x"}\n{"text": "y", "m": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}\n`);
    const preview = await service.previewImport([deep, deepLine]);
    expect(preview.errors).toEqual([
      { file: deep, line: 1, message: expect.stringContaining('more than 1,000 levels deep') },
      { file: deepLine, line: 2, message: expect.stringContaining('more than 1,000 levels deep') },
    ]);
  });

  it('reads a JSONL of a million lines a line at a time, and stops cleanly past the limit', async () => {
    const { root, service } = await freshService();
    const file = path.join(root, 'million.jsonl');
    const handle = await open(file, 'w');
    const chunk = `${'{"text":"Shelling hit Ariha."}\n'.repeat(10_000)}`;
    for (let i = 0; i < 100; i++) await handle.write(chunk);
    await handle.close();
    const preview = await service.previewImport([file]);
    expect(preview.errors).toEqual([{ file, line: 100_001, message: expect.stringContaining('more than 100,000 records') }]);
  }, 60_000);

  it('imports a 50 MB article file', async () => {
    const { root, service } = await freshService();
    const file = path.join(root, 'big.txt');
    const paragraph = 'Russian warplanes struck Ariha on Tuesday, killing four civilians and wounding 12. ';
    await writeFile(file, `Big report\n\n${paragraph.repeat(Math.ceil(50_000_000 / paragraph.length))}`);
    const report = await service.importFiles([file]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(1);
  }, 60_000);
});

describe('Spanwise export round trip', () => {
  it('gives back identical documents and layers in an empty project', async () => {
    const source = await freshService('Amira');
    await source.service.importTexts([
      { name: 'a.txt', text: ARTICLE, meta: { url: 'https://example.invalid/a' } },
      { name: 'b.txt', text: 'Café 🚀 غارات جوية على إدلب — shelling in Idlib.' },
    ]);
    const docs = await source.service.listDocuments();
    await source.service.editSpans(docs[0].id, [
      { op: 'add', span: { id: 's1', start: 22, end: 39, label: 'ACTOR', note: 'pilots' } },
      { op: 'add', span: { id: 's2', start: 56, end: 63, label: 'DATE', attributes: { normalized: '2026-03-03' } } },
    ]);
    await source.service.setDocumentStatus(docs[0].id, 'done');
    await source.service.editSpans(docs[1].id, [{ op: 'add', span: { id: 's3', start: 40, end: 45, label: 'LOCATION' } }], 'gold');
    // A second annotator's span the first lacks, which the reviewer rejects: gold's `rejected`.
    await source.service.setAnnotator('Bilal');
    await source.service.editSpans(docs[0].id, [{ op: 'add', span: { id: 's4', start: 0, end: 10, label: 'ACTOR' } }]);
    const review = await source.service.getReview(docs[0].id);
    const missing = review.items.find((item) => item.id.startsWith('missing:ACTOR:'));
    expect(missing).toBeDefined();
    await source.service.decideReviewItem(docs[0].id, missing!.id, { kind: 'reject' });
    await source.service.setAnnotator('Amira');
    const outDir = path.join(source.root, 'out');
    const outcome = await source.service.exportData({ format: 'spanwise', layer: 'current', outDir });
    expect(outcome.files).toEqual([path.join(outDir, 'spanwise-export.json')]);

    const exportedGold = (JSON.parse(await readFile(outcome.files[0], 'utf8')) as SpanwiseExport).documents.find((doc) => doc.document.id === docs[0].id)?.layers.gold;
    expect(exportedGold?.rejected).toEqual([missing!.id]);

    const target = await freshService('Bashir');
    const report = await target.service.importFiles(outcome.files);
    expect(report.errors).toEqual([]);
    // The rejected item counts as settled in the imported project too.
    expect((await target.service.getReview(docs[0].id)).items.map((item) => item.id)).not.toContain(missing!.id);
    const sourceFiles = await fingerprint(source.projectDir);
    const targetFiles = await fingerprint(target.projectDir);
    // Summaries are derived and saved a moment after the edits, so either side may not have them yet.
    const dataFiles = (files: Record<string, string>) => Object.keys(files).filter((name) => /^(documents|layers)\//.test(name) && !name.endsWith('summary.json')).sort();
    for (const file of dataFiles(sourceFiles)) {
      const [a, b] = await Promise.all([readFile(path.join(source.projectDir, file), 'utf8'), readFile(path.join(target.projectDir, file), 'utf8')]);
      const strip = (json: string) => {
        const value = JSON.parse(json) as Partial<LayerDocument>;
        // Time spent, update times and undo history are the annotator's session, not the data.
        delete value.updatedAt;
        delete value.timeSpentMs;
        delete value.undo;
        delete value.redo;
        return value;
      };
      expect(strip(b), file).toEqual(strip(a));
    }
    expect(dataFiles(targetFiles)).toEqual(dataFiles(sourceFiles));
    // The same export again adds nothing, and points to the merge that updates someone's layer.
    const twice = await target.service.importFiles(outcome.files);
    expect(twice.added).toEqual([]);
    const merge = /already has work on this document, which is left as it is; to bring in an updated version of it, use “Bring in other annotators’ work” \(M in review, or spanwise merge\)$/;
    expect(twice.kept.map((kept) => [kept.layer, merge.test(kept.reason)]).sort()).toEqual([
      ['Amira', true],
      ['Bilal', true],
      ['Gold', false],
      ['Gold', false],
    ]);
    // Exporting the imported project again gives the same file.
    const again = await target.service.exportData({ format: 'spanwise', layer: 'gold', outDir: path.join(target.root, 'out') });
    expect(JSON.parse(await readFile(again.files[0], 'utf8'))).toEqual(JSON.parse(await readFile(outcome.files[0], 'utf8')));
  });
});

describe('ids inside imported files', () => {
  it('never let a document or layer id steer a write outside the project', async () => {
    const { root, service } = await freshService();
    const dir = path.join(root, 'picked');
    await mkdir(dir);
    const hostile = ['../../escaped-doc', '/tmp/escaped-abs', '..', 'a/../../escaped-nested', 'C:\\escaped-drive'];
    const layer = (id: string) => ({
      info: { id, kind: 'annotator', name: `Layer ${id}`, createdAt: '2024-01-01T00:00:00.000Z' },
      status: 'done',
      spans: [{ id: 's1', start: 0, end: 6, label: 'ACTOR', text: 'Rebels', annotator: id, createdAt: '2024-01-01T00:00:00.000Z' }],
    });
    await writeFile(
      path.join(dir, 'export.json'),
      JSON.stringify({
        format: 'spanwise-export',
        version: 1,
        project: { name: 'P', labels: [{ name: 'ACTOR', color: '#c2410c', hotkeys: ['1'], definition: '' }] },
        documents: hostile.map((id, index) => ({
          document: { id, title: 'T', text: `Rebels left town ${index}.`, textHash: 'x', meta: {}, importedAt: '2024-01-01T00:00:00.000Z' },
          layers: { [hostile[(index + 1) % hostile.length]!]: layer(hostile[(index + 1) % hostile.length]!) },
        })),
      }),
    );
    await writeFile(path.join(dir, 'records.jsonl'), jsonl(hostile.map((id, index) => ({ id, text: `Families fled village ${index}.` }))));
    const before = await fingerprint(root);
    const report = await service.importFiles([dir]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(2 * hostile.length);
    for (const id of report.added) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    for (const entry of report.layers) expect(entry.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    const written = Object.keys(await fingerprint(root)).filter((file) => !(file in before));
    expect(written.filter((file) => !file.startsWith(`project${path.sep}`) && !file.startsWith(`data${path.sep}`))).toEqual([]);
    // Inside it, only the project's own places: documents/<id>.json and layers/<id>/….
    for (const file of written.filter((each) => each.startsWith(`project${path.sep}`))) {
      expect(file.split(path.sep).slice(1).join('/')).toMatch(/^(documents\/[A-Za-z0-9][A-Za-z0-9._-]*\.json|layers\/[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*\.json)$/);
    }
  });
});

describe('folders given by the user', () => {
  it('refuses the project itself', async () => {
    const { projectDir, service } = await freshService();
    await expect(service.previewImport([projectDir])).rejects.toThrow(/inside the project folder/);
    await expect(service.previewImport([path.dirname(projectDir)])).rejects.toThrow(/holds the project folder/);
  });
});

describe('the whole reading path, fuzzed', () => {
  it('answers 10,000 damaged Word files each with a clear error naming the file, or their text', async () => {
    const { service } = await freshService();
    const valid = docxOf(['Displacement from Idlib', 'More than 400,000 people fled.']);
    const damage = fc.oneof(
      fc.nat().map((at) => (bytes: Buffer) => bytes.subarray(0, at % (bytes.length + 1))),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, noise]) => (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        copy.set(noise.subarray(0, Math.max(0, copy.length - (at % copy.length))), at % copy.length);
        return copy;
      }),
      fc.tuple(fc.nat(), fc.nat({ max: 64 })).map(([at, length]) => (bytes: Buffer) => {
        const from = at % (bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, from), bytes.subarray(from + length)]);
      }),
      fc.uint8Array({ maxLength: 300 }).map((noise) => () => Buffer.from(noise)),
    );
    const file = fc.array(damage, { minLength: 1, maxLength: 3 }).map((steps) => steps.reduce((bytes, step) => step(bytes), valid));
    await fc.assert(
      fc.asyncProperty(file, async (bytes) => {
        const preview = await service.previewContents([{ name: 'report.docx', content: bytes.toString('base64'), encoding: 'base64' }]);
        const [error] = preview.errors;
        if (!error) return;
        expect(error.file).toBe('report.docx');
        // "could not be read: <what a library threw>" is a message no one wrote for the user.
        expect(error.message).not.toMatch(/^could not be read: /);
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);

  it('answers any dropped files with a preview, never a rejection', async () => {
    const { service } = await freshService();
    const name = fc.tuple(fc.constantFrom('a', 'b', 'dir/a', '../x', 'tags'), fc.constantFrom('.txt', '.ann', '.jsonl', '.json', '.conll', '.html', '.docx', '.md', '.bin', ''));
    const file = fc.oneof(
      fc.record({ name: name.map(([stem, ext]) => stem + ext), content: fc.string({ maxLength: 120 }) }),
      fc.record({
        name: name.map(([stem]) => `${stem}.docx`),
        content: fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes).toString('base64')),
        encoding: fc.constant('base64' as const),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 4 }), async (files) => {
        const preview = await service.previewContents(files);
        for (const error of preview.errors) {
          expect(typeof error.file).toBe('string');
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});
