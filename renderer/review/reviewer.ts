/**
 * The review screen's state: the document under review, the item in focus, and the decisions
 * taken from here (so the last can be taken back). Every decision goes to the service, whose
 * answer — the document's review as it now stands — replaces what is shown. React reads it
 * through `subscribe`/`getSnapshot`, as it reads the workbench.
 */
import type { SpanwiseApi } from '../../shared/api';
import { answeringSpans, compareItems, type ItemPosition, type ReviewDecision, type ReviewItem, type ReviewView } from '../../shared/review';
import type { ReviewCommand } from '../app/keys';
import type { Notice } from '../app/workbench';
import { errorMessage } from '../app/errorMessage';

export interface ReviewSnapshot {
  view: ReviewView | null;
  /** The document being fetched, until it is shown. */
  loadingId: string | null;
  /** The open item in focus, if any. */
  itemId: string | null;
  /** A call to the service is on its way; keys wait for it. */
  busy: boolean;
  notice: Notice | null;
  canUndo: boolean;
}

/** Where "edit by hand" sends the adjudicator: the gold layer of a document, at a span. */
export interface GoldEdit {
  docId: string;
  spanId: string | null;
  /** The item edited, to come back to. */
  item: ItemPosition | null;
}

/** The commands the reviewer carries out; bringing in work is the screen's, with its dialog. */
export type ReviewerCommand = Exclude<ReviewCommand, { kind: 'merge-work' }>;

interface Decision {
  docId: string;
  item: ItemPosition;
}

const INITIAL: ReviewSnapshot = { view: null, loadingId: null, itemId: null, busy: false, notice: null, canUndo: false };
const UNDO_LIMIT = 200;

export class Reviewer {
  private snapshot: ReviewSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly decisions: Decision[] = [];
  private ticket = 0;
  /** Commands run one after another, in the order their keys were pressed. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly api: SpanwiseApi) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReviewSnapshot => this.snapshot;

  /** Show a document's review, with `itemId` (or its first open item) in focus. */
  async open(docId: string, itemId?: string | null): Promise<void> {
    const ticket = ++this.ticket;
    this.publish({ loadingId: docId });
    try {
      const view = await this.api.getReview(docId);
      if (ticket !== this.ticket) return;
      const focus = view.items.find((item) => item.id === itemId) ?? (itemId === undefined ? view.items[0] : undefined);
      this.publish({ view, loadingId: null, itemId: focus?.id ?? null, notice: view.items.length === 0 ? doneNotice(view) : null });
    } catch (error) {
      if (ticket === this.ticket) this.publish({ loadingId: null, notice: { text: errorMessage(error), tone: 'error' } });
    }
  }

  /**
   * Fetch the open document's review again, after the gold layer was edited by hand: the focus
   * goes back to `near` if that item is open again, else to the next open item after it.
   */
  async refresh(near: ItemPosition | null): Promise<void> {
    const { view, itemId } = this.snapshot;
    if (!view) return;
    const ticket = ++this.ticket;
    try {
      const fresh = await this.api.getReview(view.document.id);
      if (ticket !== this.ticket) return;
      const focus = near ? (fresh.items.find((item) => item.id === near.id) ?? pickBeyond(fresh.items, near, 1)) : fresh.items.find((item) => item.id === itemId);
      this.publish({ view: fresh, itemId: focus?.id ?? null, notice: fresh.items.length === 0 ? doneNotice(fresh) : null });
    } catch (error) {
      if (ticket === this.ticket) this.say(errorMessage(error), 'error');
    }
  }

  /** Put an item of the open document in focus. */
  focus(itemId: string): void {
    if (this.snapshot.view?.items.some((item) => item.id === itemId)) this.publish({ itemId });
  }

