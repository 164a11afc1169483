/**
 * Hugging Face token classification data: JSONL with one record per sentence,
 * `{ "id", "document", "tokens": [...], "ner_tags": [...], "offsets": [[start, end], ...] }`,
 * and the tag list beside it (`tags.json`: `["O", "B-ACTOR", "I-ACTOR", ...]`) that maps the
 * integer `ner_tags` to tags. `datasets.load_dataset("json", data_files=...)` reads it; the
 * extra columns (`document`, `offsets`) ride along. Offsets are code points into the document's
 * stored text, so predictions can be mapped back onto it.
 *
 * Reading: `ner_tags` are integers into the tag list (or tag strings); consecutive records with
 * the same `document` make one document, records without one are documents of their own. As in
 * CoNLL, the text is rebuilt from the tokens (spaces between tokens, a line break between
 * records); `offsets` are not needed to read a file back.
 */
import type { FlattenRule } from './flatten';
import { isRecord, parseJsonText } from './jsontext';
import {
  attempt,
  FormatProblem,
  parseGuarded,
  type ExportDocument,
  type ExportResult,
  type FormatError,
  type ImportedDocument,
  type ParseResult,
} from './model';
import { requireReadableText, show } from './source';
import {
  addTaggedToken,
  detectScheme,
  emptyTaggedTokens,
  tagDocument,
  taggedTokensToDocument,
  taggingWarnings,
  tagListOf,
  type TaggedDocument,
  type TaggedTokens,
  type TagScheme,
} from './tagging';

export interface HfOptions {
  /** The tag list that integer `ner_tags` index; required when they are integers. */
  tags?: readonly string[];
  /** The tag scheme; detected from the tags when absent. */
  scheme?: TagScheme;
}

interface HfRecord {
  id?: string;
  document?: string;
  tokens: string[];
  tags: string[];
  line: number;
}

/** Records grouped into one document, with its id. */
interface HfDocument extends TaggedTokens {
  id?: string;
}

/** Read Hugging Face token classification JSONL. */
export function parseHf(content: string, file: string, options: HfOptions = {}): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const groups: HfDocument[] = [];
    let previous: HfRecord | undefined;
    let emptyRecords = 0;
    content.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const record = readRecord(parseJsonText(line, index + 1), index + 1, options.tags);
      if (record.tokens.length === 0) {
        emptyRecords++;
        return;
      }
      // Consecutive records of one `document` make one document; others stand alone.
      if (record.document === undefined || previous?.document !== record.document) {
        groups.push({ ...emptyTaggedTokens(), id: record.document ?? record.id });
      }
      const group = groups[groups.length - 1];
      record.tokens.forEach((token, tokenIndex) => addTaggedToken(group, token, record.tags[tokenIndex], record.line, tokenIndex === 0));
      previous = record;
    });
    if (groups.length === 0) throw new FormatProblem('holds no tokens');
    const scheme = options.scheme ?? detectScheme(groups);
    const documents = groups.map((group): ImportedDocument => {
      const document: ImportedDocument = { ...taggedTokensToDocument(group, scheme), meta: {} };
      if (group.id !== undefined) document.id = group.id;
      return document;
    });
    const warnings = options.scheme ? [] : [`tags read as ${scheme.toUpperCase()}`];
    if (emptyRecords > 0) warnings.push(`${emptyRecords} record${emptyRecords === 1 ? '' : 's'} without tokens skipped`);
    return { ok: true, documents, warnings };
  });
}

/**
 * Read a tag list: a JSON array of tags, `{ "names": [...] }` (a datasets ClassLabel), or an
 * id-to-tag object, bare or as a model config's `id2label`.
 */
export function parseTagList(content: string, file: string): { ok: true; tags: string[] } | { ok: false; error: FormatError } {
  const outcome = attempt(file, () => {
    requireReadableText(content);
    const value = parseJsonText(content);
    const list = isRecord(value) ? (value.names ?? value.id2label ?? value) : value;
    const tags = Array.isArray(list) ? list : isRecord(list) ? idMapToList(list) : null;
    if (!tags || tags.length === 0 || !tags.every((tag) => typeof tag === 'string')) {
      throw new FormatProblem('is not a tag list: expected ["O", "B-LABEL", ...], {"names": [...]} or {"0": "O", ...}', 1);
    }
    return tags as string[];
  });
  return outcome.ok ? { ok: true, tags: outcome.value } : outcome;
}

