import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Backups } from './backups';
import { CorruptFileError, FileChangedError, StoreError } from './errors';
import { INDENTED_MAX_LENGTH, JsonFile, openJson, parseJson, serializeJson } from './json-file';
import { tempFolder } from './test-support';

const schema = z.looseObject({ count: z.int() });

async function fileIn(dir: string, options: { derived?: boolean; backups?: boolean; refuseExternalChanges?: boolean } = {}) {
  await mkdir(path.join(dir, 'sub'), { recursive: true });
  return new JsonFile({
    root: dir,
    file: 'sub/data.json',
    schema,
    derived: options.derived,
    refuseExternalChanges: options.refuseExternalChanges,
    backups: options.backups ? new Backups(dir, path.join(dir, '.spanwise', 'backups')) : undefined,
  });
}

describe('JsonFile', () => {
  it('reads null for a missing file and round-trips what it writes', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir);
    expect(await file.read()).toBeNull();
    await file.write({ count: 3 });
    expect(await file.read()).toEqual({ count: 3 });
    expect(JSON.parse(await readFile(path.join(dir, 'sub', 'data.json'), 'utf8'))).toEqual({ count: 3 });
  });

  it('works as a lowdb adapter', async () => {
    const dir = await tempFolder();
    const { db, existed } = await openJson(await fileIn(dir), { count: 0 });
    expect(existed).toBe(false);
    db.data.count = 7;
    await db.write();
    expect((await openJson(await fileIn(dir), { count: 0 })).db.data).toEqual({ count: 7 });
  });

  it.each([
    ['', 'the file is empty'],
    ['{"count": 1', 'invalid JSON'],
    ['{"count": "one"}', 'field "count"'],
    ['[1, 2]', 'the contents'],
  ])('names the file and the reason for %j, and never writes over it', async (contents, reason) => {
    const dir = await tempFolder();
    const target = path.join(dir, 'sub', 'data.json');
    const file = await fileIn(dir);
    await writeFile(target, contents);
    const error = await file.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).file).toBe('sub/data.json');
    expect((error as Error).message).toContain('sub/data.json');
    expect((error as Error).message).toContain(reason);
    const refused = await file.write({ count: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('corrupt');
    expect(await readFile(target, 'utf8')).toBe(contents);
  });

  it('reads an unreadable derived file as missing and lets it be rebuilt', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir, { derived: true });
    await writeFile(path.join(dir, 'sub', 'data.json'), 'garbage');
    expect(await file.read()).toBeNull();
    await file.write({ count: 2 });
    expect(await file.read()).toEqual({ count: 2 });
  });

  it('keeps the last three versions as rotating backups', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir, { backups: true });
    for (let count = 1; count <= 5; count++) await file.write({ count });
    const backup = (n: number) => readFile(path.join(dir, '.spanwise', 'backups', 'sub', `data.json.${n}`), 'utf8').then(JSON.parse);
    expect(await backup(1)).toEqual({ count: 4 });
    expect(await backup(2)).toEqual({ count: 3 });
    expect(await backup(3)).toEqual({ count: 2 });
    await expect(backup(4)).rejects.toThrow();
    expect(await file.read()).toEqual({ count: 5 });
  });

  it('resolves each write only once its version (or a newer one) is on disk, in order', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir);
    const target = path.join(dir, 'sub', 'data.json');
    const seen: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map((count) =>
        file.write({ count }).then(async () => seen.push((JSON.parse(await readFile(target, 'utf8')) as { count: number }).count)),
      ),
    );
    for (const [i, count] of seen.entries()) expect(count).toBeGreaterThanOrEqual(i + 1);
    expect(await file.read()).toEqual({ count: 4 });
  });
});

describe('JsonFile and other programs', () => {
  // How other programs change a file: in place (an editor), replaced by rename (sync tools, git),
  // only touched, removed, or created where there was none.
  const changes: Array<[string, (target: string) => Promise<void>]> = [
    ['rewritten in place', (target) => writeFile(target, '{"count": 99}')],
    ['replaced by a rename', async (target) => {
      await writeFile(`${target}.new`, '{"count": 1}');
      await rename(`${target}.new`, target);
    }],
    ['touched', (target) => utimes(target, new Date(), new Date(Date.now() + 5_000))],
    ['removed', (target) => rm(target)],
  ];

  it.each(changes)('notices a file %s since it was read or written', async (_how, change) => {
    const dir = await tempFolder();
    const file = await fileIn(dir);
    expect(await file.changedOnDisk()).toBe(false);
    await file.write({ count: 1 });
    expect(await file.changedOnDisk()).toBe(false);
    await change(path.join(dir, 'sub', 'data.json'));
    expect(await file.changedOnDisk()).toBe(true);
  });

  it('notices a file created where it read none, and takes a fresh read as the new baseline', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir);
    expect(await file.read()).toBeNull();
    await writeFile(path.join(dir, 'sub', 'data.json'), '{"count": 5}');
    expect(await file.changedOnDisk()).toBe(true);
    expect(await file.read()).toEqual({ count: 5 });
    expect(await file.changedOnDisk()).toBe(false);
  });

  it.each(changes)('refuses to write over a file %s, when asked to guard it, leaving it as it is', async (_how, change) => {
    const dir = await tempFolder();
    const file = await fileIn(dir, { refuseExternalChanges: true, backups: true });
    const target = path.join(dir, 'sub', 'data.json');
    await file.write({ count: 1 });
    await change(target);
    const theirs = await readFile(target, 'utf8').catch(() => null);
    const error = await file.write({ count: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as FileChangedError).code).toBe('conflict');
    expect((error as Error).message).toBe('sub/data.json was changed on disk by another program since Spanwise read it, so it was not written over.');
    expect(await readFile(target, 'utf8').catch(() => null)).toBe(theirs);
    // Once read again, writing goes on.
    await file.read();
    await file.write({ count: 3 });
    expect(await file.read()).toEqual({ count: 3 });
  });

  it('writes over external changes when not asked to guard the file (settings, derived files)', async () => {
    const dir = await tempFolder();
    const file = await fileIn(dir);
    await file.write({ count: 1 });
    await writeFile(path.join(dir, 'sub', 'data.json'), '{"count": 99}');
    await file.write({ count: 2 });
    expect(await file.read()).toEqual({ count: 2 });
  });
});

describe('serializeJson', () => {
  it('indents a file people read and diff, and not a large one, which reads back the same', () => {
    const small = { format: 'x', spans: [{ id: 's-1', start: 0, end: 4 }] };
    expect(serializeJson(small)).toBe(`${JSON.stringify(small, null, 2)}\n`);
    const large = { format: 'x', spans: Array.from({ length: INDENTED_MAX_LENGTH / 20 }, (_, i) => ({ id: `s-${i}`, start: i, end: i + 1 })) };
    const text = serializeJson(large);
    expect(text).toBe(`${JSON.stringify(large)}\n`);
    expect(text.length).toBeGreaterThan(INDENTED_MAX_LENGTH);
    expect(JSON.parse(text)).toEqual(large);
  });
});

describe('parseJson', () => {
  it('accepts a byte order mark', () => {
    expect(parseJson('\uFEFF{"count": 1}', schema)).toEqual({ ok: true, value: { count: 1 } });
  });
});
