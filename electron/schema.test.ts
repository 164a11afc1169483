import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../shared/labels';
import type { LabelDef, LayerDocument, ProjectManifest } from '../shared/types';
import { writeFileAtomic, type AtomicWrite } from './atomic-file';
import { Project } from './project';
import { changeLabels, LABEL_CHANGE_JOURNAL, previewLabelChange } from './schema';
import { createService } from './service';
import { tempFolder } from './test-support';

const TEXT = 'Russian warplanes struck Idlib on Tuesday, killing two civilians.';

const at = (phrase: string) => ({ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });

/**
 * A project with one article worked on by two annotators and the gold layer: Amira tagged an
 * ACTOR and a DATE (and relabelled the DATE once, so her undo history names labels), Badr an
 * ACTOR, gold a LOCATION and a DATE.
 */
async function makeProject(): Promise<{ dir: string; docId: string; layers: Record<'amira' | 'badr' | 'gold', string> }> {
  const root = await tempFolder();
  const dir = path.join(root, 'project');
  const service = await createService({ dataDir: path.join(root, 'data'), projectDir: dir, mode: 'desktop' });
  try {
    const [docId] = (await service.importTexts([{ name: 'a.txt', text: TEXT, id: 'doc-1' }])).added;
    const amira = (await service.setAnnotator('Amira')).annotator!.id;
    await service.editSpans(docId!, [{ op: 'add', span: { id: 's-a1', ...at('Russian warplanes'), label: 'ACTOR' } }]);
    await service.editSpans(docId!, [{ op: 'add', span: { id: 's-a2', ...at('Tuesday'), label: 'LOCATION' } }]);
    await service.editSpans(docId!, [{ op: 'update', id: 's-a2', set: { label: 'DATE' } }]);
    await service.editSpans(docId!, [{ op: 'add', span: { id: 's-gold1', ...at('Idlib'), label: 'LOCATION' } }, { op: 'add', span: { id: 's-gold2', ...at('Tuesday'), label: 'DATE' } }], 'gold');
    const badr = (await service.setAnnotator('Badr')).annotator!.id;
    await service.editSpans(docId!, [{ op: 'add', span: { id: 's-b1', ...at('Russian warplanes'), label: 'ACTOR' } }]);
    return { dir, docId: docId!, layers: { amira, badr, gold: 'gold' } };
  } finally {
    await service.close();
  }
}

async function layerDoc(dir: string, layer: string, docId: string): Promise<LayerDocument> {
  return JSON.parse(await readFile(path.join(dir, 'layers', layer, `${docId}.json`), 'utf8')) as LayerDocument;
}

async function manifest(dir: string): Promise<ProjectManifest> {
  return JSON.parse(await readFile(path.join(dir, 'spanwise-project.json'), 'utf8')) as ProjectManifest;
}

/** The default schema with ACTOR renamed to PARTY and DATE removed. */
function changedLabels(): LabelDef[] {
  return DEFAULT_LABELS.filter((label) => label.name !== 'DATE').map((label) => (label.name === 'ACTOR' ? { ...label, name: 'PARTY' } : label));
}

const labelsOf = (doc: LayerDocument) => doc.spans.map((span) => `${span.id}:${span.label}`);

