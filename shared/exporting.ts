/**
 * Writing datasets out of a project: the options of an export, what its preview and its result
 * say, and the pure step from chosen documents to the files of one split in one format. The
 * Node side (electron/exporting.ts) reads the project and writes the files.
 */
import { majorityLayer } from './agreement/majority';
import { bratDocument, bratExtraLabels, serializeBratConfig } from './formats/brat';
import { CONLL_DOCUMENT_SEPARATOR, CONLL_NAME, conllDocument } from './formats/conll';
import { HF_NAME, hfRecords } from './formats/hf';
import { prettyArrayElements, prettyArrayEnd } from './formats/jsontext';
import { serializeJsonl } from './formats/jsonl';
import { labelStudioTasks } from './formats/labelstudio';
import type { ExportDocument, ExportFile } from './formats/model';
import type { SpanwiseExport, SpanwiseExportLayer } from './formats/spanwise';
import { emptyTaggingTally, tagDocument, tagListOf, tallyTagging, tallyWarnings, type TaggingTally } from './formats/tagging';
import type { DocumentStatus, LabelDef, LayerKind, Span } from './types';

/** The formats Spanwise writes datasets in. */
export type ExportFormat = 'spanwise' | 'jsonl' | 'spacy' | 'brat' | 'conll' | 'hf' | 'labelstudio';

export const EXPORT_FORMATS: ReadonlyArray<{ id: ExportFormat; name: string }> = [
  { id: 'conll', name: 'CoNLL-2003 style IOB2 (.conll)' },
  { id: 'hf', name: 'Hugging Face token classification (JSONL + tags.json)' },
  { id: 'jsonl', name: 'JSONL, doccano shape' },
  { id: 'spacy', name: 'JSONL, spaCy-style spans' },
  { id: 'brat', name: 'brat standoff (.txt + .ann)' },
  { id: 'labelstudio', name: 'Label Studio JSON' },
  { id: 'spanwise', name: 'Spanwise JSON (lossless, every layer)' },
];

/** The formats that carry every layer of a document, whichever layer is chosen. */
export const LAYERED_EXPORTS: ReadonlySet<ExportFormat> = new Set(['spanwise', 'labelstudio']);

/**
 * Whether a layer's spans may go out. A pre-annotation layer holds suggestions, and a suggestion
 * reaches an export only once someone accepts it into their own layer.
 */
export function isExportable(layer: { kind: LayerKind }): boolean {
  return layer.kind !== 'suggestions';
}

/** Which annotations go out: a layer id, or one of these. */
export const MAJORITY = 'majority';
export const CURRENT = 'current';

export interface SplitOptions {
  /** Shares of train, validation (and test), e.g. [80, 10, 10]; normalised to sum to 1. */
  ratios: number[];
  seed: number;
  /** Give every split its share of each label. */
  stratify: boolean;
}

export interface ExportOptions {
  format: ExportFormat;
  /** The folder to write into (absolute). */
  outDir: string;
  /** An annotator layer's id, `gold`, `majority`, or `current` (yours). */
  layer: string;
  /** Only documents the chosen layer marked done. */
  doneOnly?: boolean;
  split?: SplitOptions;
  /** Write into a folder that already holds files, replacing those of the same names. */
  overwrite?: boolean;
}

export type ExportPreviewOptions = Omit<ExportOptions, 'outDir' | 'overwrite'>;

/** A layer one can export, for the dialog's choice. */
export interface ExportLayerChoice {
  id: string;
  name: string;
  kind: LayerKind | 'majority';
}

/** What an export of these options would hold, and the start of its first file. */
export interface ExportPreview {
  /** The first file, as written. */
  file: string;
  /** Its first records: at most `PREVIEW_LINES` lines. */
  text: string;
  documents: number;
  spans: number;
  splits: Array<{ name: string; documents: number; spans: number }>;
  dropped: Record<string, number>;
  warnings: string[];
  layers: ExportLayerChoice[];
}

/** The manifest of a split dataset, `manifest.json`: enough to rebuild and check it. */
export interface DatasetManifest {
  format: 'spanwise-dataset';
  version: 1;
  project: string;
  exportFormat: ExportFormat;
  layer: string;
  doneOnly: boolean;
  seed: number;
  /** As used: normalised to sum to 1. */
  ratios: number[];
  stratify: boolean;
  splits: Array<{ name: string; files: string[]; documents: string[]; spanCounts: Record<string, number> }>;
}

