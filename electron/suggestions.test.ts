import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditContext } from '../shared/spans';
import { mergeSuggestions, type Suggestion } from '../shared/suggest';
import type { LayerDocument, TextInput } from '../shared/types';
import { emptyLayerDocument } from './layer-history';
import { preAnnotate } from './pre-annotation';
import { createService, type Service } from './service';
import { rememberRejection, suggestionLayerId } from './suggestions';
import { tempFolder } from './test-support';

const ARTICLES: TextInput[] = [
  {
    name: 'a.txt',
    id: 'doc-a',
    text: 'Shelling hit Zorbatown on Tuesday. At least nine civilians were killed in Zorbatown, rescuers said.',
    meta: { publishedAt: '2024-03-12' },
  },
  { name: 'b.txt', id: 'doc-b', text: 'Families fled Zorbatown on foot.' },
  { name: 'c.txt', id: 'doc-c', text: 'Nothing happened in Qarnville.' },
];

function range(text: string, phrase: string, from = 0): { start: number; end: number } {
  const at = text.indexOf(phrase, from);
  if (at === -1) throw new Error(`no ${phrase}`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...phrase].length };
}

async function project(): Promise<{ service: Service; projectDir: string; dataDir: string }> {
  const root = await tempFolder();
  const dataDir = path.join(root, 'data');
  const projectDir = path.join(root, 'project');
  const service = await createService({ dataDir, projectDir, mode: 'desktop' });
  await service.importTexts(ARTICLES);
  await service.setAnnotator('Amira');
  return { service, projectDir, dataDir };
}

async function layerFile(projectDir: string, layer: string, docId: string): Promise<LayerDocument> {
  return JSON.parse(await readFile(path.join(projectDir, 'layers', layer, `${docId}.json`), 'utf8')) as LayerDocument;
}

function keys(suggestions: Suggestion[]): string[] {
  return suggestions.map((s) => `${s.label}:${s.text}@${s.start}`);
}

