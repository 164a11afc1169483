/**
 * The span rules, and the one pure function that applies a batch of edits to a layer's spans.
 * The store runs it to validate and save; the editor runs the same function to show an edit
 * before the store confirms it, so the two never disagree on what is allowed.
 */
import { offsetMapFor } from './offsets';
import type { NewSpan, Span, SpanEdit } from './types';
import { isGraphemeBoundary } from './words';

/** What applying edits needs besides the spans: the document text and who is editing, when. */
export interface EditContext {
  /** The document text the offsets index. */
  text: string;
  /** Annotator id recorded on spans this batch creates. */
  annotator: string;
  /** ISO timestamp recorded as createdAt / updatedAt. */
  now: string;
  /** Names of the project's labels. */
  labels: string[];
}

export type EditOutcome = { ok: true; spans: Span[]; inverse: SpanEdit[] } | { ok: false; message: string };

/** A span-shaped range to check against the rules before it exists. */
export interface SpanCandidate {
  id?: string;
  start: number;
  end: number;
  label: string;
}

const QUOTED_TEXT_MAX = 60;

/** Order spans by start, then longer first (so an enclosing span precedes what it holds), then label and id. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || compareStrings(a.label, b.label) || compareStrings(a.id, b.id);
}

/** A sorted copy of the spans, in the order layers store them. */
export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort(compareSpans);
}

/** Whether two ranges share at least one code point; touching ranges (`a.end === b.start`) do not. */
export function rangesOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The span that the candidate would break the rule with: two spans of the same label never
 * overlap. Spans of different labels may nest or overlap. The candidate's own id is skipped.
 * Of several, the first in `compareSpans` order, so the answer never depends on input order.
 */
export function findSameLabelOverlap(spans: Iterable<Span>, candidate: SpanCandidate): Span | undefined {
  let first: Span | undefined;
  for (const span of spans) {
    if (span.label !== candidate.label || span.id === candidate.id || !rangesOverlap(span, candidate)) continue;
    if (!first || compareSpans(span, first) < 0) first = span;
  }
  return first;
}

/**
 * Apply a batch of edits, all or nothing, without touching the input. Each edit sees the
 * spans as the edits before it left them. New and changed spans get their covered `text`;
 * adds get `annotator` and `createdAt` (unless given, as when restoring), updates get
 * `updatedAt`. `attributes` and `note` in an update replace the old values whole.
 *
 * `inverse` undoes the batch exactly: applied to the result it gives back the original spans,
 * every field included. The result is always sorted by `compareSpans`.
 */
export function applyEdits(spans: readonly Span[], edits: readonly SpanEdit[], ctx: EditContext): EditOutcome {
  const byId = new Map<string, Span>();
  for (const span of spans) {
    if (byId.has(span.id)) return { ok: false, message: `The layer holds two spans with id "${span.id}"` };
    byId.set(span.id, span);
  }
  const labels = new Set(ctx.labels);
  const inverses: SpanEdit[][] = [];
  for (const edit of edits) {
    const outcome = applyEdit(byId, edit, ctx, labels);
    if (typeof outcome === 'string') return { ok: false, message: outcome };
    inverses.push(outcome);
  }
  return { ok: true, spans: sortSpans([...byId.values()]), inverse: inverses.reverse().flat() };
}

/** Apply one edit to the working set; returns its inverse, or why it is refused. */
function applyEdit(byId: Map<string, Span>, edit: SpanEdit, ctx: EditContext, labels: Set<string>): SpanEdit[] | string {
  switch (edit.op) {
    case 'add': {
      if (byId.has(edit.span.id)) return `A span with id "${edit.span.id}" already exists`;
      const span = spanFromNew(edit.span, ctx);
      const problem = checkSpan(span, byId, ctx.text, labels);
      if (problem) return problem;
      byId.set(span.id, span);
      return [{ op: 'remove', id: span.id }];
    }
    case 'update': {
      const old = byId.get(edit.id);
      if (!old) return `No span with id "${edit.id}" to change`;
      const { label = old.label, start = old.start, end = old.end, attributes, note } = edit.set;
      const span: Span = { ...old, label, start, end, text: coveredText(ctx.text, start, end), updatedAt: ctx.now };
      if (attributes !== undefined) span.attributes = attributes;
      if (note !== undefined) span.note = note;
      const problem = checkSpan(span, byId, ctx.text, labels);
      if (problem) return problem;
      byId.set(span.id, span);
      // SpanChanges cannot unset a field, so the old span is put back whole.
      return [{ op: 'remove', id: span.id }, { op: 'add', span: restoringEdit(old) }];
    }
    case 'remove': {
      const old = byId.get(edit.id);
      if (!old) return `No span with id "${edit.id}" to remove`;
      byId.delete(edit.id);
      return [{ op: 'add', span: restoringEdit(old) }];
    }
  }
}

/** The stored form of a new span; only fields that have a value become keys. */
function spanFromNew(fields: NewSpan, ctx: EditContext): Span {
  const { annotator = ctx.annotator, createdAt = ctx.now, ...rest } = fields;
  return { ...withoutUndefined(rest), text: coveredText(ctx.text, fields.start, fields.end), annotator, createdAt };
}

/** An add edit that recreates the stored span exactly. */
function restoringEdit(span: Span): NewSpan {
  const { text: _covered, ...fields } = span;
  return fields;
}

/** Why the span may not be stored next to the others, or undefined when it may. */
function checkSpan(span: Span, byId: Map<string, Span>, text: string, labels: Set<string>): string | undefined {
  const name = `Span "${span.id}"`;
  const length = offsetMapFor(text).codePointLength;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length) {
    return `${name}: offsets ${start}–${end} fall outside the text, which is ${length} characters long`;
  }
  if (start >= end) return `${name}: start ${start} must be before end ${end}`;
  if (!labels.has(span.label)) {
    return `${name}: unknown label "${span.label}"; the labels of this project are ${[...labels].join(', ') || '(none)'}`;
  }
  for (const offset of [start, end]) {
    if (!isGraphemeBoundary(text, offset)) {
      return `${name}: offset ${offset} splits a character (a letter from its accent, or an emoji sequence)`;
    }
  }
  if (span.fragments && !fragmentsFit(span.fragments, start, end)) {
    return `${name}: fragments must be ordered, non-overlapping, non-empty ranges inside ${start}–${end}`;
  }
  const clash = findSameLabelOverlap(byId.values(), span);
  if (clash) {
    return `Cannot tag ${quote(span.text)} as ${span.label}: it overlaps the ${clash.label} span ${quote(clash.text)}`;
  }
  return undefined;
}

function fragmentsFit(fragments: Array<[number, number]>, start: number, end: number): boolean {
  if (fragments.length === 0) return false;
  let previousEnd = start;
  for (const [from, to] of fragments) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < previousEnd || to <= from) return false;
    previousEnd = to;
  }
  return previousEnd <= end;
}

function coveredText(text: string, start: number, end: number): string {
  const map = offsetMapFor(text);
  const inside = (offset: number) => Number.isInteger(offset) && offset >= 0 && offset <= map.codePointLength;
  if (!inside(start) || !inside(end) || start >= end) return '';
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return `"${chars.length > QUOTED_TEXT_MAX ? `${chars.slice(0, QUOTED_TEXT_MAX - 1).join('')}…` : oneLine}"`;
}

function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