/** What an export wrote. */
export interface ExportOutcome {
  outDir: string;
  /** Absolute paths, in the order written. */
  files: string[];
  documents: number;
  manifest?: DatasetManifest;
  /** Spans the format could not hold (nested spans in a flat format), by label. */
  dropped: Record<string, number>;
  warnings: string[];
}

export const PREVIEW_LINES = 40;
export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export const MANIFEST_NAME = 'manifest.json';
export const TAGS_NAME = 'tags.json';

/** One document going out: its chosen spans, and every layer for the layered formats. */
export interface ExportItem extends ExportDocument {
  layers: Record<string, SpanwiseExportLayer>;
}

/** The files of one split (or of the whole export, `split` null) in a format. */
export interface RenderedSplit {
  files: ExportFile[];
  dropped: Record<string, number>;
  warnings: string[];
}

export interface RenderContext {
  projectName: string;
  labels: readonly LabelDef[];
  /** Hugging Face: every label of the whole export in tag order, so each split has one tag list. */
  labelOrder: readonly string[];
}

/**
 * Text to append to one file of an export; `complete` once no more text follows for that file.
 * `T` is how a batch's text travels: a string, or (from a rendering thread) its UTF-8 bytes.
 */
export interface ExportPiece<T = string> {
  name: string;
  content: string | T;
  complete?: boolean;
}

/**
 * The part of rendering a batch of documents that depends on no other batch — the bulk of the
 * work: tagging, JSON text — made by `prepareBatch` on any thread, batches in any order. A
 * split's renderer then adds the batches in order: what joins one to the next, and the counts.
 * Label Studio numbers tasks and annotators across batches, so its batches are rendered when added.
 */
export type PreparedBatch<T = string> =
  | { kind: 'json'; documents: number; text: T }
  | { kind: 'items'; items: readonly ExportItem[] }
  | { kind: 'jsonl'; documents: number; text: T; lost: number }
  | { kind: 'files'; documents: number; files: ExportFile[]; warnings: string[]; labels: string[] }
  | { kind: 'tagged'; documents: number; text: T; tally: TaggingTally; dropped: Record<string, number> };

/**
 * One split of an export rendered a batch of documents at a time, so that only a few batches
 * are held in memory however large the project: `add` gives the text each prepared batch
 * appends to the split's files, `finish` the text that ends them and what the format left out.
 * A file's pieces joined in order are exactly what rendering all the documents at once gives
 * (`renderSplit`).
 */
export interface SplitRenderer {
  add<T>(batch: PreparedBatch<T>): Array<ExportPiece<T>>;
  finish(): RenderedSplit;
}

/**
 * Render items in a format. File names start with the split's name (`train.conll`,
 * `train/…` for brat), or a name of the format's own when there is no split. Hugging Face's
 * `tags.json` is written once for all splits by the caller (`hfTags`).
 */
export function renderSplit(format: ExportFormat, items: ExportItem[], split: string | null, context: RenderContext): RenderedSplit {
  const renderer = splitRenderer(format, split, context);
  const pieces = renderer.add(prepareBatch(format, context, items));
  const end = renderer.finish();
  const files = new Map<string, string>();
  for (const piece of [...pieces, ...end.files]) files.set(piece.name, (files.get(piece.name) ?? '') + piece.content);
  return { ...end, files: [...files].map(([name, content]) => ({ name, content })) };
}

/** Prepare a batch of documents for a split renderer of this format (see `PreparedBatch`). */
export function prepareBatch(format: ExportFormat, context: RenderContext, items: readonly ExportItem[]): PreparedBatch {
  switch (format) {
    case 'spanwise':
      return { kind: 'json', documents: items.length, text: prettyArrayElements(items.map(({ document, layers }) => ({ document, layers })), 0, 1) };
    case 'labelstudio':
      return { kind: 'items', items };
    case 'jsonl':
    case 'spacy': {
      const lost = format === 'jsonl' ? items.reduce((sum, item) => sum + item.spans.filter((span) => span.attributes || span.note !== undefined || span.fragments).length, 0) : 0;
      return { kind: 'jsonl', documents: items.length, text: serializeJsonl([...items], format === 'jsonl' ? 'doccano' : 'spacy'), lost };
    }
    case 'brat': {
      const written = items.map((item) => bratDocument(item, context.labels));
      const labels = [...new Set(items.flatMap((item) => item.spans.map((span) => span.label)))];
      return { kind: 'files', documents: items.length, files: written.flatMap((one) => one.files), warnings: written.flatMap((one) => one.warnings), labels };
    }
    case 'conll':
    case 'hf':
      return prepareTagged(format, context, items);
  }
}

