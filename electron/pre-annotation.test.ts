import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LayerDocument, LayerInfo } from '../shared/types';
import type { PreAnnotation } from './pre-annotation';
import { formatPreAnnotation } from './pre-annotation';
import { createService } from './service';
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

async function sampleProject(): Promise<string> {
  const root = await tempFolder();
  const projectDir = path.join(root, 'project');
  const service = await createService({ dataDir: path.join(root, 'data'), projectDir, mode: 'desktop' });
  await service.importTexts([
    { name: 'a.txt', id: 'doc-a', text: 'At least nine civilians were killed in Zorbatown on Tuesday.', meta: { publishedAt: '2024-03-12' } },
    { name: 'b.txt', id: 'doc-b', text: 'Families fled Zorbatown.' },
  ]);
  await service.setAnnotator('Amira');
  await service.editSpans('doc-a', [{ op: 'add', span: { id: 's-z', start: 39, end: 48, label: 'LOCATION' } }]);
  await service.close();
  return projectDir;
}

describe('spanwise suggest', () => {
  it('prints the suggestions of every document as JSON, with span, label, source and score', async () => {
    const projectDir = await sampleProject();
    const { code, stdout, stderr } = await spanwise('suggest', projectDir, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as PreAnnotation;
    expect(result.documents.map((doc) => doc.docId)).toEqual(['doc-a', 'doc-b']);
    const [a, b] = result.documents;
    expect(a!.suggestions).toContainEqual(
      expect.objectContaining({ start: 0, end: 23, label: 'CASUALTY', source: 'rule:casualty', text: 'At least nine civilians', score: expect.any(Number) }),
    );
    expect(a!.suggestions).toContainEqual(expect.objectContaining({ text: 'Tuesday', label: 'DATE', attributes: { value: '2024-03-12' } }));
    // Learnt from Amira's span in doc-a.
    expect(b!.suggestions).toContainEqual(expect.objectContaining({ text: 'Zorbatown', label: 'LOCATION', sources: expect.arrayContaining(['gazetteer']) }));
    expect(result.layer).toBeUndefined();
  });

  it('prints one document as a table', async () => {
    const projectDir = await sampleProject();
    const { code, stdout } = await spanwise('suggest', projectDir, '--doc', 'doc-b');
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 documents, \d+ suggestions/);
    expect(stdout).toMatch(/^\s+14\s+23\s+LOCATION\s+0\.\d\d\s+gazetteer\s+Zorbatown$/m);
    expect(stdout).not.toContain('doc-a');
  });

  it('writes a pre-annotation layer with --into-layer, replacing its earlier run', async () => {
    const projectDir = await sampleProject();
    const first = await spanwise('suggest', projectDir, '--into-layer', 'Engine v1', '--json');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as PreAnnotation).layer).toEqual({ id: 'suggestions-engine-v1', name: 'Engine v1' });
    const layerDir = path.join(projectDir, 'layers', 'suggestions-engine-v1');
    const info = JSON.parse(await readFile(path.join(layerDir, 'layer.json'), 'utf8')) as LayerInfo;
    expect(info).toMatchObject({ id: 'suggestions-engine-v1', kind: 'suggestions', name: 'Engine v1' });
    const doc = JSON.parse(await readFile(path.join(layerDir, 'doc-a.json'), 'utf8')) as LayerDocument;
    expect(doc.spans.map((span) => [span.text, span.label, span.source])).toContainEqual(['At least nine civilians', 'CASUALTY', 'rule:casualty']);
    expect(doc.spans.every((span) => typeof span.score === 'number')).toBe(true);

    const again = await spanwise('suggest', projectDir, '--into-layer', 'Engine v1', '--doc', 'doc-a');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Written as the pre-annotation layer "Engine v1"');
    const rewritten = JSON.parse(await readFile(path.join(layerDir, 'doc-a.json'), 'utf8')) as LayerDocument;
    expect(rewritten.spans.map((span) => [span.start, span.end, span.label])).toEqual(doc.spans.map((span) => [span.start, span.end, span.label]));
  });

  it('says what is wrong: not a project, no such document', async () => {
    const projectDir = await sampleProject();
    const missing = await spanwise('suggest', path.join(projectDir, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a Spanwise project');
    const noDoc = await spanwise('suggest', projectDir, '--doc', 'doc-z');
    expect(noDoc.code).toBe(1);
    expect(noDoc.stderr).toContain('no document "doc-z"');
  });
});

describe('formatPreAnnotation', () => {
  it('says when a document has nothing to suggest', () => {
    const text = formatPreAnnotation({ dir: '/p', name: 'P', documents: [{ docId: 'd', title: 'T', suggestions: [] }] });
    expect(text).toBe('P (/p): 1 documents, 0 suggestions\n\nd  T\n  (no suggestions)');
  });
});
