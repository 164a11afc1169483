import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MergeReport } from '../shared/types';
import { ARTICLE, machine, OTHER_ARTICLE, tagAs } from './review-test-support';
import type { ProjectAgreement } from './review-cli';

const run = promisify(execFile);
const cliFile = fileURLToPath(new URL('./cli.ts', import.meta.url));
// Resolved here: the child runs in a temporary folder, where `tsx` alone would not be found.
const tsx = import.meta.resolve('tsx');

/** Run the CLI from source in `cwd`, as `spanwise …` would run the built copy. */
async function spanwise(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, cliFile, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Amira and Omar's project, and ours with the same articles, both closed; all in one folder. */
async function projects(): Promise<{ root: string; theirs: string; ours: string; amira: string; omar: string }> {
  const theirs = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }]);
  const [doc] = theirs.docIds;
  const amira = await tagAs(theirs, 'Amira', { [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'DATE']] });
  const omar = await tagAs(theirs, 'Omar', { [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'ACTOR']] });
  await theirs.service.close();
  const ours = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }], path.dirname(theirs.projectDir));
  await ours.service.close();
  return { root: path.dirname(theirs.projectDir), theirs: theirs.projectDir, ours: ours.projectDir, amira, omar };
}

describe('spanwise merge', () => {
  it('merges a project folder given relative to the working folder, and again with nothing to change', async () => {
    const { root, theirs, ours, amira, omar } = await projects();
    const first = await spanwise(root, 'merge', ours, path.basename(theirs), '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as MergeReport;
    expect(report).toMatchObject({ source: theirs, dryRun: false, mismatched: [], missing: [] });
    expect(report.layers).toEqual([
      { id: amira, name: 'Amira', written: 1, unchanged: 0 },
      { id: omar, name: 'Omar', written: 1, unchanged: 0 },
    ]);

    const again = await spanwise(root, 'merge', ours, theirs);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Merged ${theirs}`);
    expect(again.stdout).toContain(`Amira (${amira}): 0 document(s) written, 1 unchanged`);
  });

  it('says why it cannot merge, and exits with 1', async () => {
    const { root, ours } = await projects();
    const missing = await spanwise(root, 'merge', ours, 'nowhere');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no file or folder ${path.join(root, 'nowhere')}.`);
    const notProject = await spanwise(root, 'merge', path.join(root, 'nothing-here'), ours);
    expect(notProject.code).toBe(1);
    expect(notProject.stderr).toContain('is not a Spanwise project');
  });

  it('refuses to write into a project the app has open', async () => {
    const { root, theirs } = await projects();
    const open = await machine([{ text: ARTICLE }], root);
    const result = await spanwise(root, 'merge', open.projectDir, theirs);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/open/i);
    await open.service.close();
  });
});

describe('spanwise agreement', () => {
  it('prints the pairs, labels and least agreeing documents, and the whole report as JSON', async () => {
    const { root, theirs, ours, amira, omar } = await projects();
    await spanwise(root, 'merge', ours, theirs);
    const table = await spanwise(root, 'agreement', ours);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2 annotators, 1 documents with two or more');
    expect(table.stdout).toMatch(/Amira \(AM\) – Omar \(OM\) +1 +0\.50 +0\.50/);
    expect(table.stdout).toContain("Fleiss' kappa: n/a (needs three annotators)");
    expect(table.stdout).toMatch(/DATE +0\.00 +0\.00/);
    expect(table.stdout).toMatch(/0\.50 {2}2 annotators {2}d-\w+ {2}Shelling hit Ariha on Tuesday\./);

    const json = await spanwise(root, 'agreement', ours, '--json');
    const report = JSON.parse(json.stdout) as ProjectAgreement;
    expect(report.annotators.map((a) => a.id)).toEqual([amira, omar]);
    expect(report.report.pairs[0]).toMatchObject({ a: amira, b: omar, documents: 1, exact: { tp: 1, fp: 1, fn: 1, f1: 0.5 } });
    expect(Object.values(report.titles)).toEqual(['Shelling hit Ariha on Tuesday.']);
  });
});
