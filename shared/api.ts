/**
 * The one contract between the renderer and the service. Every call the UI can make is a
 * method of `SpanwiseApi` and has an argument schema in `apiSchemas`; both transports
 * (Electron IPC and loopback HTTP) are generic over this file, and the service validates
 * every call's arguments against its schema before anything reaches the store.
 *
 * Adding a call: one method here, one schema here, one handler in the service.
 */
import { z } from 'zod';
import type {
  BackupInfo,
  MergeOptions,
  MergeReport,
  DocumentStatus,
  DocumentSummary,
  DocumentView,
  EditResult,
  LabelDef,
  ImportReport,
  Session,
  SpanEdit,
  TextInput,
} from './types';
import type { SearchQuery, SearchResult } from './search';
import type { SpanRange, Suggestion } from './suggest/suggestion';
import type { OccurrenceSearch } from './suggestions';
import { labelSchemaProblems, type LabelChangeSummary } from './labelSchema';
import type { ProjectStats } from './statistics';
import type { AcceptAgreedReport, AgreementOverview, ItemTarget, ReviewDecision, ReviewView, WalkStart } from './review';
import type { ExportOptions, ExportOutcome, ExportPreview, ExportPreviewOptions } from './exporting';
import type { FileImportReport, ImportOptions, ImportPreview, UploadedFile } from './importing';

export interface SpanwiseApi {
  /** Who is annotating, which project is open, and what could not be read. */
  getSession(): Promise<Session>;
  /** Switch to the annotator profile of that name, creating it (with a new id) if it is new. */
  setAnnotator(name: string): Promise<Session>;
  /** Open the project in that folder and remember it among the recent ones. */
  openProject(dir: string): Promise<Session>;
  /** Make a new, empty project in that folder (which must be empty or missing) and open it. */
  createProject(dir: string, name: string): Promise<Session>;
  listDocuments(): Promise<DocumentSummary[]>;
  /** One document with the current annotator's layer (or the named layer). */
  getDocument(docId: string, layer?: string): Promise<DocumentView>;
  /** Apply a batch of span edits atomically; resolves once it is durable on disk. */
  editSpans(docId: string, edits: SpanEdit[], layer?: string): Promise<EditResult>;
  undo(docId: string, layer?: string): Promise<EditResult>;
  redo(docId: string, layer?: string): Promise<EditResult>;
  setDocumentStatus(docId: string, status: DocumentStatus, layer?: string): Promise<EditResult>;
  /** Add articles given as text; all or nothing. */
  importTexts(inputs: TextInput[]): Promise<ImportReport>;
  /**
   * What is on offer to the current annotator in a document: the engine's suggestions and the
   * spans of pre-annotation layers, less what they accepted or turned down (docs/suggestions.md).
   */
  getSuggestions(docId: string): Promise<Suggestion[]>;
  /** Never offer this suggestion (range and label) to the current annotator in this document again. */
  rejectSuggestion(docId: string, suggestion: SpanRange): Promise<EditResult>;
  /**
   * The other whole-word occurrences of a span's text (the current annotator's span `spanId`),
   * in its document or across the corpus, to be tagged with its label in one go.
   */
  suggestOccurrences(docId: string, spanId: string, scope: 'document' | 'corpus'): Promise<OccurrenceSearch>;
  /** Documents holding a text, or spans of a label (holding a text), a page at a time. */
  searchCorpus(query: SearchQuery): Promise<SearchResult>;
  /**
   * The earlier versions kept of a project file, newest (n = 1) first; `file` is relative to the
   * project with `/` separators, as `FileProblem.file` gives it. Empty when there are none.
   */
  listBackups(file: string): Promise<BackupInfo[]>;
  /**
   * Put back backup `n` of a project file (checked readable first). The version it replaces is
   * kept as `<file>.corrupt-<time>` beside it; the project is reopened.
   */
  restoreBackup(file: string, n: number): Promise<Session>;
  /**
   * The backups of the manifest (`spanwise-project.json`) of a project folder that could not be
   * opened, newest first: only for a folder whose `openProject` (or opening at start) failed.
   */
  listManifestBackups(dir: string): Promise<BackupInfo[]>;
  /**
   * Put back backup `n` of the unreadable manifest of such a folder, keeping the unreadable one
   * as `spanwise-project.json.corrupt-<time>` beside it, and open the project.
   */
  restoreManifestBackup(dir: string, n: number): Promise<Session>;
  /**
   * Bring in other annotators' work: a Spanwise export file or another project folder (an
   * absolute path). Each of their annotator layers becomes a layer here, by annotator id;
   * merging an updated source again replaces what changed (docs/review.md).
   */
  mergeLayers(source: string, options?: MergeOptions): Promise<MergeReport>;
  /** How far the project's annotators agree: pairs, labels, documents (docs/agreement.md). */
  getAgreement(): Promise<AgreementOverview>;
  /** One document for review: every annotator's spans, the gold layer, what is still to decide. */
  getReview(docId: string): Promise<ReviewView>;
  /** Settle (or reopen) one review item of a document in the gold layer. */
  decideReviewItem(docId: string, itemId: string, decision: ReviewDecision): Promise<ReviewView>;
  /** Accept into gold every span all annotators agree on, in one document or (no id) all of them. */
  acceptAgreed(docId?: string): Promise<AcceptAgreedReport>;
  /**
   * The open review item after (step 1) or before (-1) a place, across the whole corpus in list
   * order (from the start, or end, when no place is given); null when no other item is open.
   */
  findReviewItem(step: 1 | -1, from?: WalkStart): Promise<ItemTarget | null>;
  /** Progress and statistics: per annotator, per label, spans made per day, time per document. */
  getStatistics(): Promise<ProjectStats>;
  /** Add active editing time (ms) to the current annotator's work on a document; the new total. */
  addTimeSpent(docId: string, ms: number): Promise<number>;
  /**
   * What changing the label schema to `labels` would do to the spans of every layer, `renames`
   * mapping current names to new ones; labels neither kept nor renamed lose their spans. Changes nothing.
   */
  previewLabelChange(labels: LabelDef[], renames: Record<string, string>): Promise<LabelChangeSummary>;
  /** Make `labels` the project's schema, renaming and removing spans in every layer as the preview said. */
  updateLabels(labels: LabelDef[], renames: Record<string, string>): Promise<LabelChangeSummary>;
  /**
   * Read files and folders (absolute paths) and say what importing them would do: documents,
   * duplicates, spans per label, labels to map, overlaps to drop, errors. Writes nothing.
   */
  previewImport(paths: string[], options?: ImportOptions): Promise<ImportPreview>;
  /** Import files and folders, all or nothing, with the label mapping settled in the preview. */
  importFiles(paths: string[], options?: ImportOptions): Promise<FileImportReport>;
  /** `previewImport` for files handed over by content (dropped on a browser window). */
  previewContents(files: UploadedFile[], options?: ImportOptions): Promise<ImportPreview>;
  /** `importFiles` for files handed over by content. */
  importContents(files: UploadedFile[], options?: ImportOptions): Promise<FileImportReport>;
  /** The first records of an export with these options, and what it would hold. */
  previewExport(options: ExportPreviewOptions): Promise<ExportPreview>;
  /** Write a dataset into a folder outside the project (docs/formats.md). */
  exportData(options: ExportOptions): Promise<ExportOutcome>;
}

