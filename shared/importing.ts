/**
 * Bringing files into a project: the options an import takes, the preview the user sees before
 * anything is written, the report after, and the pure steps between a parsed file and stored
 * spans — which labels need mapping, same-label overlaps, the stored form of a span.
 * The Node side (electron/importing.ts) reads the files and writes the project.
 */
import { flatten } from './formats/flatten';
import type { FormatId } from './formats/index';
import type { FormatError, ImportedDocument, ImportedSpan } from './formats/model';
import { spareColor } from './labelSchema';
import { DEFAULT_LABEL_MAPPING } from './labelmap';
import { offsetMapFor } from './offsets';
import type { AttributeValues, FileProblem, ImportReport, LabelDef, LayerKind, Span } from './types';
import { isGraphemeBoundary } from './words';

/** The formats a file can be read as: the adapters of shared/formats, and Word documents. */
export type ImportFormat = FormatId | 'docx';

export interface ImportOptions {
  /** Read every file as this format instead of recognising it by name and content. */
  format?: ImportFormat;
  /**
   * Whose work the spans of files that do not say (doccano, spaCy, brat, CoNLL, Hugging Face)
   * are: the display name of an annotator layer, made when the project has none of that name.
   * Default: each file's name.
   */
  annotator?: string;
  /** Put those spans into this existing annotator layer instead (your own, say). */
  layer?: string;
  /**
   * Foreign label → project label, or null to drop its spans. A foreign label not named here
   * gets the default proposal (`DEFAULT_LABEL_MAPPING`), or is dropped when there is none.
   */
  mapping?: Record<string, string | null>;
  /**
   * Foreign labels to add to the project's schema as labels of their own, so their spans keep
   * them. Overrides `mapping` for these labels.
   */
  newLabels?: string[];
}

/** A file handed over by its content: a browser page cannot see the paths of dropped files. */
export interface UploadedFile {
  /** The file's name, or its path inside a dropped folder (`corpus/a.ann`). */
  name: string;
  /** The text, or base64 of the bytes for binary files (`.docx`). */
  content: string;
  encoding?: 'text' | 'base64';
}

/** What one file holds, as the preview shows it. */
export interface FilePreview {
  /** The file as the user knows it: its path, or its name when it was dropped. */
  file: string;
  format: ImportFormat | null;
  documents: number;
  /** Of those, how many the project already has (same text), or an earlier file of this import. */
  duplicates: number;
  spans: number;
  /** By label as the file names them, before mapping. */
  spansByLabel: Record<string, number>;
  warnings: string[];
  error?: FormatError;
}

/** A label of the incoming spans that the project does not have. */
export interface ForeignLabel {
  label: string;
  spans: number;
  /** The default mapping's project label, or null when it proposes none. */
  proposal: string | null;
  /** The project label its spans get with the mapping asked for, or null: dropped. */
  target: string | null;
  /** Added to the schema as a label of its own (then `target` is the label itself). */
  added: boolean;
}

/** A span left out because it overlaps a span of the same label, which the project forbids. */
export interface OverlapExample {
  file: string;
  /** The line of its record, where the format has one record per line. */
  line?: number;
  /** 1-based number of the document within its file. */
  document: number;
  label: string;
  start: number;
  end: number;
  text: string;
}

/** A layer an import writes into. */
export interface ImportLayer {
  id: string;
  name: string;
  kind: LayerKind;
  /** Made by this import. */
  isNew: boolean;
  documents: number;
  spans: number;
}

/** Layer work an import leaves out because the layer already has work on that document. */
export interface KeptWork {
  layer: string;
  document: string;
  reason: string;
}

/** Everything an import would do, shown before it does it. */
export interface ImportPreview {
  files: FilePreview[];
  /** Entries of picked folders passed over (unknown kinds, links leading out of the folder). */
  skipped: FileProblem[];
  newDocuments: number;
  duplicates: ImportReport['duplicates'];
  foreignLabels: ForeignLabel[];
  /** The labels the import adds to the project's schema, as they will be stored. */
  newLabels: LabelDef[];
  /** Spans whose label maps to nothing, by label as the files name them. */
  dropped: Record<string, number>;
  overlaps: { count: number; examples: OverlapExample[] };
  layers: ImportLayer[];
  kept: KeptWork[];
  warnings: string[];
  /** Files that cannot be read: while there is one, importing changes nothing. */
  errors: FormatError[];
}

