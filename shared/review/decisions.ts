/**
 * An adjudicator's decision on a review item, as the change it makes to the gold layer: span
 * edits (which go on the gold layer's undo stack like any edit) and the new list of rejected
 * items. Pure; the store applies the edits with the span rules of `applyEdits`.
 */
import { goldSpanFrom } from '../agreement';
import { idSchema } from '../apiSchemas';
import { findSameLabelOverlap } from '../spans';
import type { Span, SpanEdit } from '../types';
import { answeringSpans, type GoldDecisions, type ReviewItem } from './items';

/**
 * - `accept`: the versions of these annotators go into gold (one annotator: "A's version";
 *   everyone with spans in the item: "both"). Versions with no spans make it a rejection.
 * - `reject`: none of the versions; the item is settled with no gold span.
 * - `reopen`: take the decision back: its gold spans go, and its rejection.
 * Deciding an item that is already decided replaces the earlier decision.
 */
export type ReviewDecision = { kind: 'accept'; annotators: string[] } | { kind: 'reject' } | { kind: 'reopen' };

/** Who decides, and when; recorded in each gold span's provenance. */
export interface Adjudication {
  adjudicator: string;
  at: string;
}

/** What a decision does to the gold layer. */
export interface GoldChange {
  /** Span edits; may be empty (a rejection of an open item changes no span). */
  edits: SpanEdit[];
  rejected: string[];
}

export type DecisionOutcome = { ok: true; change: GoldChange } | { ok: false; message: string };

/** The gold change a decision on `item` makes, given what the gold layer holds now. */
export function decide(item: ReviewItem, decision: ReviewDecision, gold: GoldDecisions, who: Adjudication): DecisionOutcome {
  const previous = answeringSpans(item, gold.spans);
  const removals: SpanEdit[] = previous.map((s) => ({ op: 'remove', id: s.id }));
  const othersRejected = gold.rejected.filter((id) => id !== item.id);
  if (decision.kind === 'reopen') return { ok: true, change: { edits: removals, rejected: othersRejected } };
  if (decision.kind === 'reject') return { ok: true, change: { edits: removals, rejected: [...othersRejected, item.id] } };

  const stranger = decision.annotators.find((a) => !Object.hasOwn(item.spans, a));
  if (stranger !== undefined) return { ok: false, message: `"${stranger}" did not work on this document.` };
  const chosen = distinctVersions(item, decision.annotators);
  if (chosen.length === 0) return { ok: true, change: { edits: removals, rejected: [...othersRejected, item.id] } };
  const clash = sameLabelClash(chosen.map((c) => c.span));
  if (clash) return { ok: false, message: clash };

  const kept = gold.spans.filter((s) => !previous.includes(s));
  const taken = new Set(kept.map((s) => s.id));
  const additions: SpanEdit[] = chosen.map(({ span, annotators }) => {
    const id = goldIdFor(span, taken);
    taken.add(id);
    return { op: 'add', span: goldSpanFrom(span, { annotators, adjudicator: who.adjudicator, at: who.at, id }) };
  });
  return { ok: true, change: { edits: [...removals, ...additions], rejected: othersRejected } };
}

/**
 * Accepting every open `agreed` item at once ("accept everything all annotators agree on"):
 * one gold span per item, naming all annotators. An item that would overlap a span of its own
 * label accepted just before it (possible only when a layer breaks the overlap rule) is left open.
 */
export function acceptAgreed(items: readonly ReviewItem[], gold: GoldDecisions, who: Adjudication): { change: GoldChange; accepted: number } {
  const taken = new Set(gold.spans.map((s) => s.id));
  const added: Span[] = [];
  const edits: SpanEdit[] = [];
  for (const item of items) {
    if (item.kind !== 'agreed') continue;
    const [version] = distinctVersions(item, Object.keys(item.spans));
    if (!version || findSameLabelOverlap([...gold.spans, ...added], version.span)) continue;
    const id = goldIdFor(version.span, taken);
    taken.add(id);
    const span = goldSpanFrom(version.span, { annotators: version.annotators, adjudicator: who.adjudicator, at: who.at, id });
    added.push(span);
    edits.push({ op: 'add', span });
  }
  return { change: { edits, rejected: [...gold.rejected] }, accepted: added.length };
}

interface Version {
  /** The span of the first chosen annotator who has it. */
  span: Span;
  /** Every annotator of the item with this very span (start, end, label), chosen or not. */
  annotators: string[];
}

/** The distinct (start, end, label) among the chosen annotators' spans, with who had each. */
function distinctVersions(item: ReviewItem, chosen: readonly string[]): Version[] {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const versions = new Map<string, Version>();
  for (const annotator of chosen) {
    for (const span of item.spans[annotator] ?? []) {
      if (!versions.has(key(span))) versions.set(key(span), { span, annotators: [] });
    }
  }
  for (const [annotator, spans] of Object.entries(item.spans)) {
    for (const span of spans) {
      const version = versions.get(key(span));
      if (version && !version.annotators.includes(annotator)) version.annotators.push(annotator);
    }
  }
  return [...versions.values()];
}

/** Why the spans cannot all be gold (two of one label overlap), or null when they can. */
function sameLabelClash(spans: readonly Span[]): string | null {
  for (const [index, span] of spans.entries()) {
    const other = findSameLabelOverlap(spans.slice(0, index), span);
    if (other) {
      return (
        `These versions overlap with the same label (${span.label} ${other.start}–${other.end} and ${span.start}–${span.end}), ` +
        'and gold never holds overlapping spans of one label: choose one version, or edit by hand.'
      );
    }
  }
  return null;
}

/**
 * The id of the gold span made from `source`: `gold-<source id>` (so a decision taken twice gives
 * the same span), or one built from its range when that is no valid id; suffixed when taken.
 */
function goldIdFor(source: Span, taken: ReadonlySet<string>): string {
  const preferred = `gold-${source.id}`;
  // Room is left for a suffix within the 128 characters an id may have.
  const usable = preferred.length <= 120 && idSchema.safeParse(preferred).success;
  const base = usable ? preferred : `gold-${source.start}-${source.end}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
