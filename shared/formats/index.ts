/**
 * The registry of file formats: their ids, what they can do, how a file is recognised, and one
 * entry point to read a single file in any of them. Each format lives in its own module.
 */
import { parseBrat, type BratOptions } from './brat';
import { parseConll, type ConllOptions } from './conll';
import { parseHf, type HfOptions } from './hf';
import { parseJson } from './json';
import { parseJsonl } from './jsonl';
import { parseLabelStudio, type LabelStudioOptions } from './labelstudio';
import { failure, type ParseResult } from './model';
import { parsePlainText } from './plaintext';
import { parseSpanwise } from './spanwise';

export type FormatId = 'spanwise' | 'jsonl' | 'spacy' | 'brat' | 'conll' | 'hf' | 'labelstudio' | 'text' | 'html';

export interface FormatInfo {
  id: FormatId;
  name: string;
  /** File name endings it is recognised by, lower case, with the dot. */
  extensions: string[];
  canImport: boolean;
  canExport: boolean;
  /** One label per token: nested spans are flattened on export, and the count reported. */
  flat: boolean;
  /** Holds several layers (annotators) per document. */
  layered: boolean;
  /** An export is a folder of files rather than one file. */
  folder: boolean;
}

export const FORMATS: readonly FormatInfo[] = [
  { id: 'spanwise', name: 'Spanwise export (JSON, lossless)', extensions: ['.json'], canImport: true, canExport: true, flat: false, layered: true, folder: false },
  { id: 'jsonl', name: 'JSONL records, doccano spans', extensions: ['.jsonl', '.ndjson', '.json'], canImport: true, canExport: true, flat: false, layered: false, folder: false },
  { id: 'spacy', name: 'JSONL records, spaCy-style spans', extensions: ['.jsonl', '.ndjson', '.json'], canImport: true, canExport: true, flat: false, layered: false, folder: false },
  { id: 'labelstudio', name: 'Label Studio JSON', extensions: ['.json'], canImport: true, canExport: true, flat: false, layered: true, folder: false },
  { id: 'brat', name: 'brat standoff (.txt + .ann)', extensions: ['.ann'], canImport: true, canExport: true, flat: false, layered: false, folder: true },
  { id: 'conll', name: 'CoNLL (IOB1, IOB2, BIOES)', extensions: ['.conll', '.conll03', '.conllx', '.iob', '.iob2', '.bio', '.bioes'], canImport: true, canExport: true, flat: true, layered: false, folder: false },
  { id: 'hf', name: 'Hugging Face token classification (JSONL + tags.json)', extensions: ['.jsonl'], canImport: true, canExport: true, flat: true, layered: false, folder: true },
  { id: 'text', name: 'Plain text or Markdown', extensions: ['.txt', '.text', '.md', '.markdown'], canImport: true, canExport: true, flat: false, layered: false, folder: false },
  { id: 'html', name: 'HTML page (readable text)', extensions: ['.html', '.htm', '.xhtml'], canImport: true, canExport: false, flat: false, layered: false, folder: false },
];

export function formatInfo(id: FormatId): FormatInfo {
  const info = FORMATS.find((format) => format.id === id);
  if (!info) throw new RangeError(`unknown format "${id}"`);
  return info;
}

export function isFormatId(value: unknown): value is FormatId {
  return FORMATS.some((format) => format.id === value);
}

/** How much of a file detection looks at: enough for the first record, never the whole file. */
const SNIFF_LENGTH = 8192;

/**
 * The format of a file, from its name and the start of its content: `.json` files are told
 * apart by content (a Spanwise export, Label Studio tasks, or records), `.jsonl` files by their
 * first record (tokens and ner_tags: Hugging Face; spans: spaCy-style; else doccano). Null when
 * the name says nothing known (`.txt` files of a brat folder are found through their `.ann`).
 */
export function detectFormat(fileName: string, content = ''): FormatId | null {
  const name = fileName.toLowerCase();
  const head = content.slice(0, SNIFF_LENGTH);
  if (name.endsWith('.json')) {
    if (/"format"\s*:\s*"spanwise-export"/.test(head)) return 'spanwise';
    if (/"data"\s*:/.test(head) && /"(annotations|predictions)"\s*:/.test(content.slice(0, SNIFF_LENGTH * 8))) return 'labelstudio';
    return /"spans"\s*:/.test(head) ? 'spacy' : 'jsonl';
  }
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) {
    const firstRecord = head.split('\n').find((line) => line.trim() !== '') ?? '';
    if (/"tokens"\s*:/.test(firstRecord) && /"ner_tags"\s*:/.test(firstRecord)) return 'hf';
    return /"spans"\s*:/.test(firstRecord) ? 'spacy' : 'jsonl';
  }
  const match = FORMATS.find((format) => format.id !== 'hf' && format.extensions.some((extension) => name.endsWith(extension)));
  return match?.id ?? null;
}

export type ParseOptions = ConllOptions & HfOptions & LabelStudioOptions & Partial<BratOptions>;

/**
 * Read one file in the given format. brat needs the `.txt` content in `options.text`; Hugging
 * Face files with integer tags need `options.tags`. JSON records are read as an array from a
 * `.json` file and as lines from any other.
 */
export async function parseFile(format: FormatId, content: string, file: string, options: ParseOptions = {}): Promise<ParseResult> {
  switch (format) {
    case 'spanwise':
      return parseSpanwise(content, file);
    case 'jsonl':
    case 'spacy':
      return file.toLowerCase().endsWith('.json') ? parseJson(content, file) : parseJsonl(content, file);
    case 'labelstudio':
      return parseLabelStudio(content, file, options);
    case 'brat':
      if (options.text === undefined) return failure(file, 'needs the text of its .txt file beside it');
      return parseBrat(content, file, { text: options.text, labels: options.labels });
    case 'conll':
      return parseConll(content, file, options);
    case 'hf':
      return parseHf(content, file, options);
    case 'text':
      return parsePlainText(content, file);
    case 'html': {
      // The HTML parser is loaded on first use, so that starting the app does not wait for it.
      const { parseHtml } = await import('./html');
      return parseHtml(content, file);
    }
  }
}
