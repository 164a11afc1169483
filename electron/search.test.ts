import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextInput } from '../shared/types';
import { createService, type Service } from './service';
import { tempFolder } from './test-support';

const ARTICLES: TextInput[] = [
  { name: 'a.txt', id: 'doc-a', title: 'Shelling in Idlib', text: 'Shelling in Idlib 🚀 killed two.\nIdlib province was hit again.' },
  { name: 'b.txt', id: 'doc-b', title: 'Camps', text: 'Families fled to camps near IDLIB.' },
  { name: 'c.txt', id: 'doc-c', title: 'Nothing', text: 'Nothing happened in Qarnville.' },
];

function range(text: string, phrase: string, from = 0): { start: number; end: number } {
  const at = text.indexOf(phrase, from);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...phrase].length };
}

async function project(): Promise<Service> {
  const root = await tempFolder();
  const service = await createService({ dataDir: path.join(root, 'data'), projectDir: path.join(root, 'project'), mode: 'desktop' });
  await service.importTexts(ARTICLES);
  await service.setAnnotator('Amira');
  return service;
}

describe('searchCorpus', () => {
  it('finds text in every document, ignoring case unless asked, with code point offsets and a snippet', async () => {
    const service = await project();
    const result = await service.searchCorpus({ text: 'idlib', limit: 50 });
    expect(result.hits.map((hit) => [hit.docId, hit.start, hit.end])).toEqual([
      ['doc-a', ...Object.values(range(ARTICLES[0]!.text, 'Idlib'))],
      ['doc-a', ...Object.values(range(ARTICLES[0]!.text, 'Idlib', 20))],
      ['doc-b', ...Object.values(range(ARTICLES[1]!.text, 'IDLIB'))],
    ]);
    expect(result.hits[1]!.snippet).toEqual({ before: 'Shelling in Idlib 🚀 killed two. ', match: 'Idlib', after: ' province was hit again.' });
    expect(result).toMatchObject({ searched: 3 });
    expect(result.next).toBeUndefined();
    expect((await service.searchCorpus({ text: 'IDLIB', caseSensitive: true, limit: 50 })).hits.map((hit) => hit.docId)).toEqual(['doc-b']);
    await service.close();
  });

  it('pages by document: a full page says where to go on, and never splits a document', async () => {
    const service = await project();
    const first = await service.searchCorpus({ text: 'idlib', limit: 1 });
    expect(first.hits.map((hit) => hit.docId)).toEqual(['doc-a']);
    expect(first.next).toBe(1);
    const second = await service.searchCorpus({ text: 'idlib', limit: 2, from: first.next });
    expect(second.hits.map((hit) => hit.docId)).toEqual(['doc-b']);
    // doc-c has no hit and is the last: the search ran to the end.
    expect(second.next).toBeUndefined();
    const all = await service.searchCorpus({ text: 'idlib', limit: 2 });
    expect(all.hits.map((hit) => hit.docId)).toEqual(['doc-a', 'doc-a']);
    expect(all.next).toBe(1);
    await service.close();
  });

  it('finds spans by label and text in the annotator’s layer, or in every layer', async () => {
    const service = await project();
    const text = ARTICLES[0]!.text;
    await service.editSpans('doc-a', [
      { op: 'add', span: { id: 's-1', ...range(text, 'Idlib'), label: 'LOCATION' } },
      { op: 'add', span: { id: 's-2', ...range(text, 'Idlib province'), label: 'LOCATION' } },
      { op: 'add', span: { id: 's-3', ...range(text, 'two'), label: 'CASUALTY' } },
    ]);
    const me = (await service.getSession()).annotator!.id;
    await service.setAnnotator('Basel');
    await service.editSpans('doc-b', [{ op: 'add', span: { id: 's-4', ...range(ARTICLES[1]!.text, 'IDLIB'), label: 'LOCATION' } }]);
    await service.setAnnotator('Amira');

    const mine = await service.searchCorpus({ text: 'idlib', label: 'LOCATION', limit: 50 });
    expect(mine.hits.map((hit) => [hit.docId, hit.span?.id, hit.span?.layer])).toEqual([
      ['doc-a', 's-1', me],
      ['doc-a', 's-2', me],
    ]);
    expect(mine.hits[1]).toMatchObject({ ...range(text, 'Idlib province'), snippet: { match: 'Idlib province' } });
    const everyone = await service.searchCorpus({ text: 'Idlib', label: 'LOCATION', allLayers: true, limit: 50 });
    expect(everyone.hits.map((hit) => hit.span?.id)).toEqual(['s-1', 's-2', 's-4']);
    expect(everyone.hits[2]!.span).toMatchObject({ layerName: 'Basel' });
    const byLabel = await service.searchCorpus({ label: 'CASUALTY', limit: 50 });
    expect(byLabel.hits.map((hit) => hit.span?.id)).toEqual(['s-3']);
    await service.close();
  });

  it('says what is wrong with a search it cannot run', async () => {
    const service = await project();
    await expect(service.searchCorpus({ text: '  ', limit: 10 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(service.searchCorpus({ label: 'LOCATION', layer: 'nobody', limit: 10 })).rejects.toMatchObject({ code: 'not-found' });
    // The annotator's own layer exists only after their first save: no hits yet, no error.
    expect((await service.searchCorpus({ label: 'LOCATION', limit: 10 })).hits).toEqual([]);
    expect(await service.dispatch('searchCorpus', [{ text: 'x', limit: 0 }])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await service.close();
  });

  it('stays quick over many documents: a label search reads only the layer files that hold spans', async () => {
    const service = await project();
    const many: TextInput[] = Array.from({ length: 1_000 }, (_, i) => ({ name: `n${i}.txt`, id: `n-${i}`, text: `Report ${i}: shelling near Kafr ${i}.` }));
    await service.importTexts(many);
    await service.editSpans('n-999', [{ op: 'add', span: { id: 's-k', ...range(many[999]!.text, 'Kafr 999'), label: 'LOCATION' } }]);
    let started = performance.now();
    const labelled = await service.searchCorpus({ text: 'kafr', label: 'LOCATION', limit: 100 });
    const labelMs = performance.now() - started;
    expect(labelled.hits.map((hit) => hit.docId)).toEqual(['n-999']);
    started = performance.now();
    const page = await service.searchCorpus({ text: 'shelling', limit: 100 });
    const textMs = performance.now() - started;
    expect(page.hits).toHaveLength(100);
    // doc-a's "Shelling" and 99 reports fill the page: the next starts at the 100th report.
    expect(page.next).toBe(102);
    console.log(`1,003 documents: label search ${labelMs.toFixed(0)} ms, first page of a text search ${textMs.toFixed(0)} ms`);
    expect(labelMs).toBeLessThan(1_000);
    await service.close();
  });
});
