/**
 * The text of a document as a format file holds it, and the checks every adapter makes on it.
 *
 * Formats count offsets in the text they store, which may still hold `\r\n`; Spanwise stores
 * the text with line endings normalised to `\n`. A `SourceText` holds both and moves a file's
 * code point offsets onto the normalised text, so importers never mis-align spans after a CRLF.
 */
import { createOffsetMap, type OffsetMap } from '../offsets';
import { normalizeLineEndings } from '../text';
import type { AttributeValues } from '../types';
import { isRecord } from './jsontext';
import { FormatProblem, type ImportedSpan } from './model';

/** Share of U+FFFD replacement characters above which content is taken for a non-UTF-8 file. */
const MAX_REPLACEMENT_SHARE = 0.01;
/** A few replacement characters are normal in real text (mis-decoded quotes); more are not. */
const TOLERATED_REPLACEMENTS = 8;

/**
 * Why content cannot be a text file, or null when it can: it holds NUL bytes (a binary file),
 * many U+FFFD replacement characters (bytes that were not UTF-8), or nothing but whitespace.
 */
export function unreadableTextReason(content: string): string | null {
  if (content.includes('\0')) return 'is a binary file, not text (it holds NUL bytes)';
  const undecoded = undecodedReason(replacementCount(content), content.length);
  if (undecoded) return undecoded;
  if (content.trim() === '') return 'is empty';
  return null;
}

/** How many U+FFFD replacement characters the text holds. */
export function replacementCount(text: string): number {
  let replacements = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) replacements++;
  return replacements;
}

/** Why text of `length` characters with this many replacement characters is not UTF-8, or null. */
export function undecodedReason(replacements: number, length: number): string | null {
  if (replacements > TOLERATED_REPLACEMENTS && replacements > length * MAX_REPLACEMENT_SHARE) {
    return `is not UTF-8 text (${replacements} characters could not be decoded)`;
  }
  return null;
}

/** Throw a FormatProblem unless the content reads as text. */
export function requireReadableText(content: string): void {
  const reason = unreadableTextReason(content);
  if (reason) throw new FormatProblem(reason);
}

/** A text as a file gives it: the normalised text and the way from the file's offsets to it. */
export class SourceText {
  /** The text with line endings normalised, as Spanwise stores it. */
  readonly text: string;
  /** Code point length of the text as the file has it (before normalisation). */
  readonly rawLength: number;
  private readonly offsets: OffsetMap;
  /** Code point offsets (in the file's text) of every `\r` dropped from a `\r\n`. */
  private readonly droppedReturns: number[];

  constructor(raw: string) {
    this.text = normalizeLineEndings(raw);
    this.offsets = createOffsetMap(this.text);
    const rawOffsets = this.text.length === raw.length ? null : createOffsetMap(raw);
    this.rawLength = rawOffsets ? rawOffsets.codePointLength : this.offsets.codePointLength;
    this.droppedReturns = [];
    if (rawOffsets) {
      for (let i = raw.indexOf('\r\n'); i >= 0; i = raw.indexOf('\r\n', i + 2)) {
        this.droppedReturns.push(rawOffsets.toCodePoint(i));
      }
    }
  }

  /** Code point length of the normalised text. */
  get length(): number {
    return this.offsets.codePointLength;
  }

  /** The normalised offset of an offset into the file's text (`0 <= offset <= rawLength`). */
  fromRaw(offset: number): number {
    let low = 0;
    let high = this.droppedReturns.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.droppedReturns[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return offset - low;
  }

  /** The code points `[start, end)` of the normalised text. */
  slice(start: number, end: number): string {
    return this.text.slice(this.offsets.toUtf16(start), this.offsets.toUtf16(end));
  }

  /**
   * Check a span given in the file's offsets and move it onto the normalised text. `covered`
   * is the text the file says the span covers, when it says; `what` names the span in messages.
   * Throws a FormatProblem on the given line when the offsets or the covered text are wrong.
   */
  span(raw: { start: unknown; end: unknown; label: unknown; covered?: unknown }, what: string, line?: number): ImportedSpan {
    const { start, end, label } = raw;
    if (typeof label !== 'string' || label.trim() === '') {
      throw new FormatProblem(`${what} has no label`, line);
    }
    if (!isOffset(start) || !isOffset(end)) {
      throw new FormatProblem(`${what} (${label}): offsets must be whole numbers ≥ 0, got ${show(start)}, ${show(end)}`, line);
    }
    if (start >= end) throw new FormatProblem(`${what} (${label}): start ${start} is not before end ${end}`, line);
    if (end > this.rawLength) {
      throw new FormatProblem(
        `${what} (${label}): end offset ${end} is past the end of the text (${this.rawLength} characters)`,
        line,
      );
    }
    const span = { start: this.fromRaw(start), end: this.fromRaw(end), label };
    if (span.start >= span.end) throw new FormatProblem(`${what} (${label}) covers only the \\r of a line break`, line);
    if (raw.covered !== undefined) this.requireCovered(span, raw.covered, `${what} (${label})`, line);
    return span;
  }

  /** Throw unless `covered` is the text at `[start, end)` (line endings normalised). */
  private requireCovered(range: { start: number; end: number }, covered: unknown, what: string, line?: number): void {
    const actual = this.slice(range.start, range.end);
    if (typeof covered !== 'string' || normalizeLineEndings(covered) !== actual) {
      throw new FormatProblem(
        `${what} says it covers ${show(covered)} but the text at ${range.start}–${range.end} is ${show(actual)}`,
        line,
      );
    }
  }
}

/** Attribute values by name: strings, finite numbers or null. */
export function attributesOf(value: unknown, what: string, line: number | undefined): AttributeValues {
  if (!isRecord(value)) throw new FormatProblem(`${what}: attributes must be an object, got ${show(value)}`, line);
  for (const [name, item] of Object.entries(value)) {
    if (item !== null && typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item))) {
      throw new FormatProblem(`${what}: attribute "${name}" must be a string, a number or null, got ${show(item)}`, line);
    }
  }
  return value as AttributeValues;
}

/**
 * Throw unless fragments are what the store accepts: non-empty, ordered, non-overlapping
 * ranges inside the span (the rule of ../spans).
 */
export function requireFragmentsFit(
  fragments: Array<[number, number]>,
  span: { start: number; end: number },
  what: string,
  line: number | undefined,
): void {
  let previousEnd = span.start;
  for (const [from, to] of fragments) {
    if (from < previousEnd || to <= from || to > span.end) {
      throw new FormatProblem(
        `${what}: fragments ${show(fragments)} must be ordered, non-overlapping ranges inside ${span.start}–${span.end}`,
        line,
      );
    }
    previousEnd = to;
  }
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A value quoted for a message, cut short so a huge field never floods it. */
export function show(value: unknown): string {
  const text = (typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : JSON.stringify(value)) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