export type ApiMethod = keyof SpanwiseApi;
export type ApiArgs<M extends ApiMethod> = Parameters<SpanwiseApi[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SpanwiseApi[M]>>;

/** Failure kinds a call may end with; the message is meant for the user's eyes. */
export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'conflict'
  | 'corrupt'
  | 'read-only'
  | 'no-project'
  | 'io'
  | 'internal';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

/** What a call sends back over either transport: errors travel as values, never as thrown objects. */
export type CallOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/** The error every transport rethrows on the renderer side, so UI code sees one kind. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Messages the service pushes without being asked. */
export type ApiEvent =
  | { type: 'project-changed' }
  | { type: 'documents-changed'; docIds: string[] }
  /** Agreement and review figures the last document list lacked are ready: fetch it again. */
  | { type: 'review-ready' }
  | { type: 'save-status'; pending: number; error?: string }
  /** Desktop only: the File menu asks the window to import the paths picked, or to export (into a folder picked). */
  | { type: 'menu-command'; command: 'import' | 'export'; paths: string[] }
  /** Desktop only: the File menu could not open `dir` because its manifest cannot be read (`message`). */
  | { type: 'project-unreadable'; dir: string; message: string };


// ---- argument schemas --------------------------------------------------------------------

const MAX_NAME = 200;
const MAX_PATH = 4096;
const MAX_OFFSET = 2 ** 31 - 1;

/** Ids become file names: keep them to a safe alphabet, never `.` or `..`. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"');

export const labelNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'must be letters, digits, "_" or "-"');

const offsetSchema = z.int().min(0).max(MAX_OFFSET);
const attributeKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'bad attribute name');
const attributesSchema = z.record(
  attributeKeySchema,
  z.union([z.string().max(10_000), z.number().finite(), z.null()]),
);
const timestampSchema = z.string().max(64);
const fragmentsSchema = z.array(z.tuple([offsetSchema, offsetSchema])).max(64);

const newSpanSchema = z.strictObject({
  id: idSchema,
  start: offsetSchema,
  end: offsetSchema,
  label: labelNameSchema,
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).optional(),
  fragments: fragmentsSchema.optional(),
  annotator: z.string().min(1).max(MAX_NAME).optional(),
  createdAt: timestampSchema.optional(),
  updatedAt: timestampSchema.optional(),
  provenance: z
    .strictObject({ annotators: z.array(z.string().max(MAX_NAME)).max(1_000), adjudicator: z.string().max(MAX_NAME), at: timestampSchema })
    .optional(),
  source: z.string().max(MAX_NAME).optional(),
  score: z.number().finite().optional(),
});

const spanChangesSchema = z.strictObject({
  label: labelNameSchema.optional(),
  start: offsetSchema.optional(),
  end: offsetSchema.optional(),
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).optional(),
});

export const spanEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), span: newSpanSchema }),
  z.strictObject({ op: z.literal('update'), id: idSchema, set: spanChangesSchema }),
  z.strictObject({ op: z.literal('remove'), id: idSchema }),
]);

const statusSchema = z.enum(['new', 'in-progress', 'done']);
const layerArg = idSchema.optional();
const pathSchema = z.string().min(1).max(MAX_PATH);

const textInputSchema = z.strictObject({
  name: z.string().min(1).max(MAX_PATH),
  // 50 MB of text is the most one article may hold.
  text: z.string().max(50_000_000),
  title: z.string().max(2_000).optional(),
  id: idSchema.optional(),
  meta: z.record(attributeKeySchema, z.string().max(10_000)).optional(),
});

/** A path inside the project: relative, `/`-separated, with no `.` or `..` steps. */
export const projectFileSchema = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine(
    (file) => !/[\\:\u0000]/.test(file) && file.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a path inside the project such as "layers/<layer>/<document>.json", without ".." or a leading "/"',
  );

const backupNumberSchema = z.int().min(1).max(1_000);

const suggestionRangeSchema = z.strictObject({ start: offsetSchema, end: offsetSchema, label: labelNameSchema });

const searchQuerySchema = z.strictObject({
  text: z.string().max(1_000).optional(),
  label: labelNameSchema.optional(),
  layer: idSchema.optional(),
  allLayers: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  limit: z.int().min(1).max(1_000),
  from: z.int().min(0).max(MAX_OFFSET).optional(),
});

const reviewItemIdSchema = z.string().min(1).max(300);

const reviewDecisionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept'), annotators: z.array(z.string().min(1).max(MAX_NAME)).min(1).max(1_000) }),
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('reopen') }),
]);

