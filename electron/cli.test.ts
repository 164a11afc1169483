import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createService } from './service';

const run = promisify(execFile);
const cliFile = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Run the CLI from source, as `spanwise …` would run the built copy. */
async function spanwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cliFile, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'spanwise-cli-test-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('spanwise', () => {
  it('explains itself with --help and with no command', async () => {
    for (const args of [['--help'], []]) {
      const { code, stdout } = await spanwise(...args);
      expect(code).toBe(0);
      expect(stdout).toContain('stats <project>');
    }
  });

  it('documents every option of every command in its --help, with its description', async () => {
    // The commands and options as cli.ts declares them, so a new one cannot go unchecked.
    const source = await readFile(cliFile, 'utf8');
    const commands = [...source.matchAll(/\.command\('(\S+)[^']*', (['"])(.+?)\2\)([\s\S]*?)\.action\(/g)];
    expect(commands.map(([, name]) => name)).toEqual(['stats', 'suggest', 'merge', 'agreement', 'import', 'export']);
    for (const [, name, , description, body] of commands) {
      const options = [...body.matchAll(/\.option\('(--[a-z-]+)[^']*', (['"`])(.*?)\2/g)];
      expect(options.length, name).toBeGreaterThan(0);
      const { code, stdout } = await spanwise(name, '--help');
      expect(code, name).toBe(0);
      expect(stdout, name).toContain(description);
      for (const [, option, , text] of options) {
        // The description up to its first interpolation, which is filled in at run time.
        const line = stdout.split('\n').find((candidate) => candidate.trimStart().startsWith(option));
        expect(line, `${name} ${option}`).toBeDefined();
        expect(line, `${name} ${option}`).toContain(text.split('${')[0].trim());
      }
    }
  }, 60_000);

  it('refuses an unknown command', async () => {
    const { code, stderr } = await spanwise('frobnicate');
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown command "frobnicate"');
  });

  it('says when the folder is not a project', async () => {
    const missing = path.join(root, 'missing');
    const { code, stderr } = await spanwise('stats', missing);
    expect(code).toBe(1);
    expect(stderr).toContain(`${missing} is not a Spanwise project`);
  });

  it('prints the counts of a project as JSON', async () => {
    const dir = path.join(root, 'project');
    const service = await createService({ dataDir: path.join(root, 'data'), projectDir: dir, mode: 'desktop' });
    await service.importTexts([{ name: 'a.txt', text: 'Shelling hit Ariha.' }]);
    await service.close();

    const { code, stdout } = await spanwise('stats', dir, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dir, documents: 1, layers: [], problems: [] });
  });
});