/**
 * Write one record per sentence and the tag list: O, then B-/I- of every label in
 * `labelOrder`, then of any other label the spans use (alphabetically).
 */
export function serializeHf(
  items: ExportDocument[],
  labelOrder: readonly string[],
  rule: Partial<FlattenRule> = {},
): ExportResult & { tags: string[] } {
  const tagged = items.map((item) => tagDocument(item, { labelOrder, ...rule }));
  const extra = [...new Set(items.flatMap((item) => item.spans.map((span) => span.label)))]
    .filter((label) => !labelOrder.includes(label))
    .sort();
  const tags = tagListOf([...labelOrder, ...extra]);
  const tagIds = new Map(tags.map((tag, index) => [tag, index]));
  const lines = tagged.map((doc, docIndex) => hfRecords(items[docIndex].document.id, doc, tagIds));
  const { warnings, dropped } = taggingWarnings(tagged, HF_NAME);
  return {
    files: [
      { name: 'data.jsonl', content: lines.join('') },
      { name: 'tags.json', content: `${JSON.stringify(tags)}\n` },
    ],
    tags,
    warnings,
    dropped,
  };
}

/** What Hugging Face warnings call the format. */
export const HF_NAME = 'The Hugging Face format';

/** The JSONL records of one tagged document, one per sentence; `tagIds` numbers the tags. */
export function hfRecords(docId: string, { sentences }: TaggedDocument, tagIds: ReadonlyMap<string, number>): string {
  return sentences
    .map(({ tokens, tags }, index) => {
      const record = {
        id: `${docId}-${index}`,
        document: docId,
        tokens: tokens.map((token) => token.text),
        ner_tags: tags.map((tag) => tagIds.get(tag) ?? 0),
        offsets: tokens.map((token) => [token.start, token.end]),
      };
      return `${JSON.stringify(record)}\n`;
    })
    .join('');
}

function readRecord(value: unknown, line: number, tagList: readonly string[] | undefined): HfRecord {
  if (!isRecord(value)) throw new FormatProblem(`record is not a JSON object but ${show(value)}`, line);
  const { tokens, ner_tags: nerTags } = value;
  if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string' && token !== '' && !/[\r\n]/.test(token))) {
    throw new FormatProblem('"tokens" must be a list of non-empty strings without line breaks', line);
  }
  if (!Array.isArray(nerTags) || nerTags.length !== tokens.length) {
    throw new FormatProblem(`"ner_tags" must be a list with one tag per token (${tokens.length})`, line);
  }
  const tags = nerTags.map((tag, index) => {
    if (typeof tag === 'string') return tag;
    if (!Number.isInteger(tag)) throw new FormatProblem(`ner_tags[${index}] is ${show(tag)}, not a tag id`, line);
    if (!tagList) throw new FormatProblem('"ner_tags" are ids: the tag list (tags.json) is needed to read them', line);
    const name = tagList[tag as number];
    if (name === undefined) throw new FormatProblem(`ner_tags[${index}] is ${tag} but the tag list has ${tagList.length} tags`, line);
    return name;
  });
  const record: HfRecord = { tokens, tags, line };
  if (typeof value.id === 'string' || typeof value.id === 'number') record.id = String(value.id);
  if (typeof value.document === 'string' || typeof value.document === 'number') record.document = String(value.document);
  return record;
}

function idMapToList(map: Record<string, unknown>): unknown[] | null {
  const entries = Object.entries(map);
  if (!entries.every(([key]) => /^\d+$/.test(key))) return null;
  const list: unknown[] = [];
  for (const [key, tag] of entries) list[Number(key)] = tag;
  return list.length === entries.length ? list : null;
}
