/**
 * The one contract between the renderer and the service. Every call the UI can make is a
 * method of `SpanwiseApi` and has an argument schema in `apiSchemas` (apiSchemas.ts, kept apart
 * so the renderer's first page need not load the schema library); both transports (Electron IPC
 * and loopback HTTP) are generic over this file, and the service validates every call's
 * arguments against its schema before anything reaches the store.
 *
 * Adding a call: one method here, one schema in apiSchemas.ts, one handler in the service.
 */
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
import type { LabelChangeSummary } from './labelSchema';
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
  | { type: 'project-unreadable'; dir: string; message: string }
  /**
   * Said by a transport, not the service: its event stream has (re)connected, and events sent
   * before it had may never have come (browser mode's stream opens after the first calls are
   * answered). What is on show should be fetched again.
   */
  | { type: 'events-resumed' };


/** How a renderer reaches the service: one generic call, one event stream. */
export interface Transport {
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/**
 * Turn a transport into a typed client with one method per contract entry. The names are the
 * type system's to check here (and the service's schemas' there), so the client needs no list
 * of them: any method name asked for becomes a call.
 */
export function createClient(transport: Transport): SpanwiseApi {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as SpanwiseApi, {
    get(_target, name) {
      // Not a call: what `await` and JSON look for on any object.
      if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
      let method = methods.get(name);
      if (!method) {
        method = (...args: unknown[]) => transport.call(name as ApiMethod, args as never);
        methods.set(name, method);
      }
      return method;
    },
  });
}
