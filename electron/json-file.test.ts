import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Backups } from './backups';
import { CorruptFileError, StoreError } from './errors';
import { JsonFile, openJson, parseJson } from './json-file';
import { tempFolder } from './test-support';

const schema = z.looseObject({ count: z.int() });

async function fileIn(dir: string, options: { derived?: boolean; backups?: boolean } = {}) {
  await mkdir(path.join(dir, 'sub'), { recursive: true });
  return new JsonFile({
    root: dir,
    file: 'sub/data.json',
    schema,
    derived: options.derived,
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

describe('parseJson', () => {
  it('accepts a byte order mark', () => {
    expect(parseJson('\uFEFF{"count": 1}', schema)).toEqual({ ok: true, value: { count: 1 } });
  });
});
