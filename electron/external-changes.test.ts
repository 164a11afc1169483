import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../shared/api';
import type { LayerDocument, Span } from '../shared/types';
import { createService, type Service } from './service';
import { tempFolder } from './test-support';
import { textHash } from './text-hash';

const TEXT = 'Airstrikes hit Idlib on Tuesday. At least two civilians were killed near Kafr Nabl.';

async function setUp(): Promise<{ projectDir: string; service: Service; docId: string; layerFile: string; events: ApiEvent[] }> {
  const root = await tempFolder();
  const projectDir = path.join(root, 'project');
  const service = await createService({ dataDir: path.join(root, 'data'), projectDir, mode: 'desktop' });
  const me = (await service.setAnnotator('Amira')).annotator!.id;
  const docId = (await service.importTexts([{ name: 'a.txt', text: TEXT }])).added[0]!;
  await service.editSpans(docId, [{ op: 'add', span: { id: 's-idlib', ...range('Idlib'), label: 'LOCATION' } }]);
  const events: ApiEvent[] = [];
  service.onEvent((event) => events.push(event));
  return { projectDir, service, docId, layerFile: path.join(projectDir, 'layers', me, `${docId}.json`), events };
}

function range(needle: string): { start: number; end: number } {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

function span(id: string, needle: string, label: string): Span {
  return { id, ...range(needle), label, text: needle, annotator: 'someone-else', createdAt: '2026-01-01T00:00:00.000Z' };
}

async function readLayer(file: string): Promise<LayerDocument> {
  return JSON.parse(await readFile(file, 'utf8')) as LayerDocument;
}

/** Change a layer file the way a sync tool or `git pull` does: a new file renamed over the old. */
async function changeOnDisk(file: string, change: (doc: LayerDocument) => LayerDocument): Promise<void> {
  const next = change(await readLayer(file));
  await writeFile(`${file}.incoming`, JSON.stringify(next, null, 2));
  await rename(`${file}.incoming`, file);
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ids = (spans: Span[]) => spans.map((s) => s.id).sort();

describe('a layer file changed by another program while the project is open', () => {
  it('is reloaded and announced as documents-changed, without any call asking', async () => {
    const { service, docId, layerFile, events } = await setUp();
    await changeOnDisk(layerFile, (doc) => ({ ...doc, spans: [...doc.spans, span('s-tuesday', 'Tuesday', 'DATE')] }));
    await eventually(() => events.some((e) => e.type === 'documents-changed' && e.docIds.includes(docId)), 'documents-changed');
    expect(ids((await service.getDocument(docId)).layer.spans)).toEqual(['s-idlib', 's-tuesday']);
    expect((await service.listDocuments())[0]).toMatchObject({ id: docId, spanCount: 2 });
    await service.close();
  });

  it('is never written over: an edit is applied on top of the version on disk', async () => {
    const { service, docId, layerFile } = await setUp();
    // In place, and before the watcher can have seen it: the check before the write must catch it.
    const doc = await readLayer(layerFile);
    await writeFile(layerFile, JSON.stringify({ ...doc, spans: [...doc.spans, span('s-tuesday', 'Tuesday', 'DATE')] }));
    const result = await service.editSpans(docId, [{ op: 'add', span: { id: 's-civ', ...range('two civilians'), label: 'CASUALTY' } }]);
    expect(ids(result.spans)).toEqual(['s-civ', 's-idlib', 's-tuesday']);
    expect(ids((await readLayer(layerFile)).spans)).toEqual(['s-civ', 's-idlib', 's-tuesday']);
    await service.close();
  });

  it('refuses, with conflict and the file named, an edit that no longer applies, and leaves the file alone', async () => {
    const { service, docId, layerFile } = await setUp();
    await changeOnDisk(layerFile, (doc) => ({ ...doc, spans: [] }));
    const onDisk = await readFile(layerFile, 'utf8');
    const outcome = await service.dispatch('editSpans', [docId, [{ op: 'update', id: 's-idlib', set: { label: 'ACTOR' } }]]);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^layers\/amira-\w+\/d-\w+\.json was changed on disk by another program.*No span with id "s-idlib"/) },
    });
    expect(await readFile(layerFile, 'utf8')).toBe(onDisk);
    expect((await service.getDocument(docId)).layer.spans).toEqual([]);
    await service.close();
  });

  it('undo works on the reloaded version when it still applies', async () => {
    const { service, docId, layerFile } = await setUp();
    await changeOnDisk(layerFile, (doc) => ({ ...doc, spans: [...doc.spans, span('s-tuesday', 'Tuesday', 'DATE')] }));
    // The undo of the add of s-idlib is stored in the file, so it survives the reload.
    const result = await service.undo(docId);
    expect(ids(result.spans)).toEqual(['s-tuesday']);
    await service.close();
  });
});

describe('a document file added by another program while the project is open', () => {
  it('joins the catalog and the document list', async () => {
    const { projectDir, service, events } = await setUp();
    const text = 'Shelling in Maarat al-Numan on Monday.';
    const doc = { id: 'pulled-1', title: 'Pulled', text, textHash: textHash(text), meta: {}, importedAt: '2026-01-02T00:00:00.000Z' };
    await writeFile(path.join(projectDir, 'documents', 'pulled-1.json'), JSON.stringify(doc));
    await eventually(() => events.some((e) => e.type === 'documents-changed' && e.docIds.includes('pulled-1')), 'the new document');
    expect((await service.listDocuments()).map((d) => d.id)).toContain('pulled-1');
    expect((await service.getDocument('pulled-1')).document.text).toBe(text);
    const catalog = JSON.parse(await readFile(path.join(projectDir, 'catalog.json'), 'utf8')) as { documents: Array<{ id: string }> };
    expect(catalog.documents.map((d) => d.id)).toContain('pulled-1');
    await service.close();
  });

  it('announces nothing for the documents this process imported itself', async () => {
    const { service, events } = await setUp();
    const before = events.length;
    await service.importTexts([{ name: 'b.txt', text: 'Another article about Aleppo.' }]);
    const afterImport = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.slice(afterImport)).toEqual([]);
    expect(afterImport).toBeGreaterThan(before);
    await service.close();
  });
});
