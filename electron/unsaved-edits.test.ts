import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ApiEvent } from '../shared/api';
import type { LayerDocument } from '../shared/types';
import { writeFileAtomic, type AtomicWrite } from './atomic-file';
import { lockPath } from './project-lock';
import { createService, type Service } from './service';
import { tempFolder } from './test-support';

const TEXT = 'Airstrikes hit Idlib on Tuesday. At least two civilians were killed near Kafr Nabl.';

function range(needle: string): { start: number; end: number } {
  const start = TEXT.indexOf(needle);
  return { start, end: start + needle.length };
}

const add = (id: string, needle: string, label = 'LOCATION') => [{ op: 'add' as const, span: { id, ...range(needle), label } }];

/** A disk that can be made to refuse every write, as a full disk does (the failure comes from the writer). */
function diskThatFills(): { writeFile: AtomicWrite; fill: () => void; free: () => void } {
  let full = false;
  return {
    writeFile: async (file, data, options) => {
      if (full) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC', errno: -28, syscall: 'open', path: file });
      }
      return writeFileAtomic(file, data, options);
    },
    fill: () => (full = true),
    free: () => (full = false),
  };
}

async function setUp(writeFile: AtomicWrite | undefined, retryDelaysMs: number[]) {
  const root = await tempFolder();
  const projectDir = path.join(root, 'project');
  const service = await createService({ dataDir: path.join(root, 'data'), projectDir, mode: 'desktop', storage: { writeFile, retryDelaysMs } });
  const me = (await service.setAnnotator('Amira')).annotator!.id;
  const [docA, docB] = (await service.importTexts([{ name: 'a.txt', text: TEXT }, { name: 'b.txt', text: `${TEXT} Again.` }])).added;
  const events: ApiEvent[] = [];
  service.onEvent((event) => events.push(event));
  const fileOf = (docId: string) => path.join(projectDir, 'layers', me, `${docId}.json`);
  return { projectDir, service, me, docA: docA!, docB: docB!, events, fileOf };
}

async function spansOnDisk(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  return ((JSON.parse(await readFile(file, 'utf8')) as LayerDocument).spans.map((s) => s.id)).sort();
}

async function spansShown(service: Service, docId: string): Promise<string[]> {
  return (await service.getDocument(docId)).layer.spans.map((s) => s.id).sort();
}

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const saveStatuses = (events: ApiEvent[]) => events.filter((e) => e.type === 'save-status');

