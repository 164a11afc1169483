/**
 * Review and adjudication over one open project: the agreement report of its annotators, each
 * document's review items and status, the walk through open items across the corpus, and the
 * decisions that write the gold layer. Gold is written through the service's one path for layer
 * edits (its lock per document, its checks, its events), so it is an ordinary layer on disk.
 *
 * Per document the agreement and open items are cached; the service drops a document's entry
 * whenever any of its layers changes (`invalidate`), so the document list costs nothing after
 * the first time. Tokens are cached per document for good: texts never change after import.
 */
import { agreementReport, type AgreementDocument } from '../shared/agreement';
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
import { tokenize, type Token } from '../shared/tokens';
import type { CatalogEntry, EditResult, LayerDocument, ReviewStatus, Span, SpanEdit } from '../shared/types';
import { CorruptFileError, StoreError } from './errors';
import { editLayer, type LayerChange } from './layer-history';
import { isWork } from './layer-summary';
import { GOLD_LAYER, LAYERS_DIR } from './layers';
import type { Project } from './project';

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
  /** Open items, in text order. */
  open: Array<ItemPosition & { kind: string }>;
  status: ReviewStatus;
}

/** The annotators' work on one document and the gold layer's decisions on it. */
interface DocumentWork {
  layers: Record<string, Span[]>;
  gold: GoldDecisions;
}

const PARALLEL_READS = 16;

export class Review {
  readonly #entries = new Map<string, Promise<DocumentEntry>>();
  readonly #tokens = new Map<string, readonly Token[]>();
  #stopped = false;

  constructor(
    readonly project: Project,
    private readonly writeGold: GoldWriter,
  ) {}

  /** The project is being closed: a pass over its documents still going stops where it is. */
  stop(): void {
    this.#stopped = true;
  }

  /** Forget what is cached about these documents: one of their layers changed. */
  invalidate(docIds: readonly string[]): void {
    for (const docId of docIds) this.#entries.delete(docId);
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
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    const done = await Promise.race([all.then(() => true), waited]);
    clearTimeout(timer);
    return { summaries: new Map(known), complete: done ? null : all.then(() => undefined) };
  }

  /** The agreement report of every annotator layer, over the documents at least two worked on. */
  async agreement(): Promise<AgreementOverview> {
    const annotators = await this.annotators();
    const ids = annotators.map((a) => a.id);
    const docIds = this.project.catalog.entries().map((entry) => entry.id);
    const entries = await this.#entriesOf(docIds);
    const compared = docIds.filter((_, index) => entries[index].annotators.length >= 2);
    const documents = await inParallel(compared, async (docId): Promise<AgreementDocument> => {
      const { layers } = await this.#work(this.#catalogEntry(docId), false);
      // The report reads the text only to tokenize it, and tokens are kept once made.
      return { id: docId, text: '', layers, tokens: await this.#tokensOf(docId) };
    });
    return { annotators, report: agreementReport(documents, ids) };
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
    const entry = entryOf(work, open.length);
    this.#entries.set(docId, Promise.resolve({ ...entry, open: open.map(({ id, kind, start, end }) => ({ id, kind, start, end })) }));
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
      docIds = ids.filter((_, index) => entries[index].open.some((item) => item.kind === 'agreed'));
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
    const byId = new Map(ids.map((id, index) => [id, entries[index].open]));
    return findItem(ids, (docId) => byId.get(docId) ?? [], from, step);
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
    const work = await this.#work(this.#catalogEntry(docId), true);
    const open = openItems(reviewItems(work.layers), work.gold);
    return { ...entryOf(work, open.length), open: open.map(({ id, kind, start, end }) => ({ id, kind, start, end })) };
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
    for (const annotator of await this.#workedOn(doc.id)) {
      const layer = await this.#readFitting(annotator, doc);
      if (layer) layers[annotator] = layer.spans;
    }
    const gold = withGold ? await this.#readFitting(GOLD_LAYER, doc) : null;
    return { layers, gold: gold ? decisionsOf(gold) : NO_DECISIONS };
  }

  async #readFitting(layerId: string, doc: Pick<CatalogEntry, 'id' | 'textHash'>): Promise<LayerDocument | null> {
    let layer: LayerDocument | null;
    try {
      layer = await this.project.layers.read(layerId, doc.id);
    } catch (error) {
      if (error instanceof CorruptFileError) return null;
      throw error;
    }
    if (!layer || layer.textHash === doc.textHash) return layer;
    const file = `${LAYERS_DIR}/${layerId}/${doc.id}.json`;
    this.project.problems.add(
      file,
      `${file} was made for a different version of the text of "${doc.id}", so it is left out of agreement and review; the file is left unchanged.`,
    );
    return null;
  }

  async #tokensOf(docId: string): Promise<readonly Token[]> {
    let tokens = this.#tokens.get(docId);
    if (!tokens) {
      tokens = tokenize((await this.project.document(docId)).text);
      this.#tokens.set(docId, tokens);
    }
    return tokens;
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

/** Agreement and status of a document from its work and how many of its items are open. */
function entryOf(work: DocumentWork, openCount: number): Omit<DocumentEntry, 'open'> {
  const annotators = Object.keys(work.layers);
  const meanF1 = annotators.length < 2 ? null : agreementReport([{ id: '', text: '', layers: work.layers, tokens: [] }], annotators).perDocument[0].meanF1;
  return { annotators, meanF1, status: reviewStatus(annotators.length, openCount) };
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