describe('changeLabels', () => {
  it('previews how many spans a change renames and removes, changing nothing', async () => {
    const { dir, docId, layers } = await makeProject();
    const before = await layerDoc(dir, layers.amira, docId);
    const project = await Project.open(dir);
    try {
      const summary = await previewLabelChange(project, changedLabels(), { ACTOR: 'PARTY' });
      expect(summary).toEqual({ renamed: [{ from: 'ACTOR', to: 'PARTY', spans: 2 }], removed: [{ label: 'DATE', spans: 2 }], files: 3, skipped: [] });
      expect(project.manifest.labels.map((label) => label.name)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'CASUALTY']);
    } finally {
      await project.close();
    }
    expect(await layerDoc(dir, layers.amira, docId)).toEqual(before);
    expect((await manifest(dir)).labels).toEqual(DEFAULT_LABELS);
  });

  it('renames and removes spans in every layer, undo history included, then writes the manifest', async () => {
    const { dir, docId, layers } = await makeProject();
    const project = await Project.open(dir);
    try {
      const summary = await changeLabels(project, changedLabels(), { ACTOR: 'PARTY' });
      expect(summary).toMatchObject({ renamed: [{ from: 'ACTOR', to: 'PARTY', spans: 2 }], removed: [{ label: 'DATE', spans: 2 }], files: 3, docIds: [docId] });
      expect(project.info().labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
    } finally {
      await project.close();
    }
    const amira = await layerDoc(dir, layers.amira, docId);
    expect(labelsOf(amira)).toEqual(['s-a1:PARTY']);
    // Her history: add ACTOR, add LOCATION, relabel it DATE. What touches the removed span goes.
    expect(amira.undo).toEqual([[{ op: 'remove', id: 's-a1' }]]);
    expect(labelsOf(await layerDoc(dir, layers.badr, docId))).toEqual(['s-b1:PARTY']);
    expect(labelsOf(await layerDoc(dir, layers.gold, docId))).toEqual(['s-gold1:LOCATION']);
    expect((await manifest(dir)).labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
    expect(existsSync(path.join(dir, LABEL_CHANGE_JOURNAL))).toBe(false);
    // The manifest replaced is kept as a backup.
    expect(existsSync(path.join(dir, '.spanwise', 'backups', 'spanwise-project.json.1'))).toBe(true);
  });

  it('keeps undo working on renamed spans', async () => {
    const { dir, docId } = await makeProject();
    const root = path.dirname(dir);
    const service = await createService({ dataDir: path.join(root, 'data'), projectDir: dir, mode: 'desktop' });
    try {
      await service.setAnnotator('Amira');
      await service.updateLabels(changedLabels(), { ACTOR: 'PARTY' });
      const undone = await service.undo(docId);
      expect(undone.spans).toEqual([]);
      const redone = await service.redo(docId);
      expect(redone.spans.map((span) => span.label)).toEqual(['PARTY']);
    } finally {
      await service.close();
    }
  });

  it('refuses a swap, a clash of hotkeys and a read-only project, with a message', async () => {
    const { dir } = await makeProject();
    const project = await Project.open(dir);
    try {
      const swapped = DEFAULT_LABELS.map((label) =>
        label.name === 'ACTOR' ? { ...label, name: 'LOCATION' } : label.name === 'LOCATION' ? { ...label, name: 'ACTOR' } : label,
      );
      await expect(changeLabels(project, swapped, { ACTOR: 'LOCATION', LOCATION: 'ACTOR' })).rejects.toThrow(/two steps/);
      const clash = DEFAULT_LABELS.map((label) => (label.name === 'DATE' ? { ...label, hotkeys: ['3', 'a'] } : label));
      await expect(changeLabels(project, clash, {})).rejects.toThrow(/DATE: the hotkey "a" already belongs to ACTOR/);
      const second = await Project.open(dir);
      try {
        expect(second.readOnly).toBe(true);
        await expect(changeLabels(second, changedLabels(), {})).rejects.toMatchObject({ code: 'read-only' });
      } finally {
        await second.close();
      }
    } finally {
      await project.close();
    }
    expect((await manifest(dir)).labels).toEqual(DEFAULT_LABELS);
  });

  it('is checked at the contract: a clash or a bad colour is refused with the label named', async () => {
    const { dir } = await makeProject();
    const root = path.dirname(dir);
    const service = await createService({ dataDir: path.join(root, 'data'), projectDir: dir, mode: 'desktop' });
    try {
      const clash = DEFAULT_LABELS.map((label) => (label.name === 'DATE' ? { ...label, hotkeys: ['3', 'A'] } : label));
      expect(await service.dispatch('updateLabels', [clash, {}])).toEqual({
        ok: false,
        error: { code: 'bad-request', message: expect.stringContaining('DATE: the hotkey "A" already belongs to ACTOR') },
      });
      const grey = DEFAULT_LABELS.map((label) => (label.name === 'DATE' ? { ...label, color: 'grey' } : label));
      expect(await service.dispatch('previewLabelChange', [grey, {}])).toMatchObject({ ok: false, error: { message: expect.stringContaining('#1d4ed8') } });
      const long = DEFAULT_LABELS.map((label) => (label.name === 'DATE' ? { ...label, hotkeys: ['dd'] } : label));
      expect(await service.dispatch('updateLabels', [long, {}])).toMatchObject({ ok: false, error: { message: expect.stringContaining('one character') } });
    } finally {
      await service.close();
    }
    expect((await manifest(dir)).labels).toEqual(DEFAULT_LABELS);
  });

  it('finishes a change cut short by a crash when the project is next opened', async () => {
    const { dir, docId, layers } = await makeProject();
    // The "crash": after the first layer file, no write reaches the disk.
    let layerWrites = 0;
    const crashing: AtomicWrite = async (file, data, options) => {
      const isLayerDoc = file.includes(`${path.sep}layers${path.sep}`) && !/(summary|layer)\.json$/.test(file);
      if (isLayerDoc && ++layerWrites > 1) throw new Error('power cut');
      return writeFileAtomic(file, data, options);
    };
    const project = await Project.open(dir, { writeFile: crashing });
    await expect(changeLabels(project, changedLabels(), { ACTOR: 'PARTY' })).rejects.toThrow('power cut');
    await project.close();

    // Half done: the journal is there, the manifest is the old one, some files converted.
    expect(existsSync(path.join(dir, LABEL_CHANGE_JOURNAL))).toBe(true);
    expect((await manifest(dir)).labels).toEqual(DEFAULT_LABELS);
    const converted = await Promise.all(Object.values(layers).map(async (layer) => labelsOf(await layerDoc(dir, layer, docId)).join()));
    expect(converted.filter((labels) => !labels.includes('ACTOR') && !labels.includes('DATE'))).toHaveLength(1);

    const reopened = await Project.open(dir);
    try {
      expect(reopened.info().labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
      expect(reopened.problems.list()).toEqual([]);
    } finally {
      await reopened.close();
    }
    expect(labelsOf(await layerDoc(dir, layers.amira, docId))).toEqual(['s-a1:PARTY']);
    expect(labelsOf(await layerDoc(dir, layers.badr, docId))).toEqual(['s-b1:PARTY']);
    expect(labelsOf(await layerDoc(dir, layers.gold, docId))).toEqual(['s-gold1:LOCATION']);
    expect((await manifest(dir)).labels.map((label) => label.name)).toEqual(['PARTY', 'LOCATION', 'CASUALTY']);
    expect(existsSync(path.join(dir, LABEL_CHANGE_JOURNAL))).toBe(false);
  });

  it('names an unreadable journal as a problem and opens the project all the same', async () => {
    const { dir } = await makeProject();
    await writeFile(path.join(dir, LABEL_CHANGE_JOURNAL), '{"format": "spanwise-label-change"');
    const project = await Project.open(dir);
    try {
      expect(project.problems.list()).toEqual([{ file: LABEL_CHANGE_JOURNAL, message: expect.stringContaining('could not be finished') }]);
      expect(project.info().labels).toEqual(DEFAULT_LABELS);
    } finally {
      await project.close();
    }
    expect(existsSync(path.join(dir, LABEL_CHANGE_JOURNAL))).toBe(true);
  });

  it('skips an unreadable layer file and says so, converting the rest', async () => {
    const { dir, docId, layers } = await makeProject();
    const broken = path.join(dir, 'layers', layers.badr, `${docId}.json`);
    await writeFile(broken, '{"spans": [');
    const project = await Project.open(dir);
    try {
      const summary = await changeLabels(project, changedLabels(), { ACTOR: 'PARTY' });
      expect(summary.skipped).toEqual([{ file: `layers/${layers.badr}/${docId}.json`, message: expect.stringContaining('could not be read') }]);
      expect(summary.renamed).toEqual([{ from: 'ACTOR', to: 'PARTY', spans: 1 }]);
    } finally {
      await project.close();
    }
    expect(await readFile(broken, 'utf8')).toBe('{"spans": [');
    expect(labelsOf(await layerDoc(dir, layers.amira, docId))).toEqual(['s-a1:PARTY']);
  });
});
