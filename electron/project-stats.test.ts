import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatStats, readProjectStats } from './project-stats';
import { createService } from './service';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'spanwise-stats-test-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readProjectStats', () => {
  /** A project with two articles; Amira tags two spans in the first and marks it done. */
  async function makeProject(): Promise<{ dir: string; docIds: string[]; layer: string }> {
    const dir = path.join(root, 'project');
    const service = await createService({ dataDir: path.join(root, 'data'), projectDir: dir, mode: 'desktop' });
    try {
      const report = await service.importTexts([
        { name: 'one.txt', text: 'Russian warplanes struck Idlib on Tuesday.' },
        { name: 'two.txt', text: 'Thousands fled Kafr Nabl.' },
      ]);
      const session = await service.setAnnotator('Amira');
      const docIds = report.added;
      await service.editSpans(docIds[0]!, [
        { op: 'add', span: { id: 's-1', start: 0, end: 17, label: 'ACTOR' } },
        { op: 'add', span: { id: 's-2', start: 25, end: 30, label: 'LOCATION' } },
      ]);
      await service.setDocumentStatus(docIds[0]!, 'done');
      await service.addTimeSpent(docIds[0]!, 60_000);
      await service.addTimeSpent(docIds[0]!, 30_000);
      return { dir, docIds, layer: session.annotator!.id };
    } finally {
      await service.close();
    }
  }

  it('counts what the app saved', async () => {
    const { dir, layer, docIds } = await makeProject();
    const stats = await readProjectStats(dir);
    const today = new Date().toISOString().slice(0, 10);
    expect(stats).toEqual({
      dir,
      name: 'project',
      documents: 2,
      progress: { new: 1, 'in-progress': 0, done: 1 },
      spansByLabel: { ACTOR: 1, LOCATION: 1, DATE: 0, CASUALTY: 0 },
      layers: [
        {
          layer,
          name: 'Amira',
          kind: 'annotator',
          spans: 2,
          spansByLabel: { ACTOR: 1, LOCATION: 1, DATE: 0, CASUALTY: 0 },
          documentsByStatus: { new: 1, 'in-progress': 0, done: 1 },
          spansByDay: { [today]: 2 },
          timeSpentMs: 90_000,
        },
      ],
      documentTimes: [{ docId: docIds[0], title: 'Russian warplanes struck Idlib on Tuesday.', timeSpentMs: 90_000 }],
      problems: [],
    });
    expect(formatStats(stats)).toContain(`${layer} (Amira): 2 spans; 1 done, 0 in progress, 1 new; 2 min spent`);
    expect(formatStats(stats)).toContain('2 documents (1 done, 0 in progress, 1 new), 1 layers, 2 spans');
  });

  it('names a corrupt layer file, counts the rest and leaves the file alone', async () => {
    const { dir, docIds, layer } = await makeProject();
    const file = path.join(dir, 'layers', layer, `${docIds[0]}.json`);
    await writeFile(file, '{"spans": [');
    const stats = await readProjectStats(dir);
    expect(stats.problems.map((problem) => problem.file)).toContain(`layers/${layer}/${docIds[0]}.json`);
    expect(stats.layers[0]?.documentsByStatus).toEqual({ new: 1, 'in-progress': 0, done: 0 });
    expect(formatStats(stats)).toContain('Could not read');
    expect(await readFile(file, 'utf8')).toBe('{"spans": [');
  });

  it('refuses a folder that is not a project, without making one there', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    await expect(readProjectStats(empty)).rejects.toThrow(/is not a Spanwise project/);
    expect(await readdir(empty)).toEqual([]);
    await expect(readProjectStats(path.join(root, 'missing'))).rejects.toThrow(/is not a Spanwise project/);
  });
});
