import { describe, it, expect } from 'vitest';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ReviewCache, type ReviewFigures } from './review-cache';
import { createService, type Service } from './service';
import { tempFolder } from './test-support';
import { ARTICLE, machine, OTHER_ARTICLE, tagAs, tagEdit, type Machine } from './review-test-support';

/** Amira and Omar both tag both articles, on one machine. */
async function twoAnnotators(): Promise<Machine & { omar: string }> {
  const m = await machine([{ text: ARTICLE }, { text: OTHER_ARTICLE }]);
  const [doc, other] = m.docIds;
  await tagAs(m, 'Amira', {
    [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'DATE'], ['The Northern Front', 'ACTOR']],
    [other]: [['Idlib', 'LOCATION']],
  });
  const omar = await tagAs(m, 'Omar', {
    [doc]: [['Ariha', 'LOCATION'], ['Tuesday', 'ACTOR'], ['Northern Front', 'ACTOR']],
    [other]: [['Idlib', 'LOCATION'], ['two civilians', 'CASUALTY']],
  });
  return { ...m, omar };
}

const restart = (m: Machine): Promise<Service> => createService({ dataDir: m.dataDir, projectDir: m.projectDir, mode: 'desktop' });
const cacheFile = (m: Machine) => path.join(m.projectDir, '.spanwise', 'cache', 'review.json');

interface Figures {
  stamps: Record<string, string | null>;
  counts: { pairs: Array<{ exact: unknown[] }> };
}
/** The file, each document's figures (kept there as JSON text) parsed. */
interface CacheFile {
  format: string;
  documents: Record<string, Figures>;
}
async function readCache(m: Machine): Promise<CacheFile> {
  const file = JSON.parse(await readFile(cacheFile(m), 'utf8')) as { format: string; documents: Record<string, string> };
  const documents = Object.fromEntries(Object.entries(file.documents).map(([docId, text]) => [docId, JSON.parse(text) as Figures]));
  return { ...file, documents };
}
async function writeCache(m: Machine, cache: CacheFile): Promise<void> {
  const documents = Object.fromEntries(Object.entries(cache.documents).map(([docId, figures]) => [docId, JSON.stringify(figures)]));
  await writeFile(cacheFile(m), JSON.stringify({ ...cache, documents }));
}

/** The cache file with the first document's exact matches replaced by nine agreed LOCATIONs. */
async function tamper(m: Machine): Promise<void> {
  const cache = await readCache(m);
  cache.documents[m.docIds[0]].counts.pairs[0].exact = [['LOCATION', 9, 0, 0]];
  await writeCache(m, cache);
}

describe('the review cache file', () => {
  it('keeps what agreement worked out, and after a restart gives the same figures without reading the layers', async () => {
    const m = await twoAnnotators();
    const first = await m.service.getAgreement();
    const list = await m.service.listDocuments();
    const walk = await m.service.findReviewItem(1);
    await m.service.close();
    expect(Object.keys((await readCache(m)).documents).sort()).toEqual([...m.docIds].sort());

    const again = await restart(m);
    expect(await again.getAgreement()).toEqual(first);
    expect(await again.listDocuments()).toEqual(list);
    expect(await again.findReviewItem(1)).toEqual(walk);
    await again.close();

    // Figures that only the file could have given show that it is what was used.
    await tamper(m);
    const tampered = await restart(m);
    const report = (await tampered.getAgreement()).report;
    expect(report.perDocument.find((doc) => doc.id === m.docIds[0])?.meanF1).toBe(1);
    expect(report.pairs[0].exact.tp).toBe(first.report.pairs[0].exact.tp - 1 + 9);
    await tampered.close();
  });

  it('works figures out again when a layer file they came from has changed since', async () => {
    const m = await twoAnnotators();
    const first = await m.service.getAgreement();
    await m.service.close();
    await tamper(m);
    // The same contents with a new modification time: another program wrote the file.
    const file = path.join(m.projectDir, 'layers', m.omar, `${m.docIds[0]}.json`);
    await utimes(file, new Date(2030, 0, 1), new Date(2030, 0, 1));

    const again = await restart(m);
    expect(await again.getAgreement()).toEqual(first);
    await again.close();
    const cache = await readCache(m);
    expect(cache.documents[m.docIds[0]].counts.pairs[0].exact).not.toEqual([['LOCATION', 9, 0, 0]]);
    expect(cache.documents[m.docIds[0]].stamps[m.omar]).toMatch(/^\d+:\d+:\d+$/);
  });

  it('works figures out again when the file cannot be read or an entry has the wrong shape', async () => {
    const m = await twoAnnotators();
    const first = await m.service.getAgreement();
    await m.service.close();

    await writeFile(cacheFile(m), '{ "format": "spanwise-review-cache", "vers');
    const rebuilt = await restart(m);
    expect(await rebuilt.getAgreement()).toEqual(first);
    await rebuilt.close();
    expect((await readCache(m)).format).toBe('spanwise-review-cache');

    const cache = await readCache(m);
    cache.documents[m.docIds[0]].counts.pairs = [];
    await writeCache(m, cache);
    const repaired = await restart(m);
    expect(await repaired.getAgreement()).toEqual(first);
    await repaired.close();
    expect((await readCache(m)).documents[m.docIds[0]].counts.pairs).toHaveLength(1);
  });

  it('follows edits made while the project is open', async () => {
    const m = await twoAnnotators();
    const before = await m.service.getAgreement();
    const { document } = await m.service.getDocument(m.docIds[0]);
    await m.service.editSpans(m.docIds[0], [tagEdit(document.text, '16 fighters', 'CASUALTY', 'omar-later')]);
    const edited = await m.service.getAgreement();
    // Omar, the second of the pair, tagged one more span Amira has not.
    expect(edited.report.pairs[0].exact.fp).toBe(before.report.pairs[0].exact.fp + 1);
    await m.service.close();
    const again = await restart(m);
    expect(await again.getAgreement()).toEqual(edited);
    await again.close();
  });
});

describe('ReviewCache temporary files', () => {
  it('clears what a crash left when loading, never the file a save still in flight is writing', async () => {
    const projectDir = await tempFolder();
    const dir = path.join(projectDir, '.spanwise', 'cache');
    await mkdir(dir, { recursive: true });
    const leftover = path.join(dir, '.review.json.1-dead.tmp');
    await writeFile(leftover, '{');
    const cache = await ReviewCache.load(projectDir);
    await expect(stat(leftover)).rejects.toMatchObject({ code: 'ENOENT' });

    // Another cache of the project, still saving as this one saves (a project closing as it reopens).
    const inFlight = path.join(dir, '.review.json.2-busy.tmp');
    await writeFile(inFlight, '{');
    cache.set('d1', { textHash: 'h', stamps: {}, open: 0 } as unknown as ReviewFigures);
    await cache.save();
    await expect(stat(inFlight)).resolves.toBeTruthy();
  });
});
