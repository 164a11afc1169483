/**
 * The domain's plain data: what a project holds, what a span is, what the UI and the store
 * exchange. Every offset here is a Unicode code point offset into `DocumentRecord.text`
 * (the offsets Python and spaCy use). UTF-16 positions exist only inside the editor.
 */

/** An attribute a label's spans may carry (CASUALTY kind, DATE normalised value, ...). */
export interface AttributeDef {
  name: string;
  type: 'enum' | 'integer' | 'date' | 'text';
  /** The allowed values of an `enum` attribute. */
  values?: string[];
  description?: string;
}

/** One label of the project's schema. */
export interface LabelDef {
  /** What spans store, e.g. "ACTOR". Upper-case letters, digits, `_` and `-`. */
  name: string;
  /** A CSS hex colour, `#rrggbb`. */
  color: string;
  /** Single keys that apply the label, e.g. ["1", "a"]. */
  hotkeys: string[];
  /** The guideline text shown beside the label. */
  definition: string;
  attributes?: AttributeDef[];
}

/** `spanwise-project.json`, the one file that makes a folder a Spanwise project. */
export interface ProjectManifest {
  format: 'spanwise-project';
  version: 1;
  id: string;
  name: string;
  createdAt: string;
  labels: LabelDef[];
}

/** An article as stored in `documents/<id>.json`. Written on import, never edited after. */
export interface DocumentRecord {
  id: string;
  title: string;
  /** Exactly what span offsets index: line endings normalised to `\n` on import. */
  text: string;
  /** sha256 hex of `text`; layers record it so a changed text is never mis-aligned. */
  textHash: string;
  /** Source metadata kept from import: url, publishedAt (ISO date), source file, ... */
  meta: Record<string, string>;
  importedAt: string;
}

/** One entry of `catalog.json`: what the document list needs without reading every article. */
export interface CatalogEntry {
  id: string;
  title: string;
  textHash: string;
  /** Length of the text in code points. */
  length: number;
  importedAt: string;
}

export type DocumentStatus = 'new' | 'in-progress' | 'done';

/** A span's attribute values, by attribute name. */
export type AttributeValues = Record<string, string | number | null>;

/** Who settled a gold span, and which annotators had it. */
export interface GoldProvenance {
  annotators: string[];
  adjudicator: string;
  at: string;
}

/** A tagged stretch of text, as stored. */
export interface Span {
  /** Stable id, unique within the project. */
  id: string;
  /** Code point offsets into the document text, `start < end`. */
  start: number;
  end: number;
  label: string;
  /** The covered text, `[...text].slice(start, end).join('')`; a check against drift. */
  text: string;
  /** Annotator id of whoever made it. */
  annotator: string;
  createdAt: string;
  updatedAt?: string;
  attributes?: AttributeValues;
  note?: string;
  /** Discontinuous spans (brat): ordered, non-overlapping code point ranges within start..end. */
  fragments?: Array<[number, number]>;
  /** Gold layer only. */
  provenance?: GoldProvenance;
  /** Suggestion layers only: where it came from ("gazetteer", "rule:casualty", ...) and how sure. */
  source?: string;
  score?: number;
}

/** The fields a client supplies to create a span; the store fills in text, annotator and times. */
export interface NewSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  attributes?: AttributeValues;
  note?: string;
  fragments?: Array<[number, number]>;
  /**
   * The fields below are given only to put back a stored span exactly (the undo of a remove or
   * an update), or to carry provenance into a gold or suggestion layer. When absent the store
   * fills in annotator and createdAt itself.
   */
  annotator?: string;
  createdAt?: string;
  updatedAt?: string;
  provenance?: GoldProvenance;
  source?: string;
  score?: number;
}

/** The changeable fields of a span. */
export interface SpanChanges {
  label?: string;
  start?: number;
  end?: number;
  attributes?: AttributeValues;
  note?: string;
}

/** One change to a layer. Batches of these are the unit of saving, undo and redo. */
export type SpanEdit =
  | { op: 'add'; span: NewSpan }
  | { op: 'update'; id: string; set: SpanChanges }
  | { op: 'remove'; id: string };

export type LayerKind = 'annotator' | 'gold' | 'suggestions';

/** `layers/<layerId>/layer.json`: who a layer belongs to. */
export interface LayerInfo {
  id: string;
  kind: LayerKind;
  /** Display name; two layers may share one (ids keep them apart). */
  name: string;
  createdAt: string;
}

/** `layers/<layerId>/<docId>.json`: one annotator's work on one document. */
export interface LayerDocument {
  format: 'spanwise-layer';
  version: 1;
  docId: string;
  layer: string;
  textHash: string;
  status: DocumentStatus;
  spans: Span[];
  updatedAt: string;
  /** Milliseconds the document was open and active in the editor, summed. */
  timeSpentMs: number;
  /** Inverse batches for undo (newest last) and redo, so undo survives closing the document. */
  undo: SpanEdit[][];
  redo: SpanEdit[][];
  /**
   * Gold layer only: the review items (disagreement ids such as `missing:DATE:40-46`, or
   * `agreed:…`) the adjudicator rejected, so they count as settled with no gold span (docs/review.md).
   */
  rejected?: string[];
  /**
   * Annotator layers: suggestions the annotator turned down on this document (range and label),
   * never offered again (docs/suggestions.md).
   */
  rejectedSuggestions?: Array<{ start: number; end: number; label: string }>;
}

