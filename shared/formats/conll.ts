/**
 * CoNLL token files (CoNLL-2003 and its kin): one token per line with its tag in the last
 * column, a blank line between sentences, and a `-DOCSTART-` line before each document.
 * Tags may follow IOB1, IOB2 or BIOES (see ./tagging for how the scheme is detected, or pass
 * it). A file has no article text, so the text is rebuilt from the tokens: tokens joined by a
 * space, sentences by a line break; spans are the tagged chunks over that text.
 *
 * Written as IOB2, two columns (`token TAG`), `-DOCSTART- -X- O O` and a blank line before each
 * document. Nested spans cannot be held: they are flattened and counted (./flatten).
 */
import type { FlattenRule } from './flatten';
import { FormatProblem, parseGuarded, type ExportDocument, type ExportResult, type ImportedDocument, type ParseResult } from './model';
import { requireReadableText } from './source';
import {
  addTaggedToken,
  detectScheme,
  emptyTaggedTokens,
  tagDocument,
  taggedTokensToDocument,
  taggingWarnings,
  type TaggedDocument,
  type TaggedTokens,
  type TagScheme,
} from './tagging';

const DOCSTART = '-DOCSTART-';
const COLUMN_SEPARATOR = /[ \t]/;

export interface ConllOptions {
  /** The tag scheme; detected from the tags when absent. */
  scheme?: TagScheme;
}

/** Read a CoNLL file: one document per `-DOCSTART-` (or one for a file without any). */
export function parseConll(content: string, file: string, options: ConllOptions = {}): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const documents = readDocuments(content);
    if (documents.length === 0) throw new FormatProblem('holds no tokens');
    const scheme = options.scheme ?? detectScheme(documents);
    const imported = documents.map((doc): ImportedDocument => ({ ...taggedTokensToDocument(doc, scheme), meta: {} }));
    return { ok: true, documents: imported, warnings: options.scheme ? [] : [`tags read as ${scheme.toUpperCase()}`] };
  });
}

/** Write documents as IOB2 CoNLL. */
export function serializeConll(items: ExportDocument[], rule: Partial<FlattenRule> = {}): ExportResult {
  const tagged = items.map((item) => tagDocument(item, rule));
  const content = tagged.map(conllDocument).join(CONLL_DOCUMENT_SEPARATOR);
  const { warnings, dropped } = taggingWarnings(tagged, CONLL_NAME);
  return { files: [{ name: 'documents.conll', content }], warnings, dropped };
}

/** What CoNLL warnings call the format. */
export const CONLL_NAME = 'CoNLL';
/** What stands between two documents' text in a CoNLL file. */
export const CONLL_DOCUMENT_SEPARATOR = '\n';

/** One tagged document as CoNLL lines: its `-DOCSTART-` line, then its sentences. */
export function conllDocument({ sentences }: TaggedDocument): string {
  const body = sentences.map(({ tokens, tags }) => tokens.map((token, index) => `${token.text} ${tags[index]}\n`).join('')).join('\n');
  return `${DOCSTART} -X- O O\n\n${body}`;
}

/** The tokens of each document that has any, with their tags and lines. */
function readDocuments(content: string): TaggedTokens[] {
  const documents: TaggedTokens[] = [];
  let current = emptyTaggedTokens();
  let startsSentence = true;
  let lineNumber = 0;
  for (let from = 0; from <= content.length; ) {
    const newline = content.indexOf('\n', from);
    const to = newline < 0 ? content.length : newline;
    const line = content.slice(from, to).trim();
    from = to + 1;
    lineNumber++;
    if (line === '') {
      startsSentence = true;
      continue;
    }
    const firstGap = line.search(COLUMN_SEPARATOR);
    const token = firstGap < 0 ? line : line.slice(0, firstGap);
    if (token === DOCSTART) {
      if (current.tokens.length > 0) documents.push(current);
      current = emptyTaggedTokens();
      startsSentence = true;
      continue;
    }
    if (firstGap < 0) throw new FormatProblem(`"${line.slice(0, 80)}" has a token but no tag: expected "token … TAG"`, lineNumber);
    const tag = line.slice(Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t')) + 1);
    addTaggedToken(current, token, tag, lineNumber, startsSentence);
    startsSentence = false;
  }
  if (current.tokens.length > 0) documents.push(current);
  return documents;
}
