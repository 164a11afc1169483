import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTempFileName, writeFileAtomic } from './atomic-file';
import { tempFolder } from './test-support';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temporary file behind', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(await readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('leaves the old version whole when the replacement fails before the rename', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'old');
    const failing = writeFileAtomic(file, 'new', {
      beforeReplace: async () => {
        throw new Error('disk gone');
      },
    });
    await expect(failing).rejects.toThrow('disk gone');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter(isTempFileName)).toEqual([]);
  });

  it('leaves a whole, parseable file when the writing process is killed mid-write', async () => {
    const dir = await tempFolder();
    const target = path.join(dir, 'state.json');
    const child = path.join(dir, 'writer.mts');
    // Each version is ~1 MB, so a kill lands inside a write most of the time.
    await writeFile(
      child,
      `import { writeFileAtomic } from ${JSON.stringify(path.join(repoRoot, 'electron', 'atomic-file.ts'))};
       const filler = 'x'.repeat(1_000_000);
       for (let n = 0; ; n++) {
         await writeFileAtomic(${JSON.stringify(target)}, JSON.stringify({ n, filler }));
         if (n === 2) process.stdout.write('writing\\n');
       }`,
    );
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.once('exit', resolve));
    const saved = JSON.parse(await readFile(target, 'utf8')) as { n: number; filler: string };
    expect(saved.n).toBeGreaterThanOrEqual(2);
    expect(saved.filler).toHaveLength(1_000_000);
  });
});
