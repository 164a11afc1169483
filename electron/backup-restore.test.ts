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

describe('restoreManifestBackup', () => {
  const CORRUPT = '{"format": "spanwise-project", "version": 1, "na';

  /**
   * A project whose manifest was saved over once (so it has one backup), then truncated while
   * Spanwise was closed: the service starting again cannot open it and opens the sample instead.
   */
  async function unopenable(options: { backups: boolean } = { backups: true }) {
    const root = await tempFolder();
    const projectDir = path.join(root, 'project');
    const dataDir = path.join(root, 'data');
    const first = await createService({ dataDir, projectDir, mode: 'desktop' });
    const labels = (await first.getSession()).project!.labels;
    const original = await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8');
    if (options.backups) await first.updateLabels(labels.map((label) => (label.name === 'DATE' ? { ...label, definition: 'When it happened' } : label)), {});
    await first.close();
    await writeFile(path.join(projectDir, 'spanwise-project.json'), CORRUPT);
    const service = await createService({ dataDir, mode: 'desktop' });
    return { root, projectDir, dataDir, service, original };
  }

  it('lists and puts back a backup of the unreadable manifest of a folder that failed to open, keeping it aside, and opens the project', async () => {
    const { projectDir, service, original } = await unopenable();
    expect((await service.getSession()).problems[0]!.message).toMatch(/spanwise-project\.json could not be read: invalid JSON/);
    await expect(service.openProject(projectDir)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/^spanwise-project\.json could not be read: invalid JSON/) });

    const backups = await service.listManifestBackups(projectDir);
    expect(backups).toEqual([{ n: 1, savedAt: expect.stringMatching(/^\d{4}-/), size: Buffer.byteLength(original) }]);
    const session = await service.restoreManifestBackup(projectDir, 1);

    expect(session.project).toMatchObject({ dir: projectDir });
    expect(session.problems).toEqual([]);
    expect(await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8')).toBe(original);
    const aside = (await readdir(projectDir)).filter((name) => name.startsWith('spanwise-project.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(projectDir, aside[0]!), 'utf8')).toBe(CORRUPT);
    // Open now: its backups are restored from within the project, like any other file's.
    await expect(service.listManifestBackups(projectDir)).rejects.toMatchObject({ code: 'bad-request' });
    await service.close();
  });

  it('works through dispatch, as both transports call it', async () => {
    const { projectDir, service, original } = await unopenable();
    expect(await service.dispatch('listManifestBackups', [projectDir])).toMatchObject({ ok: true, result: [{ n: 1 }] });
    expect(await service.dispatch('restoreManifestBackup', [projectDir, 1])).toMatchObject({ ok: true, result: { project: { dir: projectDir } } });
    expect(await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8')).toBe(original);
    await service.close();
  });

  it.each([
    ['restoreManifestBackup', ['project', 1], /Give the full path of the folder/],
    ['restoreManifestBackup', ['', 1], /argument 0/],
    ['restoreManifestBackup', ['/tmp', 0], /argument 1/],
    ['restoreManifestBackup', ['/tmp', 1.5], /argument 1/],
    ['restoreManifestBackup', ['/tmp'], /expected array to have >=2 items/],
    ['listManifestBackups', [42], /argument 0/],
  ])('refuses %s with %j', async (method, args, message) => {
    const { service } = await unopenable();
    expect(await service.dispatch(method, args)).toEqual({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(message) } });
    await service.close();
  });

  it('refuses folders other than one that failed to open, however they are spelled', async () => {
    const { root, projectDir, dataDir, service } = await unopenable();
    const open = (await service.getSession()).project!.dir;
    for (const dir of [open, root, dataDir, path.join(projectDir, '..', 'data'), path.join(projectDir, '.spanwise', 'backups'), '/etc']) {
      for (const call of [() => service.listManifestBackups(dir), () => service.restoreManifestBackup(dir, 1)]) {
        await expect(call()).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('is not a project folder that Spanwise failed to open') });
      }
    }
    // The same folder named with a detour is the same folder.
    expect(await service.listManifestBackups(path.join(projectDir, '..', 'project'))).toHaveLength(1);
    await service.close();
  });

  it('says so when the manifest has no backups, changing nothing', async () => {
    const { projectDir, service } = await unopenable({ backups: false });
    expect(await service.listManifestBackups(projectDir)).toEqual([]);
    await expect(service.restoreManifestBackup(projectDir, 1)).rejects.toMatchObject({
      code: 'not-found',
      message: `There is no backup 1 of spanwise-project.json in ${projectDir}.`,
    });
    expect(await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8')).toBe(CORRUPT);
    await service.close();
  });

  it('refuses a backup that cannot be read either, and a manifest mended meanwhile', async () => {
    const { projectDir, service, original } = await unopenable();
    const backup = path.join(projectDir, '.spanwise', 'backups', 'spanwise-project.json.1');
    await writeFile(backup, '{"format": "spanwise-project"}');
    await expect(service.restoreManifestBackup(projectDir, 1)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^Backup 1 of spanwise-project\.json cannot be read either \(field/),
    });
    expect(await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8')).toBe(CORRUPT);

    await writeFile(backup, original);
    await writeFile(path.join(projectDir, 'spanwise-project.json'), original);
    await expect(service.restoreManifestBackup(projectDir, 1)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('reads fine') });
    expect((await readdir(projectDir)).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    await service.close();
  });

  it('refuses while another Spanwise holds the project', async () => {
    const { projectDir, dataDir, service, original } = await unopenable();
    await writeFile(path.join(projectDir, 'spanwise-project.json'), original);
    const other = await createService({ dataDir: `${dataDir}-other`, projectDir, mode: 'desktop' });
    await writeFile(path.join(projectDir, 'spanwise-project.json'), CORRUPT);
    await expect(service.restoreManifestBackup(projectDir, 1)).rejects.toMatchObject({ code: 'read-only' });
    expect(await readFile(path.join(projectDir, 'spanwise-project.json'), 'utf8')).toBe(CORRUPT);
    await other.close();
    await service.close();
  });
});
