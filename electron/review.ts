/**
 * Review and adjudication over one open project: the agreement report of its annotators, each
 * document's review items and status, the walk through open items across the corpus, and the
 * decisions that write the gold layer. Gold is written through the service's one path for layer
 * edits (its lock per document, its checks, its events), so it is an ordinary layer on disk.
 *
 * Per document the agreement counts and review status are cached, in memory and in a derived file
 * (`ReviewCache`); the service drops a document's entry whenever any of its layers changes
 * (`invalidate`), and the file's entries are used only while the layer files they came from are
 * unchanged. So the document list and agreement over the whole project cost one pass over the
 * layer files once, not on every call nor after every restart. Nothing is kept per token: a
 * document's token ratings fold into a few rows of counts.
 */
import path from 'node:path';
import { documentCounts, meanF1, reportOf, type DocumentCounts } from '../shared/agreement';
import {
  acceptAgreed,
  decide,
  NO_DECISIONS,
  findItem,
  openItems,
  reviewAnnotators,
  reviewItems,
  reviewStatus,
  type AcceptAgreedReport,
  type AgreementOverview,
  type GoldDecisions,
  type ItemPosition,
  type ItemTarget,
  type ReviewAnnotator,
  type ReviewDecision,
  type ReviewView,
  type WalkStart,
} from '../shared/review';
import type { EditContext } from '../shared/spans';
import type { CatalogEntry, EditResult, LayerDocument, ReviewStatus, Span, SpanEdit } from '../shared/types';
import { CorruptFileError, StoreError } from './errors';
import { currentStamp, type FileStamp } from './file-stamp';
import { editLayer, type LayerChange } from './layer-history';
import { isWork } from './layer-summary';
import { GOLD_LAYER, LAYERS_DIR } from './layers';
import type { Project } from './project';
import { ReviewCache, sameStamps } from './review-cache';

/** Read-modify-write of one gold layer document, as the service does every layer edit. */
export type GoldWriter = (docId: string, change: (current: LayerDocument, ctx: EditContext) => LayerChange) => Promise<EditResult>;

/** What the document list shows of a document's review. */
export interface ReviewSummary {
  agreement: number | null;
  review: ReviewStatus;
}

/** The cached review state of one document. */
interface DocumentEntry {
  /** Annotators whose work on it is usable (their layer document exists and fits the text). */
  annotators: string[];
  meanF1: number | null;
  /** Open items, in text order; read again when needed for an entry that came from the cache file. */
  open?: Array<ItemPosition & { kind: string }>;
  status: ReviewStatus;
  /**
   * What agreement sums of it. Absent while the cache keeps them (read from there when needed:
   * for every document of a large project they are most of what review holds) or until needed.
   */
  counts?: DocumentCounts;
}

/** The annotators' work on one document and the gold layer's decisions on it. */
interface DocumentWork {
  layers: Record<string, Span[]>;
  gold: GoldDecisions;
  /** Whether every layer file it was read from could be used (none corrupt or made for another text). */
  whole: boolean;
}

// A few reads at a time keep the disk busy; more only hold more parsed files at once, and in a
// pass over a large project that is what sets the process's peak memory.
const PARALLEL_READS = 4;
/**
 * How long after a pass over the documents the cache file is written: the list is fetched again
 * after every edit, and one write of a large project's file can follow several of those.
 */
const CACHE_WRITE_DELAY_MS = 5_000;