/** A renderer for one split (or the whole export, `split` null) in a format; see `renderSplit` for the file names. */
export function splitRenderer(format: ExportFormat, split: string | null, context: RenderContext): SplitRenderer {
  const renderer = formatRenderer(format, split, context);
  return {
    add: (batch) => ((batch.kind === 'items' ? batch.items.length : batch.documents) > 0 ? renderer.add(batch) : []),
    finish: () => {
      const end = renderer.finish();
      return { ...end, warnings: split ? end.warnings.map((warning) => `${split}: ${warning}`) : end.warnings };
    },
  };
}

function formatRenderer(format: ExportFormat, split: string | null, context: RenderContext): SplitRenderer {
  switch (format) {
    case 'spanwise': {
      const project: Omit<SpanwiseExport, 'documents'> = { format: 'spanwise-export', version: 1, project: { name: context.projectName, labels: [...context.labels] } };
      // serializeSpanwise's text with the documents array left open: `{ …, "project": {…}` then the array.
      const head = `${JSON.stringify(project, null, 2).slice(0, -'\n}'.length)},\n  "documents": [`;
      return jsonArrayRenderer(`${split ?? 'spanwise-export'}.json`, head, 1, '\n}\n');
    }
    case 'labelstudio': {
      const task = labelStudioTasks();
      const renderer = jsonArrayRenderer(`${split ?? 'label-studio'}.json`, '[', 0, '\n');
      return {
        add: (batch) => {
          const { items } = batchOf(batch, 'items');
          const text = prettyArrayElements(items.map(({ document, layers }) => task({ document, layers })), 0, 0);
          const pieces: ExportFile[] = renderer.add({ kind: 'json', documents: items.length, text });
          return pieces;
        },
        finish: renderer.finish,
      };
    }
    case 'jsonl':
    case 'spacy':
      return jsonlRenderer(format, `${split ?? 'documents'}.jsonl`);
    case 'brat':
      return bratRenderer(split, context.labels);
    case 'conll':
    case 'hf':
      return taggedRenderer(format, split);
  }
}

/** The batch as the kind a renderer takes; another kind is a mistake of the caller. */
function batchOf<K extends PreparedBatch['kind'], T>(batch: PreparedBatch<T>, kind: K): Extract<PreparedBatch<T>, { kind: K }> {
  if (batch.kind !== kind) throw new Error(`a batch prepared as ${batch.kind} was given to a renderer of ${kind} batches`);
  return batch as Extract<PreparedBatch<T>, { kind: K }>;
}

/**
 * A JSON file holding one array element per document, written as `JSON.stringify(…, null, 2)`
 * would: each batch's elements are prepared as if first (`prettyArrayElements` after none), and
 * what comes before them — the head, or the comma after the batch before — is added here.
 */
function jsonArrayRenderer(name: string, head: string, depth: number, tail: string): SplitRenderer {
  let count = 0;
  return {
    add: (batch) => {
      const { documents, text } = batchOf(batch, 'json');
      const before = count === 0 ? head : ',';
      count += documents;
      return [
        { name, content: before },
        { name, content: text },
      ];
    },
    finish: () => ({ files: [{ name, content: `${count === 0 ? head : ''}${prettyArrayEnd(count, depth)}${tail}`, complete: true }], dropped: {}, warnings: [] }),
  };
}

function jsonlRenderer(format: 'jsonl' | 'spacy', name: string): SplitRenderer {
  let lost = 0;
  return {
    add: (batch) => {
      const prepared = batchOf(batch, 'jsonl');
      lost += prepared.lost;
      return [{ name, content: prepared.text }];
    },
    finish: () => {
      const warnings =
        format === 'jsonl' && lost > 0 ? [`${lost} span${lost === 1 ? ' has' : 's have'} attributes, a note or fragments, which doccano's [start, end, label] triples cannot hold: use spaCy-style JSONL to keep them`] : [];
      return { files: [{ name, content: '', complete: true }], dropped: {}, warnings };
    },
  };
}

function bratRenderer(split: string | null, labels: readonly LabelDef[]): SplitRenderer {
  const inSplit = (name: string) => (split ? `${split}/${name}` : name);
  const warnings: string[] = [];
  const labelsUsed = new Set<string>();
  return {
    add: (batch) => {
      const prepared = batchOf(batch, 'files');
      for (const label of prepared.labels) labelsUsed.add(label);
      warnings.push(...prepared.warnings);
      return prepared.files.map((file) => ({ name: inSplit(file.name), content: file.content, complete: true }));
    },
    finish: () => ({
      files: [{ name: inSplit('annotation.conf'), content: serializeBratConfig(labels, bratExtraLabels(labelsUsed, labels)), complete: true }],
      dropped: {},
      warnings,
    }),
  };
}

