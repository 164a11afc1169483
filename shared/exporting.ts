/**
 * Writing datasets out of a project: the options of an export, what its preview and its result
 * say, and the pure step from chosen documents to the files of one split in one format. The
 * Node side (electron/exporting.ts) reads the project and writes the files.
 */
import { majorityLayer } from './agreement/majority';
import { serializeBrat } from './formats/brat';
import { serializeConll } from './formats/conll';
import { serializeHf } from './formats/hf';
import { serializeJsonl } from './formats/jsonl';
import { serializeLabelStudio } from './formats/labelstudio';
import type { ExportDocument, ExportFile } from './formats/model';
import { serializeSpanwise, type SpanwiseExportLayer } from './formats/spanwise';
import { tagDocument } from './formats/tagging';
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
 * Render items in a format. File names start with the split's name (`train.conll`,
 * `train/…` for brat), or a name of the format's own when there is no split. Hugging Face's
 * `tags.json` is written once for all splits by the caller (`hfTags`).
 */
export function renderSplit(format: ExportFormat, items: ExportItem[], split: string | null, context: RenderContext): RenderedSplit {
  const rule = { labelOrder: context.labels.map((label) => label.name) };
  const warnings: string[] = [];
  let files: ExportFile[];
  let dropped: Record<string, number> = {};
  switch (format) {
    case 'spanwise': {
      const documents = items.map(({ document, layers }) => ({ document, layers }));
      const content = serializeSpanwise({ format: 'spanwise-export', version: 1, project: { name: context.projectName, labels: [...context.labels] }, documents });
      files = [{ name: `${split ?? 'spanwise-export'}.json`, content }];
      break;
    }
    case 'labelstudio':
      files = [{ name: `${split ?? 'label-studio'}.json`, content: serializeLabelStudio(items.map(({ document, layers }) => ({ document, layers }))) }];
      break;
    case 'jsonl':
    case 'spacy': {
      files = [{ name: `${split ?? 'documents'}.jsonl`, content: serializeJsonl(items, format === 'jsonl' ? 'doccano' : 'spacy') }];
      const lost = format === 'jsonl' ? items.reduce((sum, item) => sum + item.spans.filter((span) => span.attributes || span.note !== undefined || span.fragments).length, 0) : 0;
      if (lost > 0) warnings.push(`${lost} span${lost === 1 ? ' has' : 's have'} attributes, a note or fragments, which doccano's [start, end, label] triples cannot hold: use spaCy-style JSONL to keep them`);
      break;
    }
    case 'brat': {
      const result = serializeBrat(items, context.labels);
      files = result.files.map((file) => ({ ...file, name: split ? `${split}/${file.name}` : file.name }));
      warnings.push(...result.warnings);
      break;
    }
    case 'conll': {
      const result = serializeConll(items, rule);
      files = [{ name: `${split ?? 'documents'}.conll`, content: result.files[0]?.content ?? '' }];
      warnings.push(...result.warnings);
      dropped = flatDropped(items, rule);
      break;
    }
    case 'hf': {
      const result = serializeHf(items, context.labelOrder, rule);
      files = [{ name: `${split ?? 'data'}.jsonl`, content: result.files.find((file) => file.name !== TAGS_NAME)?.content ?? '' }];
      warnings.push(...result.warnings);
      dropped = flatDropped(items, rule);
      break;
    }
  }
  return { files, dropped, warnings: split ? warnings.map((warning) => `${split}: ${warning}`) : warnings };
}

/** The tag list of a Hugging Face export, the same for every split. */
export function hfTags(labelOrder: readonly string[]): string {
  return serializeHf([], labelOrder).files.find((file) => file.name === TAGS_NAME)?.content ?? '[]\n';
}

/** Labels in tag order: the project's, then any other the spans use, alphabetically. */
export function exportLabelOrder(items: readonly ExportItem[], labels: readonly LabelDef[]): string[] {
  const names = labels.map((label) => label.name);
  const known = new Set(names);
  const extra = new Set<string>();
  for (const item of items) for (const span of item.spans) if (!known.has(span.label)) extra.add(span.label);
  return [...names, ...[...extra].sort()];
}

/** The spans a flat format leaves out (nested, overlapping, or covering only whitespace), by label. */
export function flatDropped(items: readonly ExportDocument[], rule: { labelOrder: readonly string[] }): Record<string, number> {
  const dropped: Record<string, number> = {};
  for (const item of items) {
    const tagged = tagDocument(item, rule);
    for (const span of [...tagged.nested, ...tagged.empty]) dropped[span.label] = (dropped[span.label] ?? 0) + 1;
  }
  return dropped;
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
