import { createHash } from 'node:crypto';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineOfPath } from '../shared/formats/jsontext';
import { serializeSpanwise, type SpanwiseExport, type SpanwiseExportDocument } from '../shared/formats/spanwise';
import type { DocumentRecord, LayerDocument } from '../shared/types';
import { writeFileAtomic } from './atomic-file';
import { exportEntries } from './export-reading';
import { fingerprint, freshService } from './import-fixtures';
import { importFiles } from './importing';
import { Project } from './project';
import { tempFolder } from './test-support';

const NOW = '2026-11-22T10:00:00.000Z';
const FILLER = 'Civil defence teams searched the rubble until nightfall; the road to the hospital stayed closed. '.repeat(20);

/** Document `n` of a generated export: an article with a span in an annotator layer and one in gold. */
function exportDocument(n: number, filler = FILLER): SpanwiseExportDocument {
  const text = `Report ${n}\n\nRussian warplanes struck Ariha on day ${n}. ${filler}`;
  const id = `d-${String(n).padStart(5, '0')}`;
  const span = (label: string, covered: string, annotator: string) => {
    const start = text.indexOf(covered);
    return { id: `s-${label}-${n}`, start, end: start + covered.length, label, text: covered, annotator, createdAt: NOW };
  };
  return {
    document: { id, title: `Report ${n}`, text, textHash: createHash('sha256').update(text).digest('hex'), meta: { source: `r${n}.txt` }, importedAt: NOW },
    layers: {
      'amira-1a2b3c': {
        info: { id: 'amira-1a2b3c', kind: 'annotator', name: 'Amira', createdAt: NOW },
        status: 'done',
        spans: [span('ACTOR', 'Russian warplanes', 'amira-1a2b3c'), span('LOCATION', 'Ariha', 'amira-1a2b3c')],
      },
      gold: { info: { id: 'gold', kind: 'gold', name: 'Gold', createdAt: NOW }, status: 'in-progress', spans: [span('LOCATION', 'Ariha', 'bilal-4d5e6f')] },
    },
  };
}

function exportOf(documents: SpanwiseExportDocument[]): SpanwiseExport {
  return { format: 'spanwise-export', version: 1, project: { name: 'Generated', labels: [] }, documents };
}

const COUNT = 3000;

/** A generated export of COUNT documents, some 8 MB: many of the reader's 1 MB chunks. */
async function bigExport(change?: (data: SpanwiseExport) => void): Promise<{ file: string; content: string; data: SpanwiseExport }> {
  const data = exportOf(Array.from({ length: COUNT }, (_, n) => exportDocument(n)));
  change?.(data);
  const content = serializeSpanwise(data);
  const file = path.join(await tempFolder(), 'spanwise-export.json');
  await writeFile(file, content);
  return { file, content, data };
}

const HUGE_FILLER = 'x'.repeat(1 << 20);

