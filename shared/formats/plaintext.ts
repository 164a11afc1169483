/**
 * Plain text and Markdown articles: one article per file, the whole file is the text (Markdown
 * kept as written), and the first non-empty line is the title, without the `#` marks of a
 * Markdown heading. Line endings are normalised.
 */
import { normalizeLineEndings, titleFromText } from '../text';
import { parseGuarded, type ExportDocument, type ParseResult } from './model';
import { requireReadableText } from './source';

/** Read one article from a `.txt` or `.md` file. Binary, non-UTF-8 and empty files are refused. */
export function parsePlainText(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const text = normalizeLineEndings(content);
    const title = MARKDOWN_FILE.test(file) ? headingText(titleFromText(text)) : titleFromText(text);
    return { ok: true, documents: [{ title, text, meta: {}, spans: [] }], warnings: [] };
  });
}

const MARKDOWN_FILE = /\.(?:md|markdown)$/i;
/** An ATX heading: up to three spaces, one to six `#`, then a space or the end; optionally closing `#`s. */
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** The text of a Markdown heading line ("## Strikes hit Idlib ##" gives "Strikes hit Idlib"); other lines as they are. */
function headingText(line: string): string {
  const heading = ATX_HEADING.exec(line);
  return heading?.[1] ? heading[1] : line;
}

/** The article's text, as stored: what a `.txt` export of one document holds. */
export function serializePlainText(item: ExportDocument): string {
  return item.document.text;
}
