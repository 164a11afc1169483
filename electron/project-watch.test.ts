import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchProject } from './project-watch';
import { tempFolder } from './test-support';

interface Watched {
  root: string;
  batches: string[][];
  /** The paths reported from now on, once all of `expected` have been (or after 3 s). */
  seen: (expected: string[]) => Promise<string[]>;
  close: () => void;
}

async function watched(): Promise<Watched> {
  const root = await tempFolder();
  await mkdir(path.join(root, 'documents'));
  await mkdir(path.join(root, 'layers', 'amira'), { recursive: true });
  const batches: string[][] = [];
  const watch = watchProject({
    root,
    folders: [
      { folder: 'documents', depth: 0 },
      { folder: 'layers', depth: 1 },
    ],
    debounceMs: 150,
    onChange: (paths) => batches.push(paths),
  });
  // Watches on subfolders are added asynchronously; give them a moment.
  await settle();
  const seen = async (expected: string[]) => {
    const from = batches.length;
    const union = () => [...new Set(batches.slice(from).flat())].sort();
    const until = Date.now() + 3_000;
    while (!expected.every((p) => union().includes(p)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    return union();
  };
  return { root, batches, seen, close: () => watch.close() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('watchProject', () => {
  it('reports files changed in the watched folders and in existing layer folders, in one batch', async () => {
    const { root, batches, seen, close } = await watched();
    const expected = ['documents/d-1.json', 'layers/amira/d-1.json'];
    const reported = seen(expected);
    await writeFile(path.join(root, 'documents', 'd-1.json'), '{}');
    await writeFile(path.join(root, 'layers', 'amira', 'd-1.json'), '{}');
    expect(await reported).toEqual(expected);
    expect(batches).toHaveLength(1);
    close();
  });

  it('watches layer folders that appear later, and skips temporary files', async () => {
    const { root, seen, close } = await watched();
    const folder = seen(['layers/noor']);
    await mkdir(path.join(root, 'layers', 'noor'));
    expect(await folder).toEqual(['layers/noor']);
    await settle();
    const file = seen(['layers/noor/d-2.json']);
    const temp = path.join(root, 'layers', 'noor', '.d-2.json.1-ab.tmp');
    await writeFile(temp, '{}');
    await rename(temp, path.join(root, 'layers', 'noor', 'd-2.json'));
    expect(await file).toEqual(['layers/noor/d-2.json']);
    close();
  });

  it('reports nothing once closed', async () => {
    const { root, batches, close } = await watched();
    close();
    await writeFile(path.join(root, 'documents', 'd-1.json'), '{}');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(batches).toEqual([]);
  });

  it('gives up quietly on a folder that is missing', async () => {
    const root = await tempFolder();
    const watch = watchProject({ root, folders: [{ folder: 'documents', depth: 0 }], onChange: () => undefined });
    watch.close();
  });
});