const walkStartSchema = z.strictObject({
  docId: idSchema,
  cursor: z.strictObject({ id: reviewItemIdSchema, start: offsetSchema, end: offsetSchema }).nullable(),
});

const attributeDefSchema = z.strictObject({
  name: attributeKeySchema,
  type: z.enum(['enum', 'integer', 'date', 'text']),
  values: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  description: z.string().max(2_000).optional(),
});

const labelDefSchema = z.strictObject({
  name: labelNameSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1d4ed8'),
  hotkeys: z.array(z.string().refine((key) => [...key].length === 1, 'must be one character')).max(10),
  definition: z.string().max(20_000),
  attributes: z.array(attributeDefSchema).max(50).optional(),
});

/** A whole label schema: each label well formed, and together without clashes (shared/labelSchema). */
export const labelSchemaSchema = z
  .array(labelDefSchema)
  .max(500)
  .superRefine((labels, ctx) => {
    for (const message of labelSchemaProblems(labels)) ctx.addIssue({ code: 'custom', message });
  });

const renamesSchema = z.record(labelNameSchema, labelNameSchema);

const importFormatSchema = z.enum(['spanwise', 'jsonl', 'spacy', 'brat', 'conll', 'hf', 'labelstudio', 'text', 'html', 'docx']);

/** Foreign label names come from files: any short text, never a key that reaches a prototype. */
const foreignLabelSchema = z.string().min(1).max(MAX_NAME).refine((key) => key !== '__proto__', 'is not a label name');

const importOptionsSchema = z
  .strictObject({
    format: importFormatSchema.optional(),
    annotator: z.string().trim().min(1).max(MAX_NAME).optional(),
    layer: idSchema.optional(),
    mapping: z
      .record(foreignLabelSchema, labelNameSchema.nullable())
      .refine((mapping) => Object.keys(mapping).length <= 10_000, 'maps more than 10,000 labels')
      .optional(),
    newLabels: z.array(foreignLabelSchema).max(500).optional(),
  })
  .optional();

const importPathsSchema = z.array(pathSchema).min(1).max(1_000);

const uploadedFilesSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(MAX_PATH),
      // 200 MB of bytes is the most one file may hold; base64 writes them in a third more.
      content: z.string().max(280_000_000),
      encoding: z.enum(['text', 'base64']).optional(),
    }),
  )
  .min(1)
  .max(10_000);

