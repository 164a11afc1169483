import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS, formatInfo, isFormatId, parseFile } from './index';

describe('detectFormat', () => {
  it.each([
    ['article.txt', '', 'text'],
    ['NOTES.MD', '', 'text'],
    ['page.htm', '', 'html'],
    ['train.conll', '', 'conll'],
    ['train.bio', '', 'conll'],
    ['doc.ann', '', 'brat'],
    ['export.json', '{\n  "format": "spanwise-export",\n  "version": 1', 'spanwise'],
    ['project.json', '[{"id": 1, "data": {"text": "x"}, "annotations": []}]', 'labelstudio'],
    ['records.json', '[{"text": "x", "label": [[0, 1, "A"]]}]', 'jsonl'],
    ['records.json', '[{"text": "x", "spans": []}]', 'spacy'],
    ['data.jsonl', '{"tokens": ["a"], "ner_tags": [0]}\n', 'hf'],
    ['data.jsonl', '\n{"text": "x", "spans": []}\n', 'spacy'],
    ['data.ndjson', '{"text": "x", "label": []}\n', 'jsonl'],
    ['report.docx', '', null],
    ['noextension', '', null],
  ])('%s → %s', (name, content, format) => {
    expect(detectFormat(name, content)).toBe(format);
  });
});

describe('the registry', () => {
  it('knows which formats can export and which are flat', () => {
    expect(FORMATS.filter((format) => !format.canExport).map((format) => format.id)).toEqual(['html']);
    expect(FORMATS.filter((format) => format.flat).map((format) => format.id)).toEqual(['conll', 'hf']);
    expect(formatInfo('labelstudio').layered).toBe(true);
    expect(isFormatId('brat')).toBe(true);
    expect(isFormatId('docx')).toBe(false);
  });

  it('reads a file in any format', async () => {
    const text = 'Shelling hit Idlib.';
    expect(await parseFile('text', text, 'a.txt')).toMatchObject({ ok: true, documents: [{ text }] });
    expect(await parseFile('jsonl', JSON.stringify([{ text }]), 'a.json')).toMatchObject({ ok: true, documents: [{ text }] });
    expect(await parseFile('spacy', JSON.stringify({ text }), 'a.jsonl')).toMatchObject({ ok: true, documents: [{ text }] });
    expect(await parseFile('brat', 'T1\tLOCATION 13 18\tIdlib', 'a.ann', { text })).toMatchObject({ ok: true, documents: [{ spans: [{ start: 13 }] }] });
    expect(await parseFile('brat', '', 'a.ann')).toEqual({ ok: false, error: { file: 'a.ann', message: 'needs the text of its .txt file beside it' } });
    expect(await parseFile('hf', '{"tokens": ["Idlib"], "ner_tags": [1]}', 'a.jsonl', { tags: ['O', 'B-LOC'] })).toMatchObject({ ok: true, documents: [{ text: 'Idlib' }] });
    expect(await parseFile('conll', 'Idlib B-LOC\n', 'a.conll')).toMatchObject({ ok: true });
    expect(await parseFile('html', '<p>Idlib</p>', 'a.html')).toMatchObject({ ok: true });
    expect(await parseFile('labelstudio', JSON.stringify([{ data: { text } }]), 'a.json')).toMatchObject({ ok: true });
    expect(await parseFile('spanwise', '{}', 'a.json')).toMatchObject({ ok: false, error: { file: 'a.json' } });
  });
});