  /**
   * Carry out what a key (or a button) asks for, once the commands before it are done. "Edit by
   * hand" resolves with where to edit; the screen opens the gold layer there.
   */
  run(command: ReviewerCommand): Promise<GoldEdit | null> {
    const result = this.queue.then(() => this.execute(command));
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async execute(command: ReviewerCommand): Promise<GoldEdit | null> {
    switch (command.kind) {
      case 'next-item':
        await this.step(command.step);
        return null;
      case 'accept':
        await this.acceptVersionOf(command.annotator);
        return null;
      case 'accept-all':
        await this.acceptAll();
        return null;
      case 'reject':
        await this.decideCurrent({ kind: 'reject' });
        return null;
      case 'accept-agreed':
        await this.acceptAgreed(command.scope);
        return null;
      case 'undo-decision':
        await this.undo();
        return null;
      case 'edit-by-hand':
        return this.prepareEdit();
    }
  }

  /** Show a message in the review's status line. */
  say(text: string, tone: Notice['tone']): void {
    this.publish({ notice: { text, tone } });
  }

  /** The item in focus, if any. */
  currentItem(): ReviewItem | null {
    const { view, itemId } = this.snapshot;
    return view?.items.find((item) => item.id === itemId) ?? null;
  }

  /** Go to the next (or previous) open item: in this document first, then across the corpus. */
  private async step(step: 1 | -1): Promise<void> {
    const { view } = this.snapshot;
    const current = this.currentItem();
    const local = view && pickBeyond(view.items, current, step);
    if (view && local) {
      this.publish({ itemId: local.id, notice: null });
      return;
    }
    const from = view ? { docId: view.document.id, cursor: current ? position(current) : null } : undefined;
    const target = await this.call(() => this.api.findReviewItem(step, from));
    if (target === undefined) return;
    if (target === null) {
      this.say(current ? 'No other disagreement is open anywhere in the corpus.' : 'Nothing is left to review in the corpus.', 'info');
      return;
    }
    await this.open(target.docId, target.itemId);
    if (target.wrapped) this.say(step === 1 ? 'Went round to the first document again.' : 'Went round to the last document again.', 'info');
  }

  private acceptVersionOf(place: number): Promise<void> {
    const { view } = this.snapshot;
    const annotator = view?.annotators[place - 1];
    if (!view || !annotator) {
      this.say(`There is no annotator ${place} in this project.`, 'info');
      return Promise.resolve();
    }
    if (!Object.hasOwn(view.layers, annotator.id)) {
      this.say(`${annotator.name} did not work on this document.`, 'info');
      return Promise.resolve();
    }
    return this.decideCurrent({ kind: 'accept', annotators: [annotator.id] });
  }

  private acceptAll(): Promise<void> {
    const item = this.currentItem();
    const annotators = item ? Object.keys(item.spans).filter((id) => item.spans[id].length > 0) : [];
    return this.decideCurrent({ kind: 'accept', annotators });
  }

  /** Decide the item in focus; the focus moves on to the next open item of the document. */
  private async decideCurrent(decision: ReviewDecision): Promise<void> {
    const { view } = this.snapshot;
    const item = this.currentItem();
    if (!view || !item) {
      this.say('No disagreement is selected: press N for the next one.', 'info');
      return;
    }
    const docId = view.document.id;
    const updated = await this.call(() => this.api.decideReviewItem(docId, item.id, decision));
    if (!updated) return;
    this.decisions.push({ docId, item: position(item) });
    this.decisions.splice(0, this.decisions.length - UNDO_LIMIT);
    this.showAfterDecision(updated, item);
  }

  private async acceptAgreed(scope: 'document' | 'corpus'): Promise<void> {
    const docId = this.snapshot.view?.document.id;
    if (scope === 'document' && docId === undefined) {
      this.say('Open a document to review first.', 'info');
      return;
    }
    const report = await this.call(() => this.api.acceptAgreed(scope === 'document' ? docId : undefined));
    if (!report) return;
    if (docId !== undefined) await this.open(docId, this.snapshot.itemId);
    const where = scope === 'document' ? 'this document' : `${report.documents} document${report.documents === 1 ? '' : 's'}`;
    const failed = report.failures.length > 0 ? ` ${report.failures.length} document(s) could not be changed: ${report.failures[0].message}` : '';
    this.say(`Accepted ${report.accepted} span${report.accepted === 1 ? '' : 's'} everyone agrees on in ${where}.${failed}`, failed ? 'error' : 'info');
  }

  /** Take the last decision taken here back; its item is open again and in focus. */
  private async undo(): Promise<void> {
    const last = this.decisions.at(-1);
    if (!last) {
      this.say('No decision to take back.', 'info');
      return;
    }
    const updated = await this.call(() => this.api.decideReviewItem(last.docId, last.item.id, { kind: 'reopen' }));
    if (!updated) return;
    this.decisions.pop();
    this.publish({ view: updated, itemId: updated.items.some((item) => item.id === last.item.id) ? last.item.id : null, notice: { text: 'Decision taken back.', tone: 'info' } });
  }

  /**
   * "Edit by hand": an open item first gets the version of its first annotator with spans (so
   * gold has a span to adjust), then the gold layer opens at the span answering the item.
   */
  private async prepareEdit(): Promise<GoldEdit | null> {
    const { view } = this.snapshot;
    if (!view) return null;
    const item = this.currentItem();
    if (!item) return { docId: view.document.id, spanId: null, item: null };
    const first = view.annotators.find((a) => (item.spans[a.id] ?? []).length > 0);
    if (!first) return { docId: view.document.id, spanId: null, item: position(item) };
    const updated = await this.call(() => this.api.decideReviewItem(view.document.id, item.id, { kind: 'accept', annotators: [first.id] }));
    if (!updated) return null;
    this.decisions.push({ docId: view.document.id, item: position(item) });
    this.showAfterDecision(updated, item);
    return { docId: view.document.id, spanId: answeringSpans(item, updated.gold)[0]?.id ?? null, item: position(item) };
  }

  private showAfterDecision(view: ReviewView, decided: ItemPosition): void {
    const next = pickBeyond(view.items, decided, 1) ?? null;
    this.publish({ view, itemId: next?.id ?? null, notice: view.items.length === 0 ? doneNotice(view) : null });
  }

  /** Run a service call with the keys held; undefined (with the reason shown) when it fails. */
  private async call<T>(task: () => Promise<T>): Promise<T | undefined> {
    this.publish({ busy: true });
    try {
      const result = await task();
      this.publish({ busy: false });
      return result;
    } catch (error) {
      this.publish({ busy: false, notice: { text: errorMessage(error), tone: 'error' } });
      return undefined;
    }
  }

  private publish(changes: Partial<ReviewSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes, canUndo: this.decisions.length > 0 };
    for (const listener of [...this.listeners]) listener();
  }
}

function position(item: ItemPosition): ItemPosition {
  return { id: item.id, start: item.start, end: item.end };
}

/** The first item after (or last before) `from` in text order; the first (or last) when there is no `from`. */
function pickBeyond(items: readonly ReviewItem[], from: ItemPosition | null, step: 1 | -1): ReviewItem | undefined {
  const beyond = from ? items.filter((item) => compareItems(item, from) * step > 0) : [...items];
  return step === 1 ? beyond[0] : beyond[beyond.length - 1];
}

function doneNotice(view: ReviewView): Notice {
  const text =
    view.status === 'not-needed'
      ? 'Fewer than two annotators worked on this document: there is nothing to compare.'
      : 'Everything in this document is decided. N goes to the next disagreement in the corpus.';
  return { text, tone: 'info' };
}