/** What an import of files did (or, with errors, why it did nothing). */
export interface FileImportReport extends ImportReport {
  errors: FormatError[];
  newLabels: LabelDef[];
  dropped: Record<string, number>;
  overlapsDropped: number;
  layers: ImportLayer[];
  kept: KeptWork[];
  skipped: FileProblem[];
  warnings: string[];
}

/** How many overlap examples a preview lists. */
export const OVERLAP_EXAMPLES = 5;

// ---- labels --------------------------------------------------------------------------------

/** Every label the documents' spans use (anonymous and in layers), with its span count. */
export function labelCounts(docs: readonly ImportedDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (spans: ReadonlyArray<{ label: string }>) => {
    for (const span of spans) counts.set(span.label, (counts.get(span.label) ?? 0) + 1);
  };
  for (const doc of docs) {
    add(doc.spans);
    for (const layer of Object.values(doc.layers ?? {})) add(layer.spans);
  }
  return counts;
}

/**
 * The labels among `counts` that the project lacks (it has a label when the names match
 * exactly or ignoring case), sorted, with the default proposal and the target that `mapping`
 * gives them, or themselves when `newLabels` adds them. A target that is not a project label
 * counts as dropping.
 */
export function foreignLabels(
  counts: ReadonlyMap<string, number>,
  projectLabels: readonly LabelDef[],
  mapping: Readonly<Record<string, string | null>> = {},
  newLabels: readonly string[] = [],
): ForeignLabel[] {
  const names = new Set(projectLabels.map((label) => label.name));
  const upper = new Set(projectLabels.map((label) => label.name.toUpperCase()));
  const adding = new Set(newLabels);
  return [...counts]
    .filter(([label]) => !names.has(label) && !upper.has(label.toUpperCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, spans]) => {
      const proposed = DEFAULT_LABEL_MAPPING[label] ?? DEFAULT_LABEL_MAPPING[label.toUpperCase()];
      const proposal = proposed !== undefined && names.has(proposed) ? proposed : null;
      if (adding.has(label)) return { label, spans, proposal, target: label, added: true };
      const asked = Object.hasOwn(mapping, label) ? mapping[label] : proposal;
      return { label, spans, proposal, target: asked !== null && asked !== undefined && names.has(asked) ? asked : null, added: false };
    });
}

/**
 * The schema entries of the foreign labels an import adds: no hotkey (the user gives one in the
 * label editor), each in a spare colour the project does not use yet while one is left.
 */
export function addedLabels(foreign: readonly ForeignLabel[], projectLabels: readonly LabelDef[]): LabelDef[] {
  const used = projectLabels.map((label) => label.color);
  return foreign
    .filter((label) => label.added)
    .map((label) => {
      const color = spareColor(used);
      used.push(color);
      return { name: label.label, color, hotkeys: [], definition: '' };
    });
}

/**
 * The mapping `mapLabels` takes for these foreign labels: each to its target, and to `''` (no
 * project label) when dropped — so a dropped `per` is never caught by the upper-case `PER`.
 */
export function labelMapping(foreign: readonly ForeignLabel[]): Record<string, string> {
  return Object.fromEntries(foreign.map((label) => [label.label, label.target ?? '']));
}

// ---- spans ---------------------------------------------------------------------------------

/**
 * Keep, for each label, spans that do not overlap one another: the longer span first, then the
 * earlier (the rule of `flatten`). Returns what is kept in input order and what is left out.
 */
export function withoutSameLabelOverlaps<T extends { start: number; end: number; label: string }>(spans: readonly T[]): { kept: T[]; dropped: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const span of spans) {
    const group = byLabel.get(span.label);
    if (group) group.push(span);
    else byLabel.set(span.label, [span]);
  }
  const dropped = new Set<T>();
  for (const group of byLabel.values()) {
    if (group.length > 1) for (const span of flatten(group).dropped) dropped.add(span);
  }
  if (dropped.size === 0) return { kept: [...spans], dropped: [] };
  return { kept: spans.filter((span) => !dropped.has(span)), dropped: spans.filter((span) => dropped.has(span)) };
}

/** The fields of a stored span an import decides itself. */
export interface StoredSpanDefaults {
  /** The span's id when it brings none. */
  id: string;
  annotator: string;
  createdAt: string;
}