export class Review {
  readonly #entries = new Map<string, Promise<DocumentEntry>>();
  #cache: Promise<ReviewCache> | null = null;
  #cacheTimer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    readonly project: Project,
    private readonly writeGold: GoldWriter,
  ) {}

  /** The project is being closed: a pass over its documents still going stops where it is, keeping what it worked out. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.#saveCache();
  }

  /** Forget what is cached about these documents: one of their layers changed. */
  invalidate(docIds: readonly string[]): void {
    for (const docId of docIds) this.#entries.delete(docId);
    // An edit the disk refused leaves the file's stamp as it was: its cached figures must go too.
    void this.#cache?.then((cache) => cache.forget(docIds));
  }

  /**
   * Agreement and review status by id of the documents whose figures are at hand within
   * `waitMs`: all of them in a project of ordinary size. In a large one (thousands of documents
   * with several annotators, a file read per layer each) the rest are still being worked out
   * when this returns, so the document list need not wait for them; `complete` settles once
   * they all are, or is null when nothing was left out.
   */
  async summaries(waitMs: number): Promise<{ summaries: Map<string, ReviewSummary>; complete: Promise<void> | null }> {
    const ids = this.project.catalog.entries().map((entry) => entry.id);
    const known = new Map<string, ReviewSummary>();
    const all = inParallel(ids, async (docId) => {
      if (this.#stopped) return;
      const entry = await this.#entry(docId);
      known.set(docId, { agreement: entry.meanF1, review: entry.status });
    });
    const finished = all.then(() => this.#saveCacheSoon());
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    const done = await Promise.race([finished.then(() => true), waited]);
    clearTimeout(timer);
    return { summaries: new Map(known), complete: done ? null : finished };
  }

  /** The agreement report of every annotator layer, over the documents at least two worked on. */
  async agreement(): Promise<AgreementOverview> {
    const annotators = await this.annotators();
    const ids = annotators.map((a) => a.id);
    const docIds = this.project.catalog.entries().map((entry) => entry.id);
    const entries = await this.#entriesOf(docIds);
    const compared = docIds.filter((_, index) => entries[index].annotators.length >= 2);
    const documents = await inParallel(compared, async (docId) => ({ id: docId, counts: await this.#countsOf(docId) }));
    // Written before answering, so a command that asks once and quits keeps what it worked out.
    await this.#saveCache();
    return { annotators, report: reportOf(documents, ids) };
  }

  /** Every annotator layer of the project, in the order review and agreement show them. */
  async annotators(): Promise<ReviewAnnotator[]> {
    return reviewAnnotators(this.project.layers.list().filter((layer) => layer.kind === 'annotator'));
  }

  /** One document for review: the annotators' spans, gold, and the items still open. */
  async view(docId: string): Promise<ReviewView> {
    const document = await this.project.document(docId);
    const work = await this.#work(document, true);
    const items = reviewItems(work.layers);
    const open = openItems(items, work.gold);
    const entry = entryOf(documentCounts({ text: document.text, layers: work.layers }, Object.keys(work.layers)), open.length);
    this.#entries.set(docId, Promise.resolve({ ...entry, open: positionsOf(open) }));
    return {
      document: { ...document, meta: { ...document.meta } },
      annotators: await this.annotators(),
      layers: structuredClone(work.layers),
      gold: structuredClone([...work.gold.spans]),
      items: structuredClone(open),
      decided: items.length - open.length,
      meanF1: entry.meanF1,
      status: entry.status,
    };
  }

  /** Settle (or reopen) one item of a document in the gold layer; the document's review after it. */
  async decide(docId: string, itemId: string, decision: ReviewDecision): Promise<ReviewView> {
    const document = await this.project.document(docId);
    const { layers } = await this.#work(document, false);
    const item = reviewItems(layers).find((each) => each.id === itemId);
    if (!item) {
      throw new StoreError('not-found', `"${itemId}" is not an item of "${document.title}" (any more): the annotators' work on it has changed.`);
    }
    await this.writeGold(docId, (current, ctx) => {
      const outcome = decide(item, decision, decisionsOf(current), { adjudicator: ctx.annotator, at: ctx.now });
      return outcome.ok ? withGoldChange(current, outcome.change.edits, outcome.change.rejected, ctx) : outcome;
    });
    return this.view(docId);
  }

  /**
   * Accept into gold every span all annotators of a document agree on, in one document or (with
   * no id) in every document that has such spans still open.
   */
  async acceptAgreed(docId?: string): Promise<AcceptAgreedReport> {
    let docIds: string[];
    if (docId !== undefined) {
      await this.project.document(docId);
      docIds = [docId];
    } else {
      const ids = this.project.catalog.entries().map((entry) => entry.id);
      const entries = await this.#entriesOf(ids);
      // Each is read again below, so one whose open items are not at hand is simply looked at.
      docIds = ids.filter((_, index) => entries[index].status === 'needs-review' && (entries[index].open?.some((item) => item.kind === 'agreed') ?? true));
    }
    const report: AcceptAgreedReport = { accepted: 0, documents: 0, failures: [] };
    for (const id of docIds) {
      const document = await this.project.document(id);
      const { layers, gold } = await this.#work(document, true);
      const pending = openItems(reviewItems(layers), gold).filter((item) => item.kind === 'agreed');
      if (pending.length === 0) continue;
      let accepted = 0;
      try {
        await this.writeGold(id, (current, ctx) => {
          const decisions = decisionsOf(current);
          const result = acceptAgreed(openItems(pending, decisions), decisions, { adjudicator: ctx.annotator, at: ctx.now });
          accepted = result.accepted;
          return withGoldChange(current, result.change.edits, result.change.rejected, ctx);
        });
      } catch (error) {
        if (!(error instanceof StoreError) || docId !== undefined) throw error;
        report.failures.push({ docId: id, message: error.message });
        continue;
      }
      report.accepted += accepted;
      if (accepted > 0) report.documents++;
    }
    return report;
  }

  /** The open item after (or before) `from` across the corpus, in document list order. */
  async findItem(from: WalkStart | null, step: 1 | -1): Promise<ItemTarget | null> {
    const ids = this.project.catalog.entries().map((entry) => entry.id);
    const entries = await this.#entriesOf(ids);
    // The walk ends in `from`'s document or the first one after it (in its direction, round the
    // corpus) with items open: only those need their items at hand.
    const start = from ? ids.indexOf(from.docId) : -1;
    const needed = new Set<number>(start === -1 ? [] : [start]);
    for (let i = start === -1 ? 0 : 1; i < ids.length; i++) {
      const index = start === -1 ? (step === 1 ? i : ids.length - 1 - i) : (((start + i * step) % ids.length) + ids.length) % ids.length;
      if (entries[index].status === 'needs-review') {
        needed.add(index);
        break;
      }
    }
    const byId = new Map<string, readonly ItemPosition[]>();
    for (const index of needed) byId.set(ids[index], await this.#openOf(ids[index], entries[index]));
    return findItem(ids, (docId) => byId.get(docId) ?? [], from, step);
  }

  /** A document's open items, read again when its entry came from the cache file. */
  async #openOf(docId: string, entry: DocumentEntry): Promise<ReadonlyArray<ItemPosition & { kind: string }>> {
    if (entry.open) return entry.open;
    if (entry.status !== 'needs-review') return [];
    const work = await this.#work(this.#catalogEntry(docId), true);
    const open = positionsOf(openItems(reviewItems(work.layers), work.gold));
    entry.open = open;
    return open;
  }

  /** What agreement sums of a document: its entry's, the cache's, or else worked out now. */
  async #countsOf(docId: string): Promise<DocumentCounts> {
    const entry = await this.#entry(docId);
    const kept = entry.counts ?? (await this.#cacheFile()).countsOf(docId);
    if (kept) return kept;
    const document = await this.project.document(docId);
    const { layers } = await this.#work(document, false);
    entry.counts = documentCounts({ text: document.text, layers }, Object.keys(layers));
    return entry.counts;
  }

  /** The cached entries of these documents, computing the missing ones a few at a time. */
  #entriesOf(docIds: readonly string[]): Promise<DocumentEntry[]> {
    return inParallel(docIds, (docId) => this.#entry(docId));
  }

  #entry(docId: string): Promise<DocumentEntry> {
    let entry = this.#entries.get(docId);
    if (!entry) {
      entry = this.#computeEntry(docId);
      this.#entries.set(docId, entry);
      entry.catch(() => this.#entries.delete(docId));
    }
    return entry;
  }

  async #computeEntry(docId: string): Promise<DocumentEntry> {
    const workers = await this.#workedOn(docId);
    // Most documents of a project have one annotator or none: that needs no file read.
    if (workers.length < 2) return { annotators: workers, meanF1: null, open: [], status: 'not-needed' };
    const doc = this.#catalogEntry(docId);
    const files = [...workers, GOLD_LAYER];
    const cache = await this.#cacheFile();
    const stamps = await this.#stampsOf(docId, files);
    const cached = this.project.layers.unsaved.pending === 0 ? cache.get(docId, doc.textHash, stamps) : undefined;
    if (cached) return withoutCounts(entryOf(cached.counts, cached.open));
    const work = await this.#work(doc, true);
    const open = positionsOf(openItems(reviewItems(work.layers), work.gold));
    const counts = documentCounts({ text: (await this.project.document(docId)).text, layers: work.layers }, Object.keys(work.layers));
    // Kept only when it is what those very files say: every one usable, none changed meanwhile,
    // and no edit waiting in memory for the disk to take it.
    const unchanged = sameStamps(stamps, await this.#stampsOf(docId, files));
    // The items themselves are not kept: for every document of a large project they would
    // outweigh the rest of the cache, and a walk or an accept reads the few it reaches again.
    if (work.whole && unchanged && this.project.layers.unsaved.pending === 0 && !this.project.readOnly) {
      cache.set(docId, { textHash: doc.textHash, stamps, open: open.length, counts });
      return withoutCounts(entryOf(counts, open.length));
    }
    return entryOf(counts, open.length);
  }

  /** The stamp of each of these layers' files for a document (null: it has none). */
  async #stampsOf(docId: string, layerIds: readonly string[]): Promise<Record<string, FileStamp | null>> {
    // A layer not yet made (gold, before any review) has no files to look for.
    const stampOfFile = (layerId: string) =>
      this.project.layers.info(layerId) ? currentStamp(path.join(this.project.dir, LAYERS_DIR, layerId, `${docId}.json`)) : null;
    const stamps = await Promise.all(layerIds.map(stampOfFile));
    return Object.fromEntries(layerIds.map((layerId, index) => [layerId, stamps[index]]));
  }

  #cacheFile(): Promise<ReviewCache> {
    if (!this.#cache) {
      const loading = ReviewCache.load(this.project.dir);
      this.#cache = loading;
      loading.catch(() => {
        if (this.#cache === loading) this.#cache = null;
      });
    }
    return this.#cache;
  }

  #saveCacheSoon(): void {
    if (this.#cacheTimer) return;
    this.#cacheTimer = setTimeout(() => void this.#saveCache(), CACHE_WRITE_DELAY_MS);
    this.#cacheTimer.unref();
  }

  /** Write what was worked out to the cache file; a failure loses nothing but time next run. */
  #saveCache(): Promise<void> {
    if (this.#cacheTimer) clearTimeout(this.#cacheTimer);
    this.#cacheTimer = null;
    const cache = this.#cache;
    if (!cache || this.project.readOnly) return Promise.resolve();
    return cache
      .then((loaded) => {
        loaded.keepOnly(new Set(this.project.catalog.entries().map((entry) => entry.id)));
        return loaded.save();
      })
      .catch((error: unknown) => console.error(`Could not write the review cache of ${this.project.dir}`, error));
  }

  /** The annotators who worked on `docId` (`isWork`), from the layer summaries. */
  async #workedOn(docId: string): Promise<string[]> {
    const layers = this.project.layers.list().filter((layer) => layer.kind === 'annotator');
    const summaries = await Promise.all(layers.map((layer) => this.project.layers.summary(layer.id)));
    return layers.filter((_, index) => isWork(summaries[index].get(docId))).map((layer) => layer.id);
  }

  /**
   * The usable work of every annotator on a document, and (when asked) the gold decisions on it.
   * A layer document that cannot be read, or was made on another text, is left out and named
   * as a problem of the project.
   */
  async #work(doc: Pick<CatalogEntry, 'id' | 'textHash'>, withGold: boolean): Promise<DocumentWork> {
    const layers: Record<string, Span[]> = {};
    let whole = true;
    for (const annotator of await this.#workedOn(doc.id)) {
      const layer = await this.#readFitting(annotator, doc);
      if (layer) layers[annotator] = layer.spans;
      else whole = false;
    }
    const gold = withGold ? await this.#readFitting(GOLD_LAYER, doc) : null;
    if (gold === undefined) whole = false;
    return { layers, gold: gold ? decisionsOf(gold) : NO_DECISIONS, whole };
  }

  /** A layer's document for `doc`: null when there is none, undefined when it is left out (named as a problem). */
  async #readFitting(layerId: string, doc: Pick<CatalogEntry, 'id' | 'textHash'>): Promise<LayerDocument | null | undefined> {
    let layer: LayerDocument | null;
    try {
      // Not through the cache of open documents: a pass over every document would only churn it.
      layer = await this.project.layers.readThrough(layerId, doc.id);
    } catch (error) {
      if (error instanceof CorruptFileError) return undefined;
      throw error;
    }
    if (!layer || layer.textHash === doc.textHash) return layer;
    const file = `${LAYERS_DIR}/${layerId}/${doc.id}.json`;
    this.project.problems.add(
      file,
      `${file} was made for a different version of the text of "${doc.id}", so it is left out of agreement and review; the file is left unchanged.`,
    );
    return undefined;
  }

  #catalogEntry(docId: string): CatalogEntry {
    const entry = this.project.catalog.get(docId);
    if (!entry) throw new StoreError('not-found', `This project has no document "${docId}".`);
    return entry;
  }
}

