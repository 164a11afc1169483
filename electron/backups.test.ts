import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { writeFileAtomic } from './atomic-file';
import { Backups } from './backups';
import { tempFolder } from './test-support';

const FILE = 'layers/ann/doc.json';

/** A project folder holding FILE at version `current`, with its backups in `backupDir` (default inside it). */
async function setUp(current: number, backupDir?: string) {
  const root = await tempFolder();
  await mkdir(path.join(root, 'layers', 'ann'), { recursive: true });
  const backups = new Backups(root, backupDir ?? path.join(root, '.spanwise', 'backups'));
  await mkdir(path.dirname(backups.pathOf(FILE, 1)), { recursive: true });
  const target = path.join(root, FILE);
  await writeFile(target, version(current));
  /** Save version `n` as JsonFile does: backup kept just before the new version takes the name. */
  const save = (n: number) => writeFileAtomic(target, version(n), { beforeReplace: () => backups.keepCurrent(FILE) });
  const backup = (n: number) => readFile(backups.pathOf(FILE, n), 'utf8').then((text) => JSON.parse(text).version as number);
  return { target, backups, save, backup };
}

function version(n: number): string {
  return `${JSON.stringify({ version: n, spans: Array.from({ length: 200 }, (_, i) => i) })}\n`;
}

describe('Backups', () => {
  it('keeps the versions replaced, newest first, up to three', async () => {
    const { save, backup, backups } = await setUp(1);
    for (let n = 2; n <= 5; n++) await save(n);
    expect([await backup(1), await backup(2), await backup(3)]).toEqual([4, 3, 2]);
    expect((await backups.list(FILE)).map((info) => info.n)).toEqual([1, 2, 3]);
  });

  it('keeps no second copy of a version a crash left as backup 1 before it was replaced', async () => {
    const { target, backups, save, backup } = await setUp(3);
    await writeFile(backups.pathOf(FILE, 3), version(1));
    await writeFile(backups.pathOf(FILE, 2), version(2));
    // The crash came after keepCurrent linked version 3 and before the rename replaced it.
    await link(target, backups.pathOf(FILE, 1));
    await save(4);
    expect([await backup(1), await backup(2), await backup(3)]).toEqual([3, 2, 1]);
  });

  it('rotates backups that earlier crashes left as names of one file without writing into it', async () => {
    const { backups, save, backup } = await setUp(3);
    await writeFile(backups.pathOf(FILE, 1), version(2));
    await link(backups.pathOf(FILE, 1), backups.pathOf(FILE, 2));
    await link(backups.pathOf(FILE, 1), backups.pathOf(FILE, 3));
    const shared = await stat(backups.pathOf(FILE, 1));
    await save(4);
    expect([await backup(1), await backup(2), await backup(3)]).toEqual([3, 2, 2]);
    // The old file was renamed, never opened for writing: a crash in the middle of copying into
    // it would have emptied every backup that shares it.
    expect((await stat(backups.pathOf(FILE, 2))).ino).toBe(shared.ino);
    expect((await stat(backups.pathOf(FILE, 1))).ino).not.toBe(shared.ino);
  });

  it('copies where the backup folder cannot hold a link to the file (another file system)', async (ctx) => {
    const elsewhere = await mkdtemp('/dev/shm/spanwise-backups-').catch(() => null);
    if (!elsewhere) {
      console.log('skipped: no /dev/shm to put backups on another file system');
      return ctx.skip();
    }
    onTestFinished(() => rm(elsewhere, { recursive: true, force: true }));
    const { target, save, backup, backups } = await setUp(1, elsewhere);
    if ((await stat(target)).dev === (await stat(elsewhere)).dev) {
      console.log('skipped: /dev/shm is on the same file system as the project');
      return ctx.skip();
    }
    for (let n = 2; n <= 4; n++) await save(n);
    expect([await backup(1), await backup(2), await backup(3)]).toEqual([3, 2, 1]);
    expect((await readdir(path.dirname(backups.pathOf(FILE, 1)))).sort()).toEqual(['doc.json.1', 'doc.json.2', 'doc.json.3']);
  });
});
