/**
 * The shape of every file Spanwise reads, checked on read so a hand-edited or damaged file is
 * named with the offending field instead of failing somewhere later. Objects are loose: fields
 * written by a newer version are kept when the file is written back.
 */
import { z } from 'zod';
import type {
  Annotator,
  CatalogEntry,
  DocumentRecord,
  DocumentStatus,
  LabelDef,
  LayerDocument,
  LayerInfo,
  ProjectManifest,
  Span,
  SpanEdit,
} from '../shared/types';

const offset = z.int().min(0);
const isoTime = z.string().min(1);
const statusSchema: z.ZodType<DocumentStatus> = z.enum(['new', 'in-progress', 'done']);

const labelDefSchema: z.ZodType<LabelDef> = z.looseObject({
  name: z.string().min(1),
  color: z.string(),
  hotkeys: z.array(z.string()),
  definition: z.string(),
  attributes: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        type: z.enum(['enum', 'integer', 'date', 'text']),
        values: z.array(z.string()).optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

export const manifestSchema: z.ZodType<ProjectManifest> = z.looseObject({
  format: z.literal('spanwise-project'),
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string(),
  createdAt: isoTime,
  labels: z.array(labelDefSchema),
});

/** `.spanwise/label-change.json`: a label schema change under way (see electron/schema.ts). */
export interface LabelChangeJournal {
  format: 'spanwise-label-change';
  version: 1;
  startedAt: string;
  /** The schema being changed to. */
  labels: LabelDef[];
  /** Old name → new name. */
  renames: Record<string, string>;
  /** Labels whose spans go. */
  removed: string[];
}

export const labelChangeJournalSchema: z.ZodType<LabelChangeJournal> = z.looseObject({
  format: z.literal('spanwise-label-change'),
  version: z.literal(1),
  startedAt: isoTime,
  labels: z.array(labelDefSchema),
  renames: z.record(z.string(), z.string().min(1)),
  removed: z.array(z.string().min(1)),
});

export const documentSchema: z.ZodType<DocumentRecord> = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  text: z.string(),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
  meta: z.record(z.string(), z.string()),
  importedAt: isoTime,
});

const catalogEntrySchema: z.ZodType<CatalogEntry> = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  textHash: z.string(),
  length: offset,
  importedAt: isoTime,
});

/** `catalog.json`: the document list in import order. */
export interface CatalogFile {
  format: 'spanwise-catalog';
  version: 1;
  documents: CatalogEntry[];
}

export const catalogSchema: z.ZodType<CatalogFile> = z.looseObject({
  format: z.literal('spanwise-catalog'),
  version: z.literal(1),
  documents: z.array(catalogEntrySchema),
});

export const layerInfoSchema: z.ZodType<LayerInfo> = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(['annotator', 'gold', 'suggestions']),
  name: z.string(),
  createdAt: isoTime,
});

const attributesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
const fragmentsSchema = z.array(z.tuple([offset, offset]));

const spanSchema: z.ZodType<Span> = z
  .looseObject({
    id: z.string().min(1),
    start: offset,
    end: offset,
    label: z.string().min(1),
    text: z.string(),
    annotator: z.string(),
    createdAt: isoTime,
    updatedAt: isoTime.optional(),
    attributes: attributesSchema.optional(),
    note: z.string().optional(),
    fragments: fragmentsSchema.optional(),
    provenance: z
      .looseObject({ annotators: z.array(z.string()), adjudicator: z.string(), at: isoTime })
      .optional(),
    source: z.string().optional(),
    score: z.number().optional(),
  })
  .refine((span) => span.start < span.end, 'a span must end after it starts');

// Inverse edits may carry more than a caller's edit (a removed span comes back whole), so
// the stored history is checked for its structure only; applying it checks the rest.
const storedEditSchema: z.ZodType<SpanEdit> = z.discriminatedUnion('op', [
  z.looseObject({
    op: z.literal('add'),
    span: z.looseObject({ id: z.string().min(1), start: offset, end: offset, label: z.string().min(1) }),
  }),
  z.looseObject({ op: z.literal('update'), id: z.string().min(1), set: z.looseObject({}) }),
  z.looseObject({ op: z.literal('remove'), id: z.string().min(1) }),
]);

export const layerDocumentSchema: z.ZodType<LayerDocument> = z.looseObject({
  format: z.literal('spanwise-layer'),
  version: z.literal(1),
  docId: z.string().min(1),
  layer: z.string().min(1),
  textHash: z.string(),
  status: statusSchema,
  spans: z.array(spanSchema),
  updatedAt: isoTime,
  timeSpentMs: z.number().min(0),
  undo: z.array(z.array(storedEditSchema)),
  redo: z.array(z.array(storedEditSchema)),
  rejectedSuggestions: z.array(z.looseObject({ start: offset, end: offset, label: z.string().min(1) })).optional(),
  rejected: z.array(z.string()).optional(),
});

/** One document's entry in a layer summary. */
export interface SummaryEntry {
  status: DocumentStatus;
  spanCount: number;
}

/** `layers/<layerId>/summary.json`: status and span count of every document the layer has. */
export interface SummaryFile {
  format: 'spanwise-summary';
  version: 1;
  layer: string;
  documents: Record<string, SummaryEntry>;
}

export const summarySchema: z.ZodType<SummaryFile> = z.looseObject({
  format: z.literal('spanwise-summary'),
  version: z.literal(1),
  layer: z.string(),
  documents: z.record(z.string(), z.looseObject({ status: statusSchema, spanCount: offset })),
});

/** `settings.json` in the data folder: who annotates on this machine, and recent projects. */
export interface SettingsFile {
  format: 'spanwise-settings';
  version: 1;
  annotators: Annotator[];
  currentAnnotator: string | null;
  recentProjects: string[];
}

export const settingsSchema: z.ZodType<SettingsFile> = z.looseObject({
  format: z.literal('spanwise-settings'),
  version: z.literal(1),
  annotators: z.array(z.looseObject({ id: z.string().min(1), name: z.string() })),
  currentAnnotator: z.string().nullable(),
  recentProjects: z.array(z.string()),
});