describe('suggestions in the service', () => {
  it('offers the engine’s suggestions, and never again one that was turned down, even after a restart', async () => {
    const { service, projectDir, dataDir } = await project();
    const text = ARTICLES[0]!.text;
    const offered = await service.getSuggestions('doc-a');
    const tuesday = offered.find((s) => s.label === 'DATE' && s.text === 'Tuesday');
    expect(tuesday).toMatchObject({ ...range(text, 'Tuesday'), source: 'rule:date', attributes: { value: '2024-03-12' } });
    expect(offered.some((s) => s.label === 'CASUALTY' && s.text === 'At least nine civilians')).toBe(true);

    await service.rejectSuggestion('doc-a', { start: tuesday!.start, end: tuesday!.end, label: 'DATE' });
    await service.rejectSuggestion('doc-a', { start: tuesday!.start, end: tuesday!.end, label: 'DATE' });
    expect(keys(await service.getSuggestions('doc-a'))).not.toContain(`DATE:Tuesday@${tuesday!.start}`);
    const me = (await service.getSession()).annotator!.id;
    const stored = await layerFile(projectDir, me, 'doc-a');
    expect(stored.rejectedSuggestions).toEqual([{ ...range(text, 'Tuesday'), label: 'DATE' }]);
    expect(stored.spans).toEqual([]);
    await service.close();

    const again = await createService({ dataDir, projectDir, mode: 'desktop' });
    expect(keys(await again.getSuggestions('doc-a'))).not.toContain(`DATE:Tuesday@${tuesday!.start}`);
    await again.close();
  });

  it('refuses to remember a rejection outside the text or of an unknown label', async () => {
    const { service } = await project();
    await expect(service.rejectSuggestion('doc-a', { start: 5, end: 5_000, label: 'DATE' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(service.rejectSuggestion('doc-a', { start: 0, end: 8, label: 'WEAPON' })).rejects.toMatchObject({ code: 'bad-request' });
    const outcome = await service.dispatch('rejectSuggestion', ['doc-a', { start: -1, end: 3, label: 'DATE' }]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await service.close();
  });

  it('drops a suggestion once it is accepted, keeping the stored span clean', async () => {
    const { service, projectDir } = await project();
    const casualty = (await service.getSuggestions('doc-a')).find((s) => s.label === 'CASUALTY')!;
    await service.editSpans('doc-a', [
      { op: 'add', span: { id: 's-1', start: casualty.start, end: casualty.end, label: 'CASUALTY', attributes: casualty.attributes } },
    ]);
    expect((await service.getSuggestions('doc-a')).some((s) => s.label === 'CASUALTY' && s.start === casualty.start)).toBe(false);
    const me = (await service.getSession()).annotator!.id;
    const [span] = (await layerFile(projectDir, me, 'doc-a')).spans;
    expect(span).toMatchObject({ text: 'At least nine civilians', attributes: { kind: 'killed', count: 9, qualifier: 'at least' } });
    expect(span).not.toHaveProperty('source');
    await service.close();
  });

  it('learns the gazetteer from accepted spans, and forgets what is removed', async () => {
    const { service } = await project();
    const text = ARTICLES[0]!.text;
    await service.editSpans('doc-a', [{ op: 'add', span: { id: 's-z', ...range(text, 'Zorbatown'), label: 'LOCATION' } }]);
    const inB = await service.getSuggestions('doc-b');
    const zorba = inB.find((s) => s.text === 'Zorbatown' && s.label === 'LOCATION');
    expect(zorba?.sources).toContain('gazetteer');
    // In its own document the other mention is offered too ("tag every mention").
    const inA = await service.getSuggestions('doc-a');
    expect(inA.find((s) => s.text === 'Zorbatown' && s.label === 'LOCATION')).toMatchObject(range(text, 'Zorbatown', 40));

    await service.editSpans('doc-a', [{ op: 'remove', id: 's-z' }]);
    const after = await service.getSuggestions('doc-b');
    expect(after.find((s) => s.text === 'Zorbatown' && s.label === 'LOCATION')?.sources ?? []).not.toContain('gazetteer');
    await service.close();
  });

  it('learns other annotators’ work as well as the gold layer', async () => {
    const { service } = await project();
    await service.setAnnotator('Basel');
    await service.editSpans('doc-c', [{ op: 'add', span: { id: 's-q', ...range(ARTICLES[2]!.text, 'Qarnville'), label: 'LOCATION' } }]);
    await service.setAnnotator('Amira');
    const text = 'Aid reached Qarnville.';
    await service.importTexts([{ name: 'd.txt', id: 'doc-d', text }]);
    expect((await service.getSuggestions('doc-d')).find((s) => s.text === 'Qarnville')?.sources).toContain('gazetteer');
    await service.close();
  });

  it('finds the other occurrences of a span in its document and across the corpus, this document first', async () => {
    const { service } = await project();
    const text = ARTICLES[0]!.text;
    await service.editSpans('doc-a', [{ op: 'add', span: { id: 's-z', ...range(text, 'Zorbatown'), label: 'LOCATION' } }]);
    const here = await service.suggestOccurrences('doc-a', 's-z', 'document');
    expect(here).toEqual({
      documents: [{ docId: 'doc-a', title: expect.any(String), suggestions: [expect.objectContaining({ ...range(text, 'Zorbatown', 40), label: 'LOCATION', source: 'occurrences' })] }],
      truncated: false,
    });
    const everywhere = await service.suggestOccurrences('doc-a', 's-z', 'corpus');
    expect(everywhere.documents.map((batch) => [batch.docId, batch.suggestions.length])).toEqual([
      ['doc-a', 1],
      ['doc-b', 1],
    ]);
    // Turned down once, an occurrence is not offered again.
    const [other] = here.documents[0]!.suggestions;
    await service.rejectSuggestion('doc-a', { start: other!.start, end: other!.end, label: 'LOCATION' });
    expect((await service.suggestOccurrences('doc-a', 's-z', 'document')).documents).toEqual([]);
    await expect(service.suggestOccurrences('doc-a', 'no-such-span', 'document')).rejects.toMatchObject({ code: 'not-found' });
    await service.close();
  });

  it('offers the spans of a pre-annotation layer under its name; accepting copies into the annotator’s layer', async () => {
    const { service, projectDir, dataDir } = await project();
    await service.close();
    const written = await preAnnotate(projectDir, { intoLayer: 'Engine run 1' });
    const layerId = suggestionLayerId('Engine run 1');
    expect(written.layer).toEqual({ id: layerId, name: 'Engine run 1' });
    const prepared = await layerFile(projectDir, layerId, 'doc-a');
    const date = prepared.spans.find((span) => span.label === 'DATE')!;
    expect(date).toMatchObject({ text: 'Tuesday', source: 'rule:date', score: expect.any(Number), annotator: layerId });
    const info = JSON.parse(await readFile(path.join(projectDir, 'layers', layerId, 'layer.json'), 'utf8'));
    expect(info).toMatchObject({ id: layerId, kind: 'suggestions', name: 'Engine run 1' });

    const again = await createService({ dataDir, projectDir, mode: 'desktop' });
    const offered = (await again.getSuggestions('doc-a')).find((s) => s.label === 'DATE' && s.start === date.start);
    expect(offered?.source).toBe('Engine run 1');
    expect(offered?.sources).toEqual(['Engine run 1', 'rule:date']);
    await again.editSpans('doc-a', [{ op: 'add', span: { id: 's-d', start: date.start, end: date.end, label: 'DATE' } }]);
    expect((await again.getSuggestions('doc-a')).some((s) => s.label === 'DATE' && s.start === date.start)).toBe(false);
    expect(await layerFile(projectDir, layerId, 'doc-a')).toEqual(prepared);
    // Not learnt by the gazetteer: only people's work is.
    expect((await again.getSuggestions('doc-b')).every((s) => !(s.sources ?? []).includes('gazetteer'))).toBe(true);
    await again.close();
  });

  it('answers within 100 ms for a 1,500-word article once warm', async () => {
    const { service } = await project();
    const sentence = ARTICLES[0]!.text;
    const text = Array.from({ length: 90 }, (_, i) => sentence.replace('Zorbatown', `Zorbatown ${i}`)).join('\n\n');
    await service.importTexts([{ name: 'long.txt', id: 'doc-long', text }]);
    await service.editSpans('doc-a', [{ op: 'add', span: { id: 's-z', ...range(sentence, 'Zorbatown'), label: 'LOCATION' } }]);
    await service.getSuggestions('doc-long');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      // An edit elsewhere in the project, so the gazetteer has something to learn each time.
      await service.editSpans('doc-b', [{ op: 'add', span: { id: `s-b${i}`, start: 0, end: 8, label: i % 2 ? 'ACTOR' : 'LOCATION' } }]);
      const started = performance.now();
      await service.getSuggestions('doc-long');
      times.push(performance.now() - started);
      await service.editSpans('doc-b', [{ op: 'remove', id: `s-b${i}` }]);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`getSuggestions, ${text.split(/\s+/).length} words after an edit: median ${median.toFixed(1)} ms (${times.map((t) => t.toFixed(1)).join(', ')})`);
    expect(median).toBeLessThan(100);
    await service.close();
  });
});

describe('rememberRejection', () => {
  const ctx: EditContext = { text: 'Shelling hit Idlib.', annotator: 'a', now: '2026-01-01T00:00:00Z', labels: ['LOCATION'] };
  const empty = emptyLayerDocument('d', 'a', 'hash', '2025-01-01T00:00:00Z');

  it('adds a range once, and refuses ranges outside the text', () => {
    const first = rememberRejection(empty, { start: 13, end: 18, label: 'LOCATION' }, ctx);
    expect(first).toMatchObject({ ok: true, layer: { rejectedSuggestions: [{ start: 13, end: 18, label: 'LOCATION' }], updatedAt: ctx.now } });
    if (!first.ok) return;
    expect(rememberRejection(first.layer, { start: 13, end: 18, label: 'LOCATION' }, ctx)).toEqual({ ok: true, layer: first.layer });
    expect(rememberRejection(empty, { start: 13, end: 20, label: 'LOCATION' }, ctx).ok).toBe(false);
    expect(rememberRejection(empty, { start: 5, end: 5, label: 'LOCATION' }, ctx).ok).toBe(false);
  });
});

describe('mergeSuggestions', () => {
  const s = (start: number, end: number, label: string, source: string, score: number): Suggestion => ({ start, end, label, source, score, text: 'x' });

  it('joins the same span from both and prefers pre-annotation where one label overlaps', () => {
    const merged = mergeSuggestions(
      [s(0, 5, 'LOCATION', 'run 1', 0.5), s(10, 20, 'ACTOR', 'run 1', 0.5)],
      [s(0, 5, 'LOCATION', 'gazetteer', 0.9), s(12, 15, 'ACTOR', 'nlp:name', 0.9), s(30, 35, 'DATE', 'rule:date', 0.8)],
    );
    expect(merged.map((m) => [m.start, m.end, m.label, m.source, m.sources])).toEqual([
      [0, 5, 'LOCATION', 'run 1', ['run 1', 'gazetteer']],
      [10, 20, 'ACTOR', 'run 1', undefined],
      [30, 35, 'DATE', 'rule:date', undefined],
    ]);
  });
});
