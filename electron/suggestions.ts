/**
 * Suggestions for the people tagging an open project: what the engine (shared/suggest) proposes
 * for a document, with the project's gazetteer, merged with the spans of its pre-annotation
 * layers; the other occurrences of a tagged text; the rejections an annotator's layer
 * remembers; and the writing of a pre-annotation layer. A suggestion is never written to a
 * layer until someone accepts it, except into a pre-annotation layer, which exists to hold them.
 */
import { randomUUID } from 'node:crypto';
import type { ApiEvent } from '../shared/api';
import { codePointLength } from '../shared/text';
import { applyEdits, type EditContext } from '../shared/spans';
import { findOccurrences, type SpanRange, type Suggestion } from '../shared/suggest';
import { openSuggestions, suggestionKey, type OccurrenceBatch, type OccurrenceSearch } from '../shared/suggestions';
import type { DocumentRecord, LayerDocument, LayerInfo, Span, SpanEdit } from '../shared/types';
import { CorruptFileError, StoreError } from './errors';
import { emptyLayerDocument, type LayerChange } from './layer-history';
import type { Project } from './project';
import { ProjectGazetteer } from './project-gazetteer';
import { SuggestionEngine } from './suggestion-engine';
import { nameSlug } from './settings';

/** "Tag all occurrences" across the corpus stops after this many. */
const OCCURRENCE_LIMIT = 5_000;
/** Documents read at once when looking through the corpus. */
const PARALLEL_READS = 16;
/** A pre-annotation span without a score was put there on purpose: rank it as sure. */
const LAYER_SCORE = 1;

/**
 * How long after start the tagger is warmed up: once the window has had its first answers and
 * usually before anyone opens a document. Not sooner, so that a server restarted to answer a
 * few calls (a crash recovery, a CLI command) never loads it.
 */
const WARM_UP_DELAY_MS = 1_000;

/** The engine's thread, shared by every project this process opens. */
const sharedEngine = new SuggestionEngine({ log: (message, error) => console.error(message, error) });

/**
 * Loading the tagger and its first run cost most of a second; pay it shortly after start, on
 * the engine's thread, rather than on the first document someone opens.
 */
export function warmUpSuggestions(log: (message: string, error: unknown) => void): void {
  setTimeout(() => {
    sharedEngine.warmUp().catch((error: unknown) => log('Spanwise could not load the suggestion tagger', error));
  }, WARM_UP_DELAY_MS).unref();
}

/** One document's suggestions, for a batch run. */
export interface DocumentSuggestions {
  doc: DocumentRecord;
  suggestions: Suggestion[];
}

export class Suggestions {
  readonly #gazetteer: ProjectGazetteer;

  /** @param engine where suggestions are worked out; the process's engine thread by default */
  constructor(
    readonly project: Project,
    private readonly engine: SuggestionEngine = sharedEngine,
  ) {
    this.#gazetteer = new ProjectGazetteer(project);
  }

  /** Keep the gazetteer in step with what the service reports changed. */
  observe(event: ApiEvent): void {
    if (event.type === 'documents-changed') this.#gazetteer.documentsChanged(event.docIds);
    else if (event.type === 'project-changed') this.#gazetteer.projectChanged();
  }

  /** The project is closed: stop learning its gazetteer and let go of it. */
  close(): void {
    this.#gazetteer.close();
  }

  /** What the engine proposes for a document, passing over what `layer` holds or turned down. */
  proposed(doc: DocumentRecord, layer: LayerDocument | null): Promise<Suggestion[]> {
    return this.#offer(doc, null, layer, []);
  }

  /**
   * Everything on offer to the owner of `layerId` in one document: the spans of the project's
   * pre-annotation layers (their source is the layer's name) and the engine's suggestions,
   * less what the layer accepted or turned down. None when the layer was made for another
   * version of the text, since it cannot be edited then.
   */
  async forLayer(docId: string, layerId: string): Promise<Suggestion[]> {
    const doc = await this.project.document(docId);
    const layer = await this.project.layers.read(layerId, docId);
    if (layer && layer.textHash !== doc.textHash) return [];
    return this.#offer(doc, layerId, layer, await this.#preAnnotated(doc));
  }