/** CoNLL and Hugging Face: each document tagged once, for its text and for what it leaves out. */
function prepareTagged(format: 'conll' | 'hf', context: RenderContext, items: readonly ExportItem[]): PreparedBatch {
  const rule = { labelOrder: context.labels.map((label) => label.name) };
  const tagIds = new Map(tagListOf(context.labelOrder).map((tag, index) => [tag, index]));
  const tally = emptyTaggingTally();
  const dropped: Record<string, number> = {};
  const texts = items.map((item) => {
    const tagged = tagDocument(item, rule);
    tallyTagging(tally, tagged);
    for (const span of [...tagged.nested, ...tagged.empty]) dropped[span.label] = (dropped[span.label] ?? 0) + 1;
    return format === 'conll' ? conllDocument(tagged) : hfRecords(item.document.id, tagged, tagIds);
  });
  return { kind: 'tagged', documents: items.length, text: texts.join(format === 'conll' ? CONLL_DOCUMENT_SEPARATOR : ''), tally, dropped };
}

function taggedRenderer(format: 'conll' | 'hf', split: string | null): SplitRenderer {
  const name = format === 'conll' ? `${split ?? 'documents'}.conll` : `${split ?? 'data'}.jsonl`;
  const tally = emptyTaggingTally();
  const dropped: Record<string, number> = {};
  let count = 0;
  return {
    add: (batch) => {
      const prepared = batchOf(batch, 'tagged');
      tally.nested += prepared.tally.nested;
      tally.empty += prepared.tally.empty;
      tally.discontinuous += prepared.tally.discontinuous;
      addCounts(dropped, prepared.dropped);
      const separator = format === 'conll' && count > 0 ? CONLL_DOCUMENT_SEPARATOR : '';
      count += prepared.documents;
      return [...(separator ? [{ name, content: separator }] : []), { name, content: prepared.text }];
    },
    finish: () => ({ files: [{ name, content: '', complete: true }], dropped, warnings: tallyWarnings(tally, format === 'conll' ? CONLL_NAME : HF_NAME).warnings }),
  };
}

/** The tag list of a Hugging Face export, the same for every split. */
export function hfTags(labelOrder: readonly string[]): string {
  return `${JSON.stringify(tagListOf(labelOrder))}\n`;
}

/** Labels in tag order: the project's, then any other the spans use, alphabetically. */
export function exportLabelOrder(used: Iterable<string>, labels: readonly LabelDef[]): string[] {
  const names = labels.map((label) => label.name);
  const known = new Set(names);
  return [...names, ...[...new Set(used)].filter((name) => !known.has(name)).sort()];
}

/** Add counts by label into a total. */
export function addCounts(into: Record<string, number>, counts: Readonly<Record<string, number>>): void {
  for (const [label, count] of Object.entries(counts)) into[label] = (into[label] ?? 0) + count;
}

/** Span counts by label. */
export function countLabels(spans: readonly Span[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const span of spans) counts[span.label] = (counts[span.label] ?? 0) + 1;
  return counts;
}

/** The names of the splits for this many ratios: train, validation, test. */
export function splitNames(count: number): string[] {
  if (count < 1 || count > SPLIT_NAMES.length) throw new RangeError(`give 1 to ${SPLIT_NAMES.length} split ratios, not ${count}`);
  return SPLIT_NAMES.slice(0, count);
}

/** One annotator's work on a document, as the majority needs it. */
export interface AnnotatorWork {
  status: DocumentStatus;
  spans: readonly Span[];
}

/**
 * The majority layer of a document: the spans more than half of its annotators (those who did
 * any work on it) have identically. Each keeps the fields of the first annotator's copy, so
 * attributes and notes come along. Done when more than half of them marked it done.
 */
export function majorityOf(work: Readonly<Record<string, AnnotatorWork>>): AnnotatorWork {
  const layers = Object.fromEntries(Object.entries(work).map(([id, layer]) => [id, layer.spans]));
  const spans = majorityLayer(layers).map((consensus) => Object.values(consensus.spans)[0] as Span);
  const entries = Object.values(work);
  const done = entries.filter((layer) => layer.status === 'done').length;
  return { spans, status: entries.length > 0 && 2 * done > entries.length ? 'done' : entries.length > 0 ? 'in-progress' : 'new' };
}

/** The first lines of a text, for a preview. */
export function firstLines(text: string, lines = PREVIEW_LINES): string {
  let at = -1;
  for (let line = 0; line < lines; line++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at + 1);
}