export interface Annotator {
  id: string;
  name: string;
}

/** A file of the project that could not be read; it is never written over. */
export interface FileProblem {
  /** Path relative to the project folder. */
  file: string;
  message: string;
  /** Set when the file is one Spanwise keeps backups of, so one can be put back (`restoreBackup`). */
  restorable?: true;
}

export interface ProjectInfo {
  dir: string;
  id: string;
  name: string;
  labels: LabelDef[];
  documentCount: number;
}

export interface Session {
  mode: 'desktop' | 'browser';
  project: ProjectInfo | null;
  /** The person tagging now; null until they have given a name. */
  annotator: Annotator | null;
  /** Every annotator profile known on this machine, to switch between. */
  annotators: Annotator[];
  recentProjects: string[];
  problems: FileProblem[];
  /** True when another process holds the project; edits are refused. */
  readOnly: boolean;
  readOnlyReason?: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  /** Spans in the current annotator's layer. */
  spanCount: number;
  status: DocumentStatus;
  /** How many annotator layers hold work on this document. */
  annotatorCount: number;
  /**
   * Mean exact-match F1 between the annotators who worked on it (docs/agreement.md); null when
   * fewer than two did or nobody tagged anything.
   */
  agreement?: number | null;
  /** Whether an adjudicator still has something to settle in it (docs/review.md). */
  review?: ReviewStatus;
}

/**
 * `not-needed`: fewer than two annotators worked on the document. `needs-review`: a disagreement
 * or an agreed span has no decision in the gold layer yet. `reviewed`: everything is decided.
 */
export type ReviewStatus = 'not-needed' | 'needs-review' | 'reviewed';

/** What the editor needs to show one document for one layer. */
export interface DocumentView {
  document: DocumentRecord;
  layer: LayerDocument;
  canUndo: boolean;
  canRedo: boolean;
  /**
   * Set when the layer's work was done on a different version of the text (its textHash
   * differs): its spans are left out of `layer` rather than shown in the wrong places, and
   * edits are refused. The message says so for the user.
   */
  textMismatch?: string;
}

/** What an edit, undo or redo returns once it is durable on disk. */
export interface EditResult {
  spans: Span[];
  status: DocumentStatus;
  canUndo: boolean;
  canRedo: boolean;
}

/** An article handed to the store as text, e.g. from a file the user picked. */
export interface TextInput {
  /** File name or other origin, used for the message when it is bad and for `meta.source`. */
  name: string;
  text: string;
  title?: string;
  id?: string;
  meta?: Record<string, string>;
}

export interface ImportReport {
  added: string[];
  /** Documents whose text the project already had: id of the existing document, by input name. */
  duplicates: Array<{ name: string; existingId: string }>;
  errors: FileProblem[];
}

/** One saved earlier version of a project file, under `.spanwise/backups/`. */
export interface BackupInfo {
  /** 1 is the newest. */
  n: number;
  /** When that version was saved (ISO time). */
  savedAt: string;
  /** Its size in bytes. */
  size: number;
}

/** How to bring in another annotator's work (see `mergeLayers`). */
export interface MergeOptions {
  /** Report what would happen without writing anything. */
  dryRun?: boolean;
  /** Import the documents of theirs this project lacks, instead of skipping them. */
  addMissing?: boolean;
}

/** One annotator layer a merge brought in (or would bring in, on a dry run). */
export interface MergedLayer {
  id: string;
  name: string;
  /** Documents whose work was new or changed, and written. */
  written: number;
  /** Documents whose work was already here exactly as it is in the source. */
  unchanged: number;
}

/** A document named by id and title, as a merge report lists it. */
export interface NamedDocument {
  id: string;
  title: string;
}

/** What `mergeLayers` did. */
export interface MergeReport {
  /** The export file or project folder read, as an absolute path. */
  source: string;
  dryRun: boolean;
  layers: MergedLayer[];
  /** Layers of the source left out, with the reason (gold, suggestions, your own layer). */
  skippedLayers: Array<{ id: string; name: string; reason: string }>;
  /** Documents whose text differs from ours (by hash): their work on them was not merged. */
  mismatched: NamedDocument[];
  /** Documents of theirs this project does not have: skipped, unless `addMissing` added them. */
  missing: NamedDocument[];
  /** Documents imported because of `addMissing`. */
  added: NamedDocument[];
  /** The ids of our documents whose layers were written. */
  changedDocuments: string[];
  /** Files or entries of the source that could not be used, and why. */
  problems: FileProblem[];
}
