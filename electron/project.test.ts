import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextInput } from '../shared/types';
import { StoreError } from './errors';
import { Project } from './project';
import { tempFolder } from './test-support';
import { textHash } from './text-hash';

const articles: TextInput[] = [
  { name: 'a.txt', text: 'Airstrikes hit Idlib.\r\nAt least two civilians were killed.' },
  { name: 'b.txt', text: 'Shelling in Kafr Maran 🚀 on Tuesday.', title: 'Shelling', id: 'doc-b', meta: { url: 'https://example.org/b' } },
];

async function newProject(articlesToAdd: TextInput[] = articles): Promise<{ dir: string; project: Project }> {
  const dir = path.join(await tempFolder(), 'project');
  const project = await Project.create(dir, 'Test', articlesToAdd);
  return { dir, project };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof StoreError ? error.code : undefined;
}

describe('Project', () => {
  it('creates the layout of docs/format.md and opens it again', async () => {
    const { dir, project } = await newProject();
    expect((await readdir(dir)).sort()).toEqual(['.spanwise', 'catalog.json', 'documents', 'layers', 'spanwise-project.json']);
    const ids = project.catalog.entries().map((e) => e.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain('doc-b');
    await project.close();

    const again = await Project.open(dir);
    expect(again.info()).toMatchObject({ name: 'Test', documentCount: 2 });
    const b = await again.document('doc-b');
    expect(b).toMatchObject({ title: 'Shelling', meta: { source: 'b.txt', url: 'https://example.org/b' } });
    expect(b.textHash).toBe(textHash(b.text));
    const a = await again.document(ids.find((id) => id !== 'doc-b')!);
    expect(a.text).toBe('Airstrikes hit Idlib.\nAt least two civilians were killed.');
    expect(a.title).toBe('Airstrikes hit Idlib.');
    expect(again.catalog.get('doc-b')!.length).toBe([...b.text].length);
    await again.close();
  });

  it('refuses to create a project in a folder that has files', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    const error = await Project.create(dir, 'X').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('conflict');
    expect((error as Error).message).toContain('not empty');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('says when a folder is not a project', async () => {
    const dir = await tempFolder();
    expect(await codeOf(Project.open(dir))).toBe('not-found');
    expect(await codeOf(Project.open(path.join(dir, 'missing')))).toBe('not-found');
  });

  it.each([
    ['deleted', (file: string) => rm(file)],
    ['corrupt', (file: string) => writeFile(file, '{"format": "spanwise-catalog", "version": 1, "documents": [{')],
  ])('rebuilds a %s catalog from the documents', async (_what, damage) => {
    const { dir, project } = await newProject();
    const before = project.catalog.entries();
    await project.close();
    await damage(path.join(dir, 'catalog.json'));
    const again = await Project.open(dir);
    expect(again.catalog.entries().map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(again.problems.list()).toEqual([]);
    await again.close();
    expect(JSON.parse(await readFile(path.join(dir, 'catalog.json'), 'utf8')).documents).toHaveLength(2);
  });

  it('brings the catalog in step with documents added or removed behind its back', async () => {
    const { dir, project } = await newProject();
    await project.close();
    await rm(path.join(dir, 'documents', 'doc-b.json'));
    const text = 'Written by hand.';
    await writeFile(
      path.join(dir, 'documents', 'by-hand.json'),
      JSON.stringify({ id: 'by-hand', title: 'Hand', text, textHash: textHash(text), meta: {}, importedAt: '2030-01-01T00:00:00.000Z' }),
    );
    const again = await Project.open(dir);
    const ids = again.catalog.entries().map((e) => e.id);
    expect(ids).toContain('by-hand');
    expect(ids).not.toContain('doc-b');
    await again.close();
  });

  it('names an unreadable document, keeps it, and still opens the rest', async () => {
    const { dir, project } = await newProject();
    await project.close();
    await rm(path.join(dir, 'catalog.json'));
    const damaged = path.join(dir, 'documents', 'doc-b.json');
    await writeFile(damaged, '{ not json');
    const again = await Project.open(dir);
    expect(again.problems.list()).toEqual([{ file: 'documents/doc-b.json', message: expect.stringContaining('invalid JSON') }]);
    expect(again.catalog.size).toBe(1);
    const report = await again.importTexts([{ name: 'new.txt', text: 'Fresh text.', id: 'doc-b' }]);
    expect(report.errors).toEqual([{ file: 'new.txt', message: expect.stringContaining('doc-b') }]);
    expect(await readFile(damaged, 'utf8')).toBe('{ not json');
    await again.close();
  });

  it('refuses a document whose text was changed after import', async () => {
    const { dir, project } = await newProject();
    const file = path.join(dir, 'documents', 'doc-b.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...doc, text: `${doc.text} Edited.` }));
    const error = await project.document('doc-b').catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('corrupt');
    expect((error as Error).message).toContain('documents/doc-b.json');
    expect(project.problems.has('documents/doc-b.json')).toBe(true);
    await project.close();
  });

  describe('importTexts', () => {
    it('adds nothing at all when any input is bad, and names each bad one', async () => {
      const { dir, project } = await newProject([]);
      const report = await project.importTexts([
        { name: 'good.txt', text: 'A good article.' },
        { name: 'empty.txt', text: ' \n\t ' },
        { name: 'image.png', text: 'PNG\u0000\u0001' },
        { name: 'broken.txt', text: 'half a pair \uD83D here' },
      ]);
      expect(report.added).toEqual([]);
      expect(report.errors.map((e) => e.file)).toEqual(['empty.txt', 'image.png', 'broken.txt']);
      expect(report.errors[1]!.message).toMatch(/image\.png.*binary/);
      expect(await readdir(path.join(dir, 'documents'))).toEqual([]);
      expect(project.catalog.size).toBe(0);
      await project.close();
    });

    it('skips texts the project already has, comparing after line endings are normalised', async () => {
      const { project } = await newProject();
      const existing = project.catalog.entries()[0]!;
      const report = await project.importTexts([
        { name: 'again.txt', text: 'Airstrikes hit Idlib.\nAt least two civilians were killed.' },
        { name: 'new.txt', text: 'Something new.\r\n' },
        { name: 'new-again.txt', text: 'Something new.\n' },
      ]);
      expect(report.duplicates).toEqual([
        { name: 'again.txt', existingId: existing.id },
        { name: 'new-again.txt', existingId: report.added[0] },
      ]);
      expect(report.added).toHaveLength(1);
      expect(project.catalog.size).toBe(3);
      await project.close();
    });

    it('refuses an id the project already uses', async () => {
      const { project } = await newProject();
      const report = await project.importTexts([{ name: 'x.txt', text: 'Different text.', id: 'doc-b' }]);
      expect(report.added).toEqual([]);
      expect(report.errors[0]!.message).toContain('doc-b');
      await project.close();
    });
  });

  it('gets the project read-only while another holder has it', async () => {
    const { dir, project } = await newProject();
    const second = await Project.open(dir);
    expect(second.readOnly).toBe(true);
    expect(second.readOnlyReason).toContain(`process ${process.pid}`);
    expect(await codeOf(second.importTexts([{ name: 'n.txt', text: 'New.' }]))).toBe('read-only');
    await second.close();
    await project.close();
    const third = await Project.open(dir);
    expect(third.readOnly).toBe(false);
    await third.close();
  });
});
