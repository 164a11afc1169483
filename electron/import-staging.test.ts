import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRecord, LayerDocument, LayerInfo } from '../shared/types';
import { currentStamp } from './file-stamp';
import { ImportStage, STAGING_DIR } from './import-staging';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function projectDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanwise-staging-'));
  dirs.push(dir);
  return dir;
}

const documentOf = (n: number): DocumentRecord => ({
  id: `d${n}`,
  title: `Article ${n}`,
  // Text beyond Latin-1 and beyond the basic plane, as the thread is handed it.
  text: `Shelling hit Ariha ${n} times. قصف 🚀 e\u0301`,
  textHash: String(n).padStart(64, '0'),
  meta: {},
  importedAt: '2026-12-04T00:00:00.000Z',
});

const layer: LayerInfo = { id: 'amira', kind: 'annotator', name: 'Amira', createdAt: '2026-12-04T00:00:00.000Z' };

const workOn = (doc: DocumentRecord): LayerDocument => ({
  format: 'spanwise-layer',
  version: 1,
  docId: doc.id,
  layer: layer.id,
  textHash: doc.textHash,
  status: 'done',
  spans: [{ id: `s-${doc.id}`, start: 0, end: 8, label: 'EVENT', text: 'Shelling', annotator: layer.id, createdAt: '2026-12-04T00:00:00.000Z' }],
  updatedAt: '2026-12-04T00:00:00.000Z',
  timeSpentMs: 0,
  undo: [],
  redo: [],
});

async function stageAll(stage: ImportStage, count: number, from = 0): Promise<DocumentRecord[]> {
  const docs = Array.from({ length: count }, (_, n) => documentOf(from + n));
  for (const doc of docs) {
    await stage.addDocument(doc);
    await stage.addWork({ info: layer, isNew: true, document: workOn(doc) });
  }
  return docs;
}

describe('ImportStage', () => {
  it('hands the files past the first few to its writing thread, and they land in the project whole, stamped', async () => {
    const dir = await projectDir();
    const stage = await ImportStage.create(dir, { threadAfter: 3 });
    await stageAll(stage, 2);
    expect(await stage.onThread()).toBe(true);
    // More than one batch, so that some are in flight while others gather.
    const docs = [...[0, 1].map(documentOf), ...(await stageAll(stage, 148, 2))];
    await stage.commit();
    for (const doc of docs) {
      const file = path.join(dir, 'documents', `${doc.id}.json`);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc);
      expect(stage.stampOf(doc.id)).toBe(await currentStamp(file));
      expect(JSON.parse(await readFile(path.join(dir, 'layers', layer.id, `${doc.id}.json`), 'utf8'))).toEqual(workOn(doc));
    }
    expect((await readdir(path.join(dir, 'layers', layer.id))).sort()).toEqual(['layer.json', ...docs.map((doc) => `${doc.id}.json`)].sort());
    await stage.discard();
    expect(existsSync(path.join(dir, STAGING_DIR))).toBe(false);
  });

  it('fails with the error of a write the thread could not make, once no other write runs', async () => {
    const dir = await projectDir();
    const stage = await ImportStage.create(dir, { threadAfter: 1 });
    await stageAll(stage, 1);
    expect(await stage.onThread()).toBe(true);
    await stageAll(stage, 70, 1);
    // The same document twice: its file exists the second time.
    await stage.addDocument(documentOf(5)).catch(() => undefined);
    const failure = await stage.flush().then(
      () => null,
      (error: NodeJS.ErrnoException) => error,
    );
    expect(failure?.code).toBe('EEXIST');
    expect(failure?.message).toContain('d5.json');
    await stage.discard();
    expect(existsSync(path.join(dir, 'documents'))).toBe(false);
  });

  it('writes everything itself when its thread cannot start', async () => {
    const dir = await projectDir();
    const stage = await ImportStage.create(dir, { threadAfter: 1, thread: { script: 'throw new Error("no thread here")', options: { eval: true } } });
    const docs = await stageAll(stage, 40);
    expect(await stage.onThread()).toBe(false);
    await stage.commit();
    for (const doc of docs) expect(stage.stampOf(doc.id)).toBe(await currentStamp(path.join(dir, 'documents', `${doc.id}.json`)));
    await stage.discard();
  });
});