function decisionsOf(gold: LayerDocument): GoldDecisions {
  return { spans: gold.spans, rejected: gold.rejected ?? [] };
}

/** Agreement and status of a document from the counts of its work and how many of its items are open. */
function entryOf(counts: DocumentCounts, openCount: number): DocumentEntry {
  const { annotators } = counts;
  return { annotators, meanF1: meanF1(counts), status: reviewStatus(annotators.length, openCount), counts };
}

/** An entry whose counts the cache keeps. */
function withoutCounts({ counts: _kept, ...entry }: DocumentEntry): DocumentEntry {
  return entry;
}

function positionsOf(items: ReadonlyArray<ItemPosition & { kind: string }>): Array<ItemPosition & { kind: string }> {
  return items.map(({ id, kind, start, end }) => ({ id, kind, start, end }));
}

/**
 * The gold layer document after a decision: span edits through `editLayer` (so they can be
 * undone like any edit) and the new list of rejected items, kept only when it has any.
 */
function withGoldChange(current: LayerDocument, edits: SpanEdit[], rejected: string[], ctx: EditContext): LayerChange {
  let layer = current;
  if (edits.length > 0) {
    const edited = editLayer(current, edits, ctx);
    if (!edited.ok) return edited;
    layer = edited.layer;
  } else {
    layer = { ...current, status: current.status === 'new' ? 'in-progress' : current.status, updatedAt: ctx.now };
  }
  const { rejected: _previous, ...rest } = layer;
  return { ok: true, layer: rejected.length > 0 ? { ...rest, rejected } : rest };
}

/** `task` over every item, a few at a time, results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, items.length) }, worker));
  return results;
}