describe('an edit the disk refuses (full, read-only)', () => {
  it('fails with io saying it is kept, shows in getDocument, and is saved once the disk takes writes again', async () => {
    const disk = diskThatFills();
    const { service, me, docA, events, fileOf } = await setUp(disk.writeFile, [40]);
    await service.editSpans(docA, add('s-1', 'Idlib'));
    disk.fill();

    const refused = await service.dispatch('editSpans', [docA, add('s-2', 'Tuesday', 'DATE')]);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'io',
        message: `Could not save to layers/${me}/${docA}.json: the disk is full; your edit is kept and will be saved when the disk is writable again.`,
      },
    });
    await expect(service.editSpans(docA, add('s-3', 'Kafr Nabl'))).rejects.toMatchObject({ code: 'io' });
    expect(await spansShown(service, docA)).toEqual(['s-1', 's-2', 's-3']);
    expect(await spansOnDisk(fileOf(docA))).toEqual(['s-1']);
    expect(saveStatuses(events).at(-1)).toEqual({ type: 'save-status', pending: 1, error: expect.stringContaining('the disk is full') });
    expect((await service.listDocuments()).find((d) => d.id === docA)?.spanCount).toBe(3);

    disk.free();
    await eventually(() => saveStatuses(events).at(-1)?.pending === 0, 'save-status pending 0');
    expect(saveStatuses(events).at(-1)).toEqual({ type: 'save-status', pending: 0 });
    expect(await spansOnDisk(fileOf(docA))).toEqual(['s-1', 's-2', 's-3']);
    await service.close();
  });

  it('tries the waiting saves again on the next edit, of any document', async () => {
    const disk = diskThatFills();
    const { service, docA, docB, fileOf } = await setUp(disk.writeFile, [60_000]);
    await service.editSpans(docA, add('s-1', 'Idlib'));
    disk.fill();
    await expect(service.editSpans(docA, add('s-2', 'Tuesday', 'DATE'))).rejects.toMatchObject({ code: 'io' });
    disk.free();
    await service.editSpans(docB, add('s-b', 'Idlib'));
    await eventually(async () => (await spansOnDisk(fileOf(docA))).length === 2, 'the waiting save');
    expect(await spansOnDisk(fileOf(docA))).toEqual(['s-1', 's-2']);
    await service.close();
  });

  it('keeps the first edit of a new layer too, folder and layer.json included', async () => {
    const disk = diskThatFills();
    const { projectDir, service, me, docA, fileOf } = await setUp(disk.writeFile, [30]);
    disk.fill();
    await expect(service.editSpans(docA, add('s-1', 'Idlib'))).rejects.toMatchObject({ code: 'io' });
    expect(await spansShown(service, docA)).toEqual(['s-1']);
    disk.free();
    await eventually(async () => (await spansOnDisk(fileOf(docA))).length === 1, 'the first save');
    expect(JSON.parse(await readFile(path.join(projectDir, 'layers', me, 'layer.json'), 'utf8'))).toMatchObject({ id: me, name: 'Amira' });
    await service.close();
  });

  it('says so on close when edits could still not be saved, and releases the project all the same', async () => {
    const disk = diskThatFills();
    const { projectDir, service, docA } = await setUp(disk.writeFile, [60_000]);
    disk.fill();
    await expect(service.editSpans(docA, add('s-1', 'Idlib'))).rejects.toMatchObject({ code: 'io' });
    await expect(service.close()).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('could not be saved before closing') });
    expect(existsSync(lockPath(projectDir))).toBe(false);
  });

  it('never writes waiting edits over a version another program put there meanwhile: they are kept beside it', async () => {
    const disk = diskThatFills();
    const { service, me, docA, events, fileOf } = await setUp(disk.writeFile, [40]);
    await service.editSpans(docA, add('s-1', 'Idlib'));
    disk.fill();
    await expect(service.editSpans(docA, add('s-2', 'Tuesday', 'DATE'))).rejects.toMatchObject({ code: 'io' });
    const file = fileOf(docA);
    const theirs = { ...(JSON.parse(await readFile(file, 'utf8')) as LayerDocument), spans: [] };
    await writeFile(`${file}.sync`, JSON.stringify(theirs));
    await rename(`${file}.sync`, file);
    disk.free();

    await eventually(() => saveStatuses(events).at(-1)?.pending === 0, 'the waiting save to be set aside');
    expect(await spansOnDisk(file)).toEqual([]);
    expect(await spansShown(service, docA)).toEqual([]);
    const aside = (await readdir(path.dirname(file))).filter((name) => name.startsWith(`${docA}.json.unsaved-`));
    expect(aside).toHaveLength(1);
    expect(await spansOnDisk(path.join(path.dirname(file), aside[0]!))).toEqual(['s-1', 's-2']);
    expect((await service.getSession()).problems).toEqual([
      { file: `layers/${me}/${docA}.json`, message: expect.stringContaining(`kept your edits in layers/${me}/${aside[0]}`), restorable: true },
    ]);
    await service.close();
  });

  it('keeps and then saves edits in a folder made truly read-only (chattr +i), where the system allows it', async (ctx) => {
    const { service, docA, events, fileOf } = await setUp(undefined, [40]);
    await service.editSpans(docA, add('s-1', 'Idlib'));
    const folder = path.dirname(fileOf(docA));
    // Running as root, permissions do not stop writes; the immutable attribute does, where the
    // file system and the container allow setting it.
    const locked = spawnSync('chattr', ['+i', folder], { encoding: 'utf8' });
    if (locked.status !== 0) {
      await service.close();
      console.log(`skipped: cannot make a folder immutable here (${locked.error?.message ?? locked.stderr.trim()})`);
      ctx.skip();
      return;
    }
    onTestFinished(() => void spawnSync('chattr', ['-i', folder]));
    await expect(service.editSpans(docA, add('s-2', 'Tuesday', 'DATE'))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('the folder is read-only; your edit is kept'),
    });
    expect(await spansShown(service, docA)).toEqual(['s-1', 's-2']);
    spawnSync('chattr', ['-i', folder]);
    await eventually(() => saveStatuses(events).at(-1)?.pending === 0, 'save-status pending 0');
    expect(await spansOnDisk(fileOf(docA))).toEqual(['s-1', 's-2']);
    await service.close();
  });
});
