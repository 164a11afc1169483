import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportLabelOrder, prepareBatch, type ExportItem } from '../shared/exporting';
import { DEFAULT_LABELS } from '../shared/labels';
import type { Span } from '../shared/types';
import { renderHere, startRendering, type Prepared } from './export-rendering';

const span = (id: string, start: number, end: number, label: string, text: string, extra: Partial<Span> = {}): Span => ({
  id,
  start,
  end,
  label,
  text,
  annotator: 'a',
  createdAt: 'now',
  ...extra,
});

const doc = (id: string, text: string, spans: Span[]): ExportItem => ({
  document: { id, title: `Title ${id}`, text, textHash: 'h', meta: { source: 'wire' }, importedAt: 'now' },
  spans,
  layers: { a: { info: { id: 'a', kind: 'annotator', name: 'A', createdAt: 'then' }, status: 'done', spans } },
});

const items = [
  doc('d1', 'Rebels shelled Hama.\nTwo died.', [span('s1', 0, 6, 'ACTOR', 'Rebels', { note: 'n' }), span('s2', 0, 20, 'CASUALTY', 'Rebels shelled Hama.'), span('s3', 15, 19, 'LOCATION', 'Hama')]),
  doc('d2', 'Nothing here.', []),
  // Characters of two, three and four bytes in UTF-8, and a lone surrogate, which both sides write as U+FFFD.
  doc('d3', 'Idlib, “quiet” 🙂 é \uD800.', [span('s4', 0, 5, 'LOCATION', 'Idlib', { fragments: [[0, 2], [3, 5]] }), span('s5', 7, 14, 'UNKNOWN', '“quiet”')]),
];
const context = { projectName: 'P', labels: DEFAULT_LABELS, labelOrder: exportLabelOrder(['ACTOR', 'CASUALTY', 'LOCATION', 'UNKNOWN'], DEFAULT_LABELS) };

/** A batch with its text as this thread writes it: UTF-8. */
function asBytes(batch: Prepared): unknown {
  return 'text' in batch ? { ...batch, text: Buffer.from(batch.text) } : batch;
}

describe('startRendering', () => {
  it('prepares on its threads, batch by batch, exactly what this thread prepares', async () => {
    const rendering = await startRendering();
    try {
      expect(rendering.threads).toBeGreaterThanOrEqual(1);
      for (const { id: format } of EXPORT_FORMATS) {
        // More batches than threads, so that each thread prepares some, at the same time.
        const batches = await Promise.all([items, items.slice(1), [], items.slice(0, 1)].map((batch) => rendering.prepare(format, context, batch)));
        const here = [items, items.slice(1), [], items.slice(0, 1)].map((batch) => prepareBatch(format, context, batch));
        expect(batches.map(asBytes), format).toEqual(here.map(asBytes));
        for (const batch of batches) if ('text' in batch) expect(batch.text, format).toBeInstanceOf(Uint8Array);
      }
    } finally {
      await rendering.close();
    }
  });

  it('renders here when no thread can start', async () => {
    const rendering = await startRendering({ script: 'throw new Error("no thread here")', options: { eval: true } });
    const batch = await rendering.prepare('conll', context, items);
    expect(batch).toEqual(await renderHere().prepare('conll', context, items));
    expect('text' in batch && typeof batch.text).toBe('string');
    await rendering.close();
  });

  it('runs its threads with a small young generation, which keeps an export of 10,000 articles under the memory budget', async () => {
    const telling = `
      const { parentPort, resourceLimits } = require('node:worker_threads');
      parentPort.on('message', ({ id }) => parentPort.postMessage({ id, ok: false, message: 'young generation ' + resourceLimits.maxYoungGenerationSizeMb + ' MB' }));
      parentPort.postMessage('ready');`;
    const rendering = await startRendering({ script: telling, options: { eval: true } });
    try {
      await expect(rendering.prepare('conll', context, items)).rejects.toThrow('young generation 16 MB');
    } finally {
      await rendering.close();
    }
  });

  it('fails a batch with what went wrong when a thread fails while preparing it', async () => {
    const failing = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', () => { throw new Error('out of luck'); });
      parentPort.postMessage('ready');`;
    const rendering = await startRendering({ script: failing, options: { eval: true } });
    try {
      await expect(rendering.prepare('conll', context, items)).rejects.toThrow("The export's rendering thread failed: out of luck");
      // A thread that failed takes no more work.
      await expect(rendering.prepare('conll', context, items)).rejects.toThrow(/rendering thread/);
    } finally {
      await rendering.close();
    }
  });
});