const exportPreviewFields = {
  format: z.enum(['spanwise', 'jsonl', 'spacy', 'brat', 'conll', 'hf', 'labelstudio']),
  layer: idSchema,
  doneOnly: z.boolean().optional(),
  split: z
    .strictObject({
      ratios: z.array(z.number().finite().min(0).max(1_000_000)).min(1).max(3),
      seed: z.int().min(0).max(2 ** 32 - 1),
      stratify: z.boolean(),
    })
    .optional(),
};

type ArgsSchemas = { [M in ApiMethod]: z.ZodType<ApiArgs<M>> };

/** The argument tuple of every method; a call whose arguments fail it never reaches the store. */
export const apiSchemas = {
  getSession: z.tuple([]),
  setAnnotator: z.tuple([z.string().trim().min(1).max(MAX_NAME)]),
  openProject: z.tuple([pathSchema]),
  createProject: z.tuple([pathSchema, z.string().trim().min(1).max(MAX_NAME)]),
  listDocuments: z.tuple([]),
  getDocument: z.tuple([idSchema, layerArg]),
  editSpans: z.tuple([idSchema, z.array(spanEditSchema).min(1).max(10_000), layerArg]),
  undo: z.tuple([idSchema, layerArg]),
  redo: z.tuple([idSchema, layerArg]),
  setDocumentStatus: z.tuple([idSchema, statusSchema, layerArg]),
  importTexts: z.tuple([z.array(textInputSchema).min(1).max(100_000)]),
  getSuggestions: z.tuple([idSchema]),
  rejectSuggestion: z.tuple([idSchema, suggestionRangeSchema]),
  suggestOccurrences: z.tuple([idSchema, idSchema, z.enum(['document', 'corpus'])]),
  searchCorpus: z.tuple([searchQuerySchema]),
  listBackups: z.tuple([projectFileSchema]),
  restoreBackup: z.tuple([projectFileSchema, backupNumberSchema]),
  listManifestBackups: z.tuple([pathSchema]),
  restoreManifestBackup: z.tuple([pathSchema, backupNumberSchema]),
  mergeLayers: z.tuple([pathSchema, z.strictObject({ dryRun: z.boolean().optional(), addMissing: z.boolean().optional() }).optional()]),
  getAgreement: z.tuple([]),
  getReview: z.tuple([idSchema]),
  decideReviewItem: z.tuple([idSchema, reviewItemIdSchema, reviewDecisionSchema]),
  acceptAgreed: z.tuple([idSchema.optional()]),
  findReviewItem: z.tuple([z.union([z.literal(1), z.literal(-1)]), walkStartSchema.optional()]),
  getStatistics: z.tuple([]),
  // A day at most: the editor sends what it counted every half minute or so.
  addTimeSpent: z.tuple([idSchema, z.int().min(1).max(86_400_000)]),
  previewLabelChange: z.tuple([labelSchemaSchema, renamesSchema]),
  updateLabels: z.tuple([labelSchemaSchema, renamesSchema]),
  previewImport: z.tuple([importPathsSchema, importOptionsSchema]),
  importFiles: z.tuple([importPathsSchema, importOptionsSchema]),
  previewContents: z.tuple([uploadedFilesSchema, importOptionsSchema]),
  importContents: z.tuple([uploadedFilesSchema, importOptionsSchema]),
  previewExport: z.tuple([z.strictObject(exportPreviewFields)]),
  exportData: z.tuple([z.strictObject({ ...exportPreviewFields, outDir: pathSchema, overwrite: z.boolean().optional() })]),
} satisfies ArgsSchemas;

export const apiMethods = Object.keys(apiSchemas) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiSchemas, name);
}

/**
 * Check a call from outside (IPC or HTTP) against the contract. Returns the parsed arguments,
 * or a message naming the method and the offending argument.
 */
export function parseCall(
  method: unknown,
  args: unknown,
): { ok: true; method: ApiMethod; args: unknown[] } | { ok: false; error: ApiErrorBody } {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'bad-request', message: `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}` } };
  }
  const schema: z.ZodType<unknown[]> = apiSchemas[method];
  // Optional trailing arguments may be dropped by JSON (undefined → null in arrays); accept both.
  const list = Array.isArray(args) ? args.map((a) => (a === null ? undefined : a)) : args;
  const parsed = schema.safeParse(list);
  if (parsed.success) return { ok: true, method, args: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue ? issue.path.join('.') : '';
  return {
    ok: false,
    error: {
      code: 'bad-request',
      message: `${method}: argument ${where || '(all)'} ${issue?.message ?? 'is invalid'}`,
    },
  };
}

/** How a renderer reaches the service: one generic call, one event stream. */
export interface Transport {
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** Turn a transport into a typed client with one method per contract entry. */
export function createClient(transport: Transport): SpanwiseApi {
  const client = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of apiMethods) {
    client[method] = (...args: unknown[]) => transport.call(method, args as never);
  }
  return client as unknown as SpanwiseApi;
}
