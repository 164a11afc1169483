/**
 * What every format adapter exchanges with the rest of Spanwise: documents coming in, chosen
 * layers going out, and errors as values. Adapters never read or write files and never throw
 * on bad input: callers pass the file's content and name, and get a `ParseResult` back.
 * Every offset here is a Unicode code point offset into the text after line endings were
 * normalised to `\n`.
 */
import type { AttributeValues, DocumentRecord, DocumentStatus, LabelDef, LayerKind, Span } from '../types';

/** A span as a format gives it, before the store gives it an id, an annotator and times. */
export interface ImportedSpan {
  start: number;
  end: number;
  label: string;
  attributes?: AttributeValues;
  note?: string;
  fragments?: Array<[number, number]>;
}

/** A layer a format names (an annotator of Label Studio, a layer of a Spanwise export). */
export interface ImportedLayer {
  name: string;
  kind: LayerKind;
  spans: Span[];
  status?: DocumentStatus;
  /** Gold layers: the review items the adjudicator rejected (`LayerDocument.rejected`). */
  rejected?: string[];
}

/**
 * One article read from a file. Formats with one anonymous set of spans fill `spans`; formats
 * that say whose spans they are (Label Studio, Spanwise exports) fill `layers`, keyed by layer
 * id, and leave `spans` empty.
 */
export interface ImportedDocument {
  id?: string;
  title?: string;
  text: string;
  meta: Record<string, string>;
  spans: ImportedSpan[];
  layers?: Record<string, ImportedLayer>;
}

/** Why a file could not be read: the file, the 1-based line where it applies, and the reason. */
export interface FormatError {
  file: string;
  line?: number;
  message: string;
}

export type ParseResult =
  | { ok: true; documents: ImportedDocument[]; labels?: LabelDef[]; warnings: string[] }
  | { ok: false; error: FormatError };

/** One document going out, with the spans of the one layer chosen for the export. */
export interface ExportDocument {
  document: DocumentRecord;
  spans: Span[];
}

/** A file an exporter produces; `name` is relative to the folder the caller writes into. */
export interface ExportFile {
  name: string;
  content: string;
}

/**
 * What an exporter produces. `dropped` counts the spans the format could not hold (nested
 * spans in a flat format, say); `warnings` say which and why, so nothing vanishes silently.
 */
export interface ExportResult {
  files: ExportFile[];
  warnings: string[];
  dropped: number;
}

/** A failed ParseResult. */
export function failure(file: string, message: string, line?: number): { ok: false; error: FormatError } {
  return { ok: false, error: line === undefined ? { file, message } : { file, line, message } };
}

/** A FormatError as one line for people: `file:line: message`. */
export function describeFormatError(error: FormatError): string {
  return `${error.file}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`;
}

/** Thrown only inside an adapter to leave deep parsing code; `parse…` functions catch it. */
export class FormatProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'FormatProblem';
  }
}

/**
 * Run a parser body that may throw a FormatProblem and turn the problem into a failure.
 * Anything else thrown is a bug of the adapter (or the input exhausted memory or the stack);
 * it is reported for the file too, never rethrown.
 */
export function attempt<T>(file: string, body: () => T): { ok: true; value: T } | { ok: false; error: FormatError } {
  try {
    return { ok: true, value: body() };
  } catch (caught) {
    if (caught instanceof FormatProblem) return failure(file, caught.message, caught.line);
    const reason = caught instanceof Error ? caught.message : String(caught);
    return failure(file, `could not be read: ${reason}`);
  }
}

/** `attempt` for a body that yields a ParseResult. */
export function parseGuarded(file: string, body: () => ParseResult): ParseResult {
  const outcome = attempt(file, body);
  return outcome.ok ? outcome.value : outcome;
}
