import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerDocument } from '../shared/types';
import { keepsBackups, projectFileKind } from './backup-restore';
import { createService } from './service';
import { tempFolder } from './test-support';

const TEXT = 'Airstrikes hit Idlib on Tuesday. At least two civilians were killed near Kafr Nabl.';

function add(id: string, needle: string, label = 'LOCATION') {
  const start = TEXT.indexOf(needle);
  return [{ op: 'add' as const, span: { id, start, end: start + needle.length, label } }];
}

/** A project whose layer file for one document has been saved three times (so it has two backups). */
async function setUp() {
  const root = await tempFolder();
  const projectDir = path.join(root, 'project');
  const dataDir = path.join(root, 'data');
  const service = await createService({ dataDir, projectDir, mode: 'desktop' });
  const me = (await service.setAnnotator('Amira')).annotator!.id;
  const docId = (await service.importTexts([{ name: 'a.txt', text: TEXT }])).added[0]!;
  await service.editSpans(docId, add('s-1', 'Idlib'));
  await service.editSpans(docId, add('s-2', 'Tuesday', 'DATE'));
  await service.editSpans(docId, add('s-3', 'Kafr Nabl'));
  const file = `layers/${me}/${docId}.json`;
  return { dataDir, projectDir, service, docId, file, absolute: path.join(projectDir, ...file.split('/')) };
}

describe('listBackups', () => {
  it('lists the backups of a layer file, newest first, with time and size', async () => {
    const { projectDir, service, file } = await setUp();
    const backups = await service.listBackups(file);
    expect(backups.map((b) => b.n)).toEqual([1, 2]);
    const newest = await readFile(path.join(projectDir, '.spanwise', 'backups', `${file}.1`));
    expect(backups[0]).toEqual({ n: 1, savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), size: newest.length });
    expect(Date.parse(backups[0]!.savedAt)).toBeGreaterThanOrEqual(Date.parse(backups[1]!.savedAt));
    expect(await service.listBackups('documents/none.json')).toEqual([]);
    await service.close();
  });
});

describe('restoreBackup', () => {
  it('puts back a backup over an unreadable file, keeps the unreadable one aside, and clears the problem', async () => {
    const { dataDir, service, docId, file, absolute } = await setUp();
    await service.close();
    await writeFile(absolute, '{"format": "spanwise-layer", "spans": [');
    const again = await createService({ dataDir, mode: 'desktop' });
    await expect(again.getDocument(docId)).rejects.toMatchObject({ code: 'corrupt' });
    // Marked, so the UI offers its backups.
    expect((await again.getSession()).problems).toEqual([{ file, message: expect.stringContaining('invalid JSON'), restorable: true }]);

    const session = await again.restoreBackup(file, 1);
    expect(session.problems).toEqual([]);
    expect((await again.getDocument(docId)).layer.spans.map((s) => s.id)).toEqual(['s-1', 's-2']);
    const aside = (await readdir(path.dirname(absolute))).filter((name) => name.startsWith(`${docId}.json.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(path.dirname(absolute), aside[0]!), 'utf8')).toBe('{"format": "spanwise-layer", "spans": [');
    // Editing goes on from the restored version.
    expect((await again.editSpans(docId, add('s-4', 'Kafr Nabl'))).spans.map((s) => s.id)).toEqual(['s-1', 's-2', 's-4']);
    await again.close();
  });

  it('keeps a readable file it replaces as .replaced-<time>', async () => {
    const { service, docId, absolute, file } = await setUp();
    await service.restoreBackup(file, 2);
    expect((await service.getDocument(docId)).layer.spans.map((s) => s.id)).toEqual(['s-1']);
    const aside = (await readdir(path.dirname(absolute))).filter((name) => name.startsWith(`${docId}.json.replaced-`));
    expect((JSON.parse(await readFile(path.join(path.dirname(absolute), aside[0]!), 'utf8')) as LayerDocument).spans).toHaveLength(3);
    await service.close();
  });

  it('refuses a backup that cannot be read either, changing nothing', async () => {
    const { projectDir, service, absolute, file } = await setUp();
    await writeFile(path.join(projectDir, '.spanwise', 'backups', `${file}.1`), 'not json');
    const before = await readFile(absolute, 'utf8');
    await expect(service.restoreBackup(file, 1)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^Backup 1 of layers\/.+ cannot be read either \(invalid JSON/),
    });
    expect(await readFile(absolute, 'utf8')).toBe(before);
    await expect(service.restoreBackup(file, 3)).rejects.toMatchObject({ code: 'not-found', message: `There is no backup 3 of ${file}.` });
    await service.close();
  });

  it.each([
    ['../outside.json'],
    ['/etc/passwd'],
    ['layers/../../outside.json'],
    ['layers\\amira\\d.json'],
    ['C:/Windows/win.ini'],
    ['./spanwise-project.json'],
    ['layers//d.json'],
  ])('refuses the path %j before it reaches the project', async (bad) => {
    const { service } = await setUp();
    for (const method of ['listBackups', 'restoreBackup'] as const) {
      const outcome = await service.dispatch(method, method === 'listBackups' ? [bad] : [bad, 1]);
      expect(outcome).toEqual({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('must be a path inside the project') } });
    }
    await service.close();
  });

  it.each([
    ['catalog.json', /rebuilt from the other files/],
    ['layers/amira/summary.json', /rebuilt from the other files/],
    ['.spanwise/lock', /not a file of this project that Spanwise keeps backups of/],
    ['documents/notes.txt', /not a file of this project/],
  ])('refuses %s, which is not a file with backups', async (file, message) => {
    const { service } = await setUp();
    await expect(service.restoreBackup(file, 1)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(message) });
    await service.close();
  });
});

describe('projectFileKind', () => {
  it.each([
    ['spanwise-project.json', 'manifest'],
    ['catalog.json', 'derived'],
    ['documents/d-1.json', 'document'],
    ['layers/amira-4f1c2a/layer.json', 'layer-info'],
    ['layers/amira-4f1c2a/summary.json', 'derived'],
    ['layers/amira-4f1c2a/d-1.json', 'layer-document'],
    ['layers/amira-4f1c2a/d-1.json.corrupt-20260101T000000-000Z', null],
    ['documents/../spanwise-project.json', null],
    ['layers/a/b/c.json', null],
    ['settings.json', null],
  ])('%s is %s', (file, kind) => {
    expect(projectFileKind(file)).toBe(kind);
  });
});

describe('keepsBackups', () => {
  it('holds for the files that hold work, not for derived or foreign ones', () => {
    const kept = ['spanwise-project.json', 'documents/d-1.json', 'layers/amira-4f1c2a/layer.json', 'layers/amira-4f1c2a/d-1.json'];
    const notKept = ['catalog.json', 'layers/amira-4f1c2a/summary.json', 'layers/a/d-1.json.unsaved-20260101T000000-000Z', '.spanwise/label-change.json', 'settings.json'];
    expect(kept.filter(keepsBackups)).toEqual(kept);
    expect(notKept.filter(keepsBackups)).toEqual([]);
  });
});
