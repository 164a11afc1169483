import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Project } from './project';
import { tempFolder } from './test-support';

const run = promisify(execFile);
const cliFile = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Run the CLI from source in a child process, as `spanwise …` runs the built copy. */
async function spanwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cliFile, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function emptyProject(root: string): Promise<string> {
  const dir = path.join(root, 'project');
  await (await Project.create(dir, 'CLI test')).close();
  return dir;
}

async function incoming(root: string): Promise<string> {
  const dir = path.join(root, 'incoming');
  await mkdir(dir);
  await writeFile(path.join(dir, 'one.txt'), 'Airstrikes hit Idlib\n\nRussian warplanes struck Ariha on Tuesday.');
  await writeFile(
    path.join(dir, 'tagged.jsonl'),
    [
      { text: 'Assad forces shelled Kafr Nabl on Monday.', label: [[0, 12, 'ORG'], [21, 30, 'GPE'], [34, 40, 'MISC']] },
      { text: 'Families fled Maarat al-Numan.', label: [[14, 29, 'GPE']] },
      { text: 'Turkish troops entered Afrin.', label: [[0, 14, 'NORP'], [23, 28, 'GPE']] },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n'),
  );
  return dir;
}

describe('spanwise import and export', () => {
  it('document every option in --help', async () => {
    const help = await spanwise('--help');
    expect(help.stdout).toContain('import <project> <...paths>');
    expect(help.stdout).toContain('export <project>');
    const importHelp = await spanwise('import', '--help');
    for (const option of ['--annotator', '--format', '--map', '--new-label', '--json']) expect(importHelp.stdout).toContain(option);
    const exportHelp = await spanwise('export', '--help');
    for (const option of ['--format', '--out', '--layer', '--split', '--seed', '--done-only', '--stratify', '--overwrite', '--json']) expect(exportHelp.stdout).toContain(option);
  }, 30_000);

  it('import a folder with a mapping, then export IOB2 split 80/20', async () => {
    const root = await tempFolder();
    const project = await emptyProject(root);
    const dir = await incoming(root);
    const imported = await spanwise('import', project, dir, '--annotator', 'Old tool', '--map', 'MISC=');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 4 documents');
    expect(imported.stdout).toContain('label MISC (1 spans) → dropped');
    expect(imported.stdout).toContain('layer "Old tool"');
    expect(imported.stderr).toContain('Reading');

    const out = path.join(root, 'dataset');
    const exported = await spanwise('export', project, '--format', 'conll', '--out', out, '--layer', 'Old tool', '--split', '80,20', '--seed', '5');
    expect(exported.code).toBe(0);
    // Progress goes to stderr, one line per step, so stdout stays the report.
    expect(exported.stderr).toMatch(/^Writing 3 documents of train…\nWriting 1 documents of validation…\n$/);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'train.conll', 'validation.conll']);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { seed: number; splits: Array<{ documents: string[] }> };
    expect(manifest.seed).toBe(5);
    expect(manifest.splits.map((split) => split.documents.length)).toEqual([3, 1]);
    const all = (await readFile(path.join(out, 'train.conll'), 'utf8')) + (await readFile(path.join(out, 'validation.conll'), 'utf8'));
    expect(all).toContain('Turkish B-ACTOR\ntroops I-ACTOR\n');
    expect(all).toMatch(/^[^\n]+ (O|[BI]-[A-Z]+)$/m);

    const json = await spanwise('stats', project, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ documents: 4 });
  }, 60_000);

  it('add a foreign label to the project with --new-label', async () => {
    const root = await tempFolder();
    const project = await emptyProject(root);
    const dir = await incoming(root);
    const imported = await spanwise('import', project, dir, '--new-label', 'MISC', '--new-label', 'NORP');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('label MISC (1 spans) → added to the project as a new label');
    expect(imported.stdout).toContain('label NORP (1 spans) → added to the project as a new label');
    const manifest = JSON.parse(await readFile(path.join(project, 'spanwise-project.json'), 'utf8')) as { labels: Array<{ name: string }> };
    expect(manifest.labels.map((label) => label.name)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'CASUALTY', 'MISC', 'NORP']);
    const bad = await spanwise('import', project, dir, '--new-label', 'MISC', '--map', 'GPE=PLACE');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Cannot map GPE to PLACE: it is not a label of this project/);
  }, 60_000);

  it('exit non-zero with a one-line reason on bad input', async () => {
    const root = await tempFolder();
    const project = await emptyProject(root);
    const bad = path.join(root, 'bad.jsonl');
    await writeFile(bad, '{"text": "ok"}\n{"text": 5}\n');
    const cases: Array<[string[], RegExp]> = [
      [['import', project, bad], /bad\.jsonl:2: record has no "text" string field/],
      [['import', project, path.join(root, 'missing.txt')], /There is no file or folder/],
      [['import', project, bad, '--format', 'pdf'], /--format pdf is not a format/],
      [['import', project, bad, '--map', 'PER'], /--map PER: write FROM=TO/],
      [['export', project, '--format', 'csv', '--out', path.join(root, 'o')], /Give --format, one of/],
      [['export', project, '--format', 'conll'], /Give --out/],
      [['export', project, '--format', 'conll', '--out', path.join(root, 'o'), '--split', '80'], /--split 80: give two or three shares/],
      [['export', project, '--format', 'conll', '--out', path.join(root, 'o'), '--seed', '1.5'], /--seed must be a whole number/],
      [['export', project, '--format', 'conll', '--out', project], /project folder itself/],
      [['export', path.join(root, 'nothing'), '--format', 'conll', '--out', path.join(root, 'o')], /There is no folder/],
    ];
    for (const [args, reason] of cases) {
      const result = await spanwise(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).toMatch(reason);
    }
  }, 90_000);

  it('say so when the app has the project open', async () => {
    const root = await tempFolder();
    const project = await emptyProject(root);
    const dir = await incoming(root);
    const open = await Project.open(project);
    try {
      const result = await spanwise('import', project, dir);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n').pop()).toMatch(/^Cannot import into .*: This project is open in another Spanwise window .* Close it there first/);
      // Exporting only reads the project, so it works while the app has it open.
      const exported = await spanwise('export', project, '--format', 'jsonl', '--out', path.join(root, 'out'));
      expect(exported.code).toBe(0);
    } finally {
      await open.close();
    }
  }, 30_000);
});
