import { describe, expect, it } from 'vitest';
import { parsePlainText, serializePlainText } from './plaintext';
import { exportDocument } from './__testing__/fixtures';

describe('parsePlainText', () => {
  it('reads one article: the whole text, the first non-empty line as title', () => {
    expect(parsePlainText('\r\n\r\n  Strikes hit Idlib  \r\n\r\nAt least two civilians died.\r\n', 'a.txt')).toEqual({
      ok: true,
      documents: [{ title: 'Strikes hit Idlib', text: '\n\n  Strikes hit Idlib  \n\nAt least two civilians died.\n', meta: {}, spans: [] }],
      warnings: [],
    });
  });

  it('keeps Markdown as written', () => {
    const markdown = '# Strikes hit *Idlib*\n\n- two [civilians](https://example.invalid) died\n';
    const result = parsePlainText(markdown, 'a.md');
    expect(result.ok && result.documents[0]).toMatchObject({ title: 'Strikes hit *Idlib*', text: markdown });
  });

  it.each([
    ['# Strikes hit Idlib', 'Strikes hit Idlib'],
    ['\n\n### Strikes hit Idlib ###  ', 'Strikes hit Idlib'],
    ['  ##\tStrikes hit Idlib', 'Strikes hit Idlib'],
    ['#5 on the list', '#5 on the list'],
    ['#hashtag', '#hashtag'],
    ['####### seven is no heading', '####### seven is no heading'],
    ['# Issue #42', 'Issue #42'],
  ])('takes the text of a Markdown heading as the title: %j', (markdown, title) => {
    const result = parsePlainText(`${markdown}\n\nBody.\n`, 'a.MD');
    expect(result.ok && result.documents[0]).toMatchObject({ title, text: `${markdown}\n\nBody.\n` });
  });

  it('keeps a plain text file’s first line as it is', () => {
    const result = parsePlainText('# Strikes hit Idlib\n', 'a.txt');
    expect(result.ok && result.documents[0]?.title).toBe('# Strikes hit Idlib');
  });

  it.each([
    ['a binary file', 'PK\u0003\u0004\u0000\u0000', /binary/],
    ['an empty file', '', /is empty/],
    ['a file of blank lines', '\r\n \n', /is empty/],
    ['Latin-1 read as UTF-8', 'caf\uFFFD '.repeat(50), /not UTF-8/],
  ])('refuses %s', (_, content, message) => {
    const result = parsePlainText(content, 'notes.txt');
    expect(result).toMatchObject({ ok: false, error: { file: 'notes.txt' } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('serializePlainText', () => {
  it('writes the stored text', () => {
    expect(serializePlainText(exportDocument('Title\n\nBody 😀', []))).toBe('Title\n\nBody 😀');
  });
});