/** 100 documents of about 1 MB each: an export of 100 MB. Reading it whole would hold all of it. */
async function hugeExport(): Promise<{ file: string; size: number }> {
  const file = path.join(await tempFolder(), 'export.json');
  const handle = await open(file, 'w');
  const { documents: _none, ...head } = exportOf([]);
  await handle.write(`${JSON.stringify(head).slice(0, -1)}, "documents": [\n`);
  for (let n = 0; n < 100; n++) await handle.write(`${n > 0 ? ',\n' : ''}${JSON.stringify(exportDocument(n, HUGE_FILLER))}`);
  await handle.write('\n]}\n');
  const { size } = await handle.stat();
  await handle.close();
  return { file, size };
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

describe('importing a Spanwise export a document at a time', () => {
  it('brings back every document and layer of a large export exactly', async () => {
    const { file, data } = await bigExport();
    const { projectDir, service } = await freshService();
    const report = await service.importFiles([file]);
    expect(report.errors).toEqual([]);
    expect(report.added).toHaveLength(COUNT);
    expect(report.layers.map((layer) => [layer.id, layer.documents, layer.spans])).toEqual([
      ['amira-1a2b3c', COUNT, 2 * COUNT],
      ['gold', COUNT, COUNT],
    ]);
    for (const n of [0, 1234, COUNT - 1]) {
      const { document, layers } = data.documents[n];
      const stored = await readJson<DocumentRecord>(path.join(projectDir, 'documents', `${document.id}.json`));
      expect(stored).toEqual(document);
      for (const [layerId, layer] of Object.entries(layers)) {
        const layerFile = await readJson<LayerDocument>(path.join(projectDir, 'layers', layerId, `${document.id}.json`));
        expect(layerFile).toMatchObject({ docId: document.id, textHash: document.textHash, status: layer.status, spans: layer.spans });
      }
    }
    expect((await service.listDocuments()).map((doc) => doc.id)).toEqual(data.documents.map(({ document }) => document.id));
  }, 120_000);

  it('names a bad document in the middle by its index, field and line, and imports nothing', async () => {
    const { file, content } = await bigExport((data) => {
      (data.documents[1500].layers['amira-1a2b3c'].spans[1] as unknown as { start: unknown }).start = 'x';
    });
    const { projectDir, service } = await freshService();
    const before = await fingerprint(projectDir);
    const report = await service.importFiles([file]);
    expect(report.added).toEqual([]);
    expect(report.errors).toEqual([
      {
        file,
        line: lineOfPath(content, ['documents', 1500, 'layers', 'amira-1a2b3c', 'spans', 1, 'start']),
        message: expect.stringMatching(/^documents\.1500\.layers\.amira-1a2b3c\.spans\.1\.start: /),
      },
    ]);
    expect(await fingerprint(projectDir)).toEqual(before);

    const wrongText = await bigExport((data) => {
      data.documents[2100].layers.gold.spans[0].text = 'Idlib';
    });
    const again = await service.importFiles([wrongText.file]);
    expect(again.errors).toEqual([
      {
        file: wrongText.file,
        line: lineOfPath(wrongText.content, ['documents', 2100, 'layers', 'gold', 'spans', 0]),
        message: 'document "d-02100", layer "gold", span "s-LOCATION-2100" (LOCATION) says it covers "Idlib" but the text at 38–43 is "Ariha"',
      },
    ]);
    expect(await fingerprint(projectDir)).toEqual(before);
  }, 120_000);

  it('refuses a file cut short, naming its last line, and imports nothing', async () => {
    const { file, content } = await bigExport();
    const cut = content.slice(0, Math.floor(content.length * 0.6));
    await writeFile(file, cut);
    const { projectDir, service } = await freshService();
    const before = await fingerprint(projectDir);
    const report = await service.importFiles([file]);
    expect(report.errors).toEqual([{ file, line: cut.split('\n').length, message: expect.stringContaining('(the file looks cut short)') }]);
    expect(await fingerprint(projectDir)).toEqual(before);
  }, 120_000);

  it('refuses an export over 512 MB at once, without reading it', async () => {
    const file = path.join(await tempFolder(), 'huge-export.json');
    const handle = await open(file, 'w');
    await handle.write('{"format": "spanwise-export", "version": 1, "documents": [');
    await handle.truncate(1024 ** 3);
    await handle.close();
    const { service } = await freshService();
    const preview = await service.previewImport([file]);
    expect(preview.errors).toEqual([{ file, message: 'is 1.0 GB; the most Spanwise imports in one file of this kind is 512.0 MB' }]);
  });

  it('holds one document at a time, not the file', async () => {
    // 100 documents of about 1 MB each: the file is 100 MB. Reading it whole would hold all of it;
    // reading a document at a time holds one, plus garbage the collector has not reached yet.
    const { file, size } = await hugeExport();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    const entries = exportEntries({ name: file, folder: path.dirname(file), path: file, size });
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      count++;
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
    expect(count).toBe(100);
    expect(size).toBeGreaterThan(100 * 2 ** 20);
    expect(peak).toBeLessThan(size / 2);
  }, 120_000);

  it('stages each document as it is read, and takes it all away when a later one is bad', async () => {
    const { file, content } = await bigExport((data) => {
      data.documents[COUNT - 1].layers.gold.spans[0].text = 'Idlib';
    });
    const { projectDir, service } = await freshService();
    await service.close();
    // What the import holds in memory is a few documents at a time: the others are on disk by then.
    const staged: string[] = [];
    const project = await Project.open(projectDir, {
      writeFile: (target, data, options) => {
        if (options?.staged) staged.push(path.basename(target));
        return writeFileAtomic(target, data, options);
      },
    });
    const before = await fingerprint(projectDir);
    const report = await importFiles(project, { paths: [file] }, {}, { me: null });
    expect(report.errors).toEqual([{ file, line: lineOfPath(content, ['documents', COUNT - 1, 'layers', 'gold', 'spans', 0]), message: expect.stringContaining('says it covers "Idlib"') }]);
    expect(staged.filter((name) => name === 'd-00000.json')).toHaveLength(3);
    expect(staged.length).toBeGreaterThan(3 * (COUNT - 2));
    expect(await fingerprint(projectDir)).toEqual(before);
    await project.close();
  }, 120_000);
});