  /**
   * "Tag all occurrences": every other whole-word occurrence of the span's text, in its
   * document or in every document (this one first), where the layer has no span of its label
   * and has not turned it down. The corpus search stops after `OCCURRENCE_LIMIT`.
   */
  async occurrences(docId: string, layerId: string, spanId: string, scope: 'document' | 'corpus'): Promise<OccurrenceSearch> {
    const layer = await this.project.layers.read(layerId, docId);
    const span = layer?.spans.find((each) => each.id === spanId);
    if (!span) throw new StoreError('not-found', `There is no span "${spanId}" in this document to look for.`);
    const docIds =
      scope === 'document' ? [docId] : [docId, ...this.project.catalog.entries().map((entry) => entry.id).filter((id) => id !== docId)];
    const documents: OccurrenceBatch[] = [];
    let found = 0;
    for (let at = 0; at < docIds.length; at += PARALLEL_READS) {
      const batches = await Promise.all(docIds.slice(at, at + PARALLEL_READS).map((id) => this.#occurrencesIn(id, layerId, span)));
      for (const batch of batches) {
        if (!batch || batch.suggestions.length === 0) continue;
        const room = OCCURRENCE_LIMIT - found;
        if (room <= 0) return { documents, truncated: true };
        const suggestions = batch.suggestions.slice(0, room);
        documents.push({ ...batch, suggestions });
        found += suggestions.length;
        if (suggestions.length < batch.suggestions.length) return { documents, truncated: true };
      }
    }
    return { documents, truncated: false };
  }

  /**
   * Write suggestions as the pre-annotation layer called `name` (id `suggestionLayerId(name)`):
   * each document's file is replaced by one holding exactly its suggestions, with their source
   * and score. Returns the layer.
   */
  async writeLayer(name: string, batches: readonly DocumentSuggestions[]): Promise<LayerInfo> {
    this.project.assertWritable();
    if (name.trim() === '') throw new StoreError('bad-request', 'Give the pre-annotation layer a name.');
    const id = suggestionLayerId(name);
    const existing = this.project.layers.info(id);
    if (existing && existing.kind !== 'suggestions') {
      throw new StoreError('conflict', `The layer "${id}" holds ${existing.kind} work, not suggestions; choose another name.`);
    }
    const now = new Date().toISOString();
    const info: LayerInfo = existing ?? { id, kind: 'suggestions', name: name.trim(), createdAt: now };
    const labels = this.#labels();
    for (const { doc, suggestions } of batches) {
      const ctx: EditContext = { text: doc.text, annotator: id, now, labels };
      const outcome = applyEdits([], suggestions.map((suggestion) => layerSpanEdit(suggestion)), ctx);
      if (!outcome.ok) throw new StoreError('internal', `The suggestions for "${doc.id}" break the span rules: ${outcome.message}`);
      await this.project.layers.write(info, { ...emptyLayerDocument(doc.id, id, doc.textHash, now), spans: outcome.spans });
    }
    return info;
  }

  /**
   * The engine's answer for one document, worked out on its thread; a newer request for the
   * same layer's (`layerId`'s) suggestions on it supersedes one still waiting.
   */
  async #offer(doc: DocumentRecord, layerId: string | null, layer: LayerDocument | null, preAnnotated: Suggestion[]): Promise<Suggestion[]> {
    const gazetteer = await this.#gazetteer.counts();
    return this.engine.offer(JSON.stringify([this.project.dir, layerId, doc.id]), {
      text: doc.text,
      publishedAt: doc.meta.publishedAt,
      existing: layer?.spans ?? [],
      rejected: layer?.rejectedSuggestions ?? [],
      gazetteer,
      labels: this.#labels(),
      preAnnotated,
    });
  }

  #labels(): string[] {
    return this.project.info().labels.map((label) => label.name);
  }

  /** The spans of every pre-annotation layer on this document, as suggestions. */
  async #preAnnotated(doc: DocumentRecord): Promise<Suggestion[]> {
    const labels = new Set(this.#labels());
    const layers = this.project.layers.list().filter((layer) => layer.kind === 'suggestions');
    const found = await Promise.all(
      layers.map(async (layer) => {
        const stored = await this.#readLayer(layer.id, doc.id);
        if (!stored || stored.textHash !== doc.textHash) return [];
        return stored.spans.filter((span) => labels.has(span.label)).map((span) => layerSuggestion(span, layer.name));
      }),
    );
    return found.flat();
  }

  async #occurrencesIn(docId: string, layerId: string, span: Span): Promise<OccurrenceBatch | null> {
    let doc: DocumentRecord;
    try {
      doc = await this.project.document(docId);
    } catch (error) {
      // An unreadable document is named as a problem of the project; the others are still searched.
      if (error instanceof StoreError) return null;
      throw error;
    }
    if (!doc.text.includes(span.text)) return null;
    const layer = await this.#readLayer(layerId, docId);
    if (layer && layer.textHash !== doc.textHash) return null;
    const spans = layer?.spans ?? [];
    const found = findOccurrences(doc.text, { needle: span.text, label: span.label }, spans);
    return { docId, title: doc.title, suggestions: openSuggestions(found, spans, layer?.rejectedSuggestions ?? []) };
  }

  async #readLayer(layerId: string, docId: string): Promise<LayerDocument | null> {
    try {
      return await this.project.layers.read(layerId, docId);
    } catch (error) {
      if (error instanceof CorruptFileError) return null;
      throw error;
    }
  }
}

/** The id of the pre-annotation layer called `name`. */
export function suggestionLayerId(name: string): string {
  return `suggestions-${nameSlug(name)}`;
}

/**
 * Remember that the layer's owner turned a suggestion down, so it is not offered again. The
 * range must lie in the text and the label be the project's.
 */
export function rememberRejection(layer: LayerDocument, rejected: SpanRange, ctx: EditContext): LayerChange {
  if (!(rejected.start < rejected.end && rejected.end <= codePointLength(ctx.text))) {
    return { ok: false, message: `${rejected.start}–${rejected.end} is not a stretch of this document's text.` };
  }
  if (!ctx.labels.includes(rejected.label)) return { ok: false, message: `This project has no label "${rejected.label}".` };
  const before = layer.rejectedSuggestions ?? [];
  const key = suggestionKey(rejected);
  if (before.some((each) => suggestionKey(each) === key)) return { ok: true, layer };
  const { start, end, label } = rejected;
  return { ok: true, layer: { ...layer, rejectedSuggestions: [...before, { start, end, label }], updatedAt: ctx.now } };
}

function layerSuggestion(span: Span, layerName: string): Suggestion {
  return {
    start: span.start,
    end: span.end,
    label: span.label,
    text: span.text,
    source: layerName,
    sources: [layerName],
    score: span.score ?? LAYER_SCORE,
    ...(span.attributes ? { attributes: span.attributes } : {}),
  };
}

/** A suggestion as a span of a pre-annotation layer, keeping where it came from and how sure it was. */
function layerSpanEdit(suggestion: Suggestion): SpanEdit {
  const { start, end, label, attributes, source, score } = suggestion;
  return { op: 'add', span: { id: `s-${randomUUID()}`, start, end, label, source, score, ...(attributes ? { attributes } : {}) } };
}
