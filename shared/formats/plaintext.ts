/**
 * Plain text and Markdown articles: one article per file, the whole file is the text (Markdown
 * kept as written), and the first non-empty line is the title. Line endings are normalised.
 */
import { normalizeLineEndings, titleFromText } from '../text';
import { parseGuarded, type ExportDocument, type ParseResult } from './model';
import { requireReadableText } from './source';

/** Read one article from a `.txt` or `.md` file. Binary, non-UTF-8 and empty files are refused. */
export function parsePlainText(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const text = normalizeLineEndings(content);
    return { ok: true, documents: [{ title: titleFromText(text), text, meta: {}, spans: [] }], warnings: [] };
  });
}

/** The article's text, as stored: what a `.txt` export of one document holds. */
export function serializePlainText(item: ExportDocument): string {
  return item.document.text;
}