/**
 * The stored form of an imported span on `text`, or why the store could not hold it: offsets
 * outside the text or splitting a character (a letter from its accent, an emoji sequence), or
 * fragments out of order. A span that is already a stored span (from a Spanwise or Label Studio
 * file) keeps every field; its covered text is taken afresh from the text.
 */
export function storedSpan(text: string, span: ImportedSpan | Span, defaults: StoredSpanDefaults): Span | string {
  const map = offsetMapFor(text);
  const { start, end, label } = span;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > map.codePointLength || start >= end) {
    return `the ${label} span at ${start}–${end} does not fit the text (${map.codePointLength} characters)`;
  }
  const covered = text.slice(map.toUtf16(start), map.toUtf16(end));
  for (const offset of [start, end]) {
    if (!plainBoundary(text, map.toUtf16(offset)) && !isGraphemeBoundary(text, offset)) {
      return `the ${label} span at ${start}–${end} (${JSON.stringify(covered.slice(0, 60))}) splits a character at ${offset}: a letter from its accent, or an emoji sequence`;
    }
  }
  if (span.fragments && !fragmentsInside(span.fragments, start, end)) {
    return `the ${label} span at ${start}–${end} has fragments that are not ordered, non-overlapping ranges inside it`;
  }
  if (isStoredSpan(span)) return { ...span, text: covered };
  const stored: Span = { id: defaults.id, start, end, label, text: covered, annotator: defaults.annotator, createdAt: defaults.createdAt };
  if (span.attributes && Object.keys(span.attributes).length > 0) stored.attributes = { ...span.attributes } as AttributeValues;
  if (span.note !== undefined) stored.note = span.note;
  if (span.fragments) stored.fragments = span.fragments.map(([from, to]): [number, number] => [from, to]);
  return stored;
}

/**
 * Whether the UTF-16 index falls between two characters below U+0300 that are not `\r\n`: no
 * grapheme cluster joins those, so segmenting (slow for 900,000 spans) cannot say otherwise.
 */
function plainBoundary(text: string, index: number): boolean {
  const before = index > 0 ? text.charCodeAt(index - 1) : 0x20;
  const after = index < text.length ? text.charCodeAt(index) : 0x20;
  return before < 0x300 && after < 0x300 && !(before === 0x0d && after === 0x0a);
}

function isStoredSpan(span: ImportedSpan | Span): span is Span {
  return 'id' in span && typeof span.id === 'string' && 'createdAt' in span && 'annotator' in span;
}

function fragmentsInside(fragments: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  if (fragments.length === 0) return false;
  let previousEnd = start;
  for (const [from, to] of fragments) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < previousEnd || to <= from) return false;
    previousEnd = to;
  }
  return previousEnd <= end;
}

// ---- recognising content -------------------------------------------------------------------

/** The deepest JSON nesting Spanwise reads; real data nests a handful of levels. */
export const MAX_JSON_DEPTH = 1_000;

/**
 * Where JSON text nests deeper than `limit` (arrays and objects inside one another), as the
 * 1-based line of the first bracket past it, or null when it does not. A loop over the text, so
 * JSON nested 100,000 deep is refused before anything tries to walk it.
 */
export function jsonTooDeep(content: string, limit = MAX_JSON_DEPTH): { line: number } | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < content.length; i++) {
    const char = content.charCodeAt(i);
    if (char === 0x0a) line++;
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return { line };
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return null;
}

const TAG = /^(O|[BIESLU]-\S+)$/;
const SNIFFED_LINES = 50;

/**
 * Whether a `.txt` file is a CoNLL / IOB token file rather than an article: it starts with
 * `-DOCSTART-`, or its first lines are all `token … TAG` with at least one chunk tag.
 */
export function looksLikeConll(head: string): boolean {
  const lines = head.split('\n', SNIFFED_LINES + 1).slice(0, SNIFFED_LINES).map((line) => line.trim());
  const filled = lines.filter((line) => line !== '');
  if (filled[0]?.startsWith('-DOCSTART-')) return true;
  // The last line of a sniffed head may be cut short: judge the others when there are enough.
  const judged = filled.length > 3 ? filled.slice(0, -1) : filled;
  if (judged.length < 2) return false;
  let chunkTags = 0;
  for (const line of judged) {
    const columns = line.split(/\s+/);
    const tag = columns[columns.length - 1];
    if (columns.length < 2 || !TAG.test(tag)) return false;
    if (tag !== 'O') chunkTags++;
  }
  return chunkTags > 0;
}
