/**
 * The open document and everything done to it: labelling, removing, undo, redo, status. Edits
 * show at once (the same `applyEdits` the store runs decides what is allowed) and go to the
 * service one at a time; each answer replaces what is shown, so the store always has the last
 * word. React reads it through `subscribe`/`getSnapshot`; the article view is driven directly,
 * so a keystroke never re-renders the document.
 */
import { ApiError, type SpanwiseApi } from '../../shared/api';
import { valuesFor } from '../../shared/attributes/values';
import { applyEdits, type EditContext } from '../../shared/spans';
import type { DocumentRecord, DocumentStatus, DocumentView, EditResult, LabelDef, NewSpan, Span, SpanChanges, SpanEdit } from '../../shared/types';
import { snapToWords } from '../../shared/words';
import type { SpanDisplay } from '../editor/articleView';
import { errorMessage } from './errorMessage';
import type { CaretUnit } from './keys';
import { neighbourSpanId } from './navigation';

export interface Notice {
  text: string;
  tone: 'info' | 'error';
}

export interface WorkbenchSnapshot {
  document: DocumentRecord | null;
  /** The document asked for last, whether it is shown, on its way or could not be opened. */
  requestedId: string | null;
  /** The id of a document being fetched, until it is shown. */
  loadingId: string | null;
  /** Why the last document asked for could not be opened. */
  openError: string | null;
  /** The spans on show: the store's last answer with the edits still on their way applied. */
  spans: readonly Span[];
  status: DocumentStatus;
  canUndo: boolean;
  canRedo: boolean;
  selectedSpanId: string | null;
  /** Edits sent and not yet durable, here or in the service. */
  saving: boolean;
  /** Why the last save failed, until one succeeds. */
  saveError: string | null;
  notice: Notice | null;
}

/** Who edits under which rules; changes with the session. */
export interface WorkbenchContext {
  labels: readonly LabelDef[];
  annotatorId: string;
  /** Why edits are refused, or null when they are allowed. */
  readOnlyReason: string | null;
}

/** A document's entry in the list, as an answer from the store left it. */
export interface DocumentProgress {
  spanCount: number;
  status: DocumentStatus;
}

/** A call to the service that changes a document, waiting for its answer. */
interface PendingChange {
  docId: string;
  /** The edits it applies, when it is an edit; undo and redo cannot be foreseen. */
  edits?: SpanEdit[];
  status?: DocumentStatus;
}

/** Errors that mean the work did not reach the disk, as opposed to an edit the rules refused. */
const SAVE_FAILURES = new Set(['io', 'internal', 'corrupt']);

const INITIAL: WorkbenchSnapshot = {
  document: null,
  requestedId: null,
  loadingId: null,
  openError: null,
  spans: [],
  status: 'new',
  canUndo: false,
  canRedo: false,
  selectedSpanId: null,
  saving: false,
  saveError: null,
  notice: null,
};

export class Workbench {
  private snapshot: WorkbenchSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private display: SpanDisplay | null = null;
  private context: WorkbenchContext = { labels: [], annotatorId: '', readOnlyReason: null };

  /** The store's last word on the open document. */
  private confirmed: { spans: Span[]; status: DocumentStatus; canUndo: boolean; canRedo: boolean } = {
    spans: [],
    status: 'new',
    canUndo: false,
    canRedo: false,
  };
  private readonly pending: PendingChange[] = [];
  /** Changes go to the service strictly one after another, in the order they were made. */
  private queue: Promise<void> = Promise.resolve();
  private openTicket = 0;
  /** The latest `open`, settled once its document is shown or could not be. */
  private opening: Promise<void> = Promise.resolve();
  private serviceSaving = false;
  private serviceError: string | null = null;
  private saveError: string | null = null;

  constructor(
    private readonly api: SpanwiseApi,
    private readonly onProgress: (docId: string, progress: DocumentProgress) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WorkbenchSnapshot => this.snapshot;

  /** Use this display for the article (null when it goes away); it is loaded with what is open. */
  attach(display: SpanDisplay | null): void {
    this.display = display;
    const { document } = this.snapshot;
    if (display && document) display.load(document.text, document.title, this.snapshot.spans, this.context.labels);
  }

  setContext(context: WorkbenchContext): void {
    // Every session fetch brings new label objects; only a real change should redraw.
    const labelsChanged = JSON.stringify(context.labels) !== JSON.stringify(this.context.labels);
    this.context = context;
    const { document } = this.snapshot;
    if (labelsChanged && document) this.display?.load(document.text, document.title, this.snapshot.spans, context.labels);
  }

  /**
   * Show the document `docId`, once every change already made has been saved; `asked` is its
   * view already asked for (at startup), else it is asked for now.
   */
  open(docId: string, asked?: Promise<DocumentView>): Promise<void> {
    this.opening = this.showDocument(docId, asked);
    return this.opening;
  }

  private async showDocument(docId: string, asked: Promise<DocumentView> | undefined): Promise<void> {
    const ticket = ++this.openTicket;
    this.publish({ requestedId: docId, loadingId: docId });
    try {
      await this.queue;
      const view = await (asked ?? this.api.getDocument(docId));
      if (ticket !== this.openTicket) return;
      const { layer } = view;
      this.confirmed = { spans: layer.spans, status: layer.status, canUndo: view.canUndo, canRedo: view.canRedo };
      const another = this.snapshot.document?.id !== view.document.id;
      this.display?.load(view.document.text, view.document.title, layer.spans, this.context.labels);
      // Another document takes the keyboard at once. Before the frame around it is redrawn: the
      // focus puts the page's selection in the article, which needs its layout, and now the
      // layout the load just made still holds; after the redraw it would be made again.
      if (another) this.display?.focus();
      this.publish({ ...this.shown(view.document), document: view.document, loadingId: null, openError: null, notice: null });
    } catch (error) {
      if (ticket !== this.openTicket) return;
      // Leaving the previous document on show would make its text look like this one's.
      this.confirmed = { spans: [], status: 'new', canUndo: false, canRedo: false };
      this.display?.clear();
      const text = errorMessage(error);
      this.publish({ ...INITIAL, requestedId: docId, openError: text, notice: { text, tone: 'error' } });
    }
  }

  /** Forget the open document, as when another project opens. */
  close(): void {
    this.openTicket++;
    this.confirmed = { spans: [], status: 'new', canUndo: false, canRedo: false };
    this.display?.clear();
    this.publish({ ...INITIAL, saving: this.snapshot.saving, saveError: this.snapshot.saveError });
  }

  /**
   * Apply `label`: to the selected span if there is one, else to the selected text, widened
   * to whole words. The new span becomes the selected one, so another label key corrects it.
   */
  applyLabel(label: string): void {
    const document = this.editable();
    if (!document || !this.display) return;
    const selectedId = this.display.selectedSpanId();
    if (selectedId) {
      const span = this.snapshot.spans.find((each) => each.id === selectedId);
      if (span && span.label !== label) this.submit(document, [{ op: 'update', id: selectedId, set: this.relabelling(span, label) }]);
      return;
    }
    const range = this.display.selectedRange();
    if (!range) {
      this.say('Select some text first (Shift+arrows or the mouse), or a span to relabel (Tab or a click).', 'info');
      return;
    }
    const words = snapToWords(document.text, range.start, range.end);
    if (!words) {
      this.say('The selection holds no word to tag.', 'info');
      return;
    }
    const id = `s-${crypto.randomUUID()}`;
    // The new span is drawn outlined, the text selection gone, in one redraw.
    this.submit(document, [{ op: 'add', span: { id, start: words.start, end: words.end, label } }], id);
  }

  /** Remove the selected span. */
  removeSelected(): void {
    const document = this.editable();
    const id = this.display?.selectedSpanId();
    if (!document) return;
    if (!id) {
      this.say('Select a span (Tab or a click), then press Delete to remove it.', 'info');
      return;
    }
    this.submit(document, [{ op: 'remove', id }]);
  }

  /**
   * The change that gives `span` the label `label`: attributes the new label does not define
   * go with the old one (a casualty count means nothing on an ACTOR); undo brings them back.
   */
  private relabelling(span: Span, label: string): SpanChanges {
    if (!span.attributes) return { label };
    const kept = valuesFor(this.context.labels.find((each) => each.name === label), span.attributes);
    return Object.keys(kept).length === Object.keys(span.attributes).length ? { label } : { label, attributes: kept };
  }

  /** Change fields of a span (its attributes, its note); saved at once and undone like any edit. */
  updateSpan(id: string, set: SpanChanges): void {
    const document = this.editable();
    if (document) this.submit(document, [{ op: 'update', id, set }]);
  }

  /**
   * Add spans in one batch, one step of undo, as accepting suggestions does; false (with the
   * reason shown) when the rules or a read-only project refuse them.
   */
  addSpans(spans: NewSpan[]): boolean {
    const document = this.editable();
    return document !== null && this.submit(document, spans.map((span): SpanEdit => ({ op: 'add', span })));
  }

  /** Resolves once every change made so far has been answered by the service. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Move the caret, or the head of the selection when `extend`, as the arrow keys ask. */
  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean): void {
    if (this.snapshot.document) this.display?.moveCaret(unit, direction, extend);
  }

  /** Give the article the keyboard focus, as when a side panel is done with it. */
  focusArticle(): void {
    this.display?.focus();
  }

  /** Select the next (1) or previous (-1) span after the selected one or the caret, and show it. */
  jumpToSpan(step: 1 | -1): void {
    const display = this.display;
    if (!this.snapshot.document || !display) return;
    const id = neighbourSpanId(this.snapshot.spans, display.selectedSpanId(), display.caretOffset(), step);
    if (id === null) this.say('This document has no spans yet.', 'info');
    else display.revealSpan(id);
  }

  /** Drop the span selection and the text selection. */
  deselect(): void {
    this.display?.selectSpan(null);
    this.display?.clearTextSelection();
  }

  undo(): void {
    this.step('undo');
  }

  redo(): void {
    this.step('redo');
  }

  /** Mark the open document done, or, when it is done, back to in progress (or new, if empty). */
  toggleDone(): void {
    // Pressed as the next document opens, it is meant for that one: the list already shows it.
    if (this.snapshot.loadingId !== null) {
      void this.opening.then(() => this.toggleDone());
      return;
    }
    const document = this.editable();
    if (!document) return;
    const status: DocumentStatus =
      this.snapshot.status === 'done' ? (this.snapshot.spans.length > 0 ? 'in-progress' : 'new') : 'done';
    this.enqueue({ docId: document.id, status }, () => this.api.setDocumentStatus(document.id, status));
  }

  /** The outlined span changed in the view. */
  spanSelected(id: string | null): void {
    if (id !== this.snapshot.selectedSpanId) this.publish({ selectedSpanId: id });
  }

  /** What the service reports about its own writes. */
  serviceSaveStatus(pending: number, error?: string): void {
    this.serviceSaving = pending > 0;
    this.serviceError = error ?? null;
    // Nothing waits for the disk any more: an edit the disk refused here was kept and is now saved.
    if (pending === 0 && error === undefined) this.saveError = null;
    this.publish({});
  }

  /** Show a message in the status line. */
  say(text: string, tone: Notice['tone']): void {
    this.publish({ notice: { text, tone } });
  }

  private step(direction: 'undo' | 'redo'): void {
    const document = this.editable();
    if (!document) return;
    const possible = direction === 'undo' ? this.snapshot.canUndo : this.snapshot.canRedo;
    if (!possible && !this.pending.some((change) => change.docId === document.id)) {
      this.say(direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.', 'info');
      return;
    }
    this.enqueue({ docId: document.id }, () => this.api[direction](document.id));
  }

  /** The open document when edits are allowed; otherwise says why not and gives null. */
  private editable(): DocumentRecord | null {
    const { document } = this.snapshot;
    if (!document) {
      this.say('Open a document first.', 'info');
      return null;
    }
    if (this.context.readOnlyReason !== null) {
      this.say(`Read-only: ${this.context.readOnlyReason}`, 'error');
      return null;
    }
    return document;
  }

  /** Show the edits at once and send them; false (with the reason shown) when the rules refuse them. */
  /** Apply `edits` on screen and send them to the store; `outline` is a span to outline once drawn. */
  private submit(document: DocumentRecord, edits: SpanEdit[], outline?: string): boolean {
    const outcome = applyEdits(this.snapshot.spans, edits, this.editContext(document));
    if (!outcome.ok) {
      this.say(outcome.message, 'error');
      return false;
    }
    this.enqueue({ docId: document.id, edits }, () => this.api.editSpans(document.id, edits), outline);
    return true;
  }

  private enqueue(change: PendingChange, call: () => Promise<EditResult>, outline?: string): void {
    this.pending.push(change);
    this.redraw(change.docId, { notice: null }, outline);
    this.queue = this.queue.then(async () => {
      let result: EditResult | undefined;
      let failure: unknown;
      try {
        result = await call();
      } catch (error) {
        failure = error;
      }
      await this.settle(change, result, failure);
    });
  }

  private async settle(change: PendingChange, result: EditResult | undefined, failure: unknown): Promise<void> {
    const { docId } = change;
    const open = this.snapshot.document?.id === docId;
    const notice: Notice | null = result ? null : { text: errorMessage(failure), tone: 'error' };
    if (notice && failure instanceof ApiError && SAVE_FAILURES.has(failure.code)) this.saveError = notice.text;
    if (open && failure instanceof ApiError && failure.code === 'io') {
      // A full or read-only disk: the service keeps the edit in memory and works from it. The edit
      // stays on show (a new span does not blink out) until what the service now holds is fetched,
      // which happens before the next change is sent, so changes made meanwhile apply on top.
      this.publish({ notice });
      await this.refresh(docId);
    }
    this.pending.splice(this.pending.indexOf(change), 1);
    if (result) {
      this.saveError = null;
      this.onProgress(docId, { spanCount: result.spans.length, status: result.status });
      if (open) this.confirmed = result;
    }
    this.redraw(docId, notice ? { notice } : {});
  }

  /** Take the service's version of the open document `docId` as confirmed, without moving the view. */
  private async refresh(docId: string): Promise<void> {
    let view: DocumentView;
    try {
      view = await this.api.getDocument(docId);
    } catch {
      // What went wrong is already on show from the failed edit.
      return;
    }
    const { layer } = view;
    this.onProgress(docId, { spanCount: layer.spans.length, status: layer.status });
    if (this.snapshot.document?.id !== docId) return;
    this.confirmed = { spans: layer.spans, status: layer.status, canUndo: view.canUndo, canRedo: view.canRedo };
  }

  /** Publish, and when `docId` is the open document show its spans as they now stand. */
  private redraw(docId: string, changes: Partial<WorkbenchSnapshot>, outline?: string): void {
    const { document } = this.snapshot;
    if (document?.id !== docId) {
      this.publish(changes);
      return;
    }
    const shown = this.shown(document);
    if (shown.spans !== this.snapshot.spans) this.display?.show(shown.spans, outline);
    this.publish({ ...shown, ...changes });
  }

  /** The store's answer with the pending edits for `document` applied on top. */
  private shown(document: DocumentRecord): Pick<WorkbenchSnapshot, 'spans' | 'status' | 'canUndo' | 'canRedo'> {
    let { spans, status, canUndo, canRedo } = this.confirmed;
    for (const change of this.pending) {
      if (change.docId !== document.id) continue;
      if (change.status) status = change.status;
      if (change.edits) {
        const outcome = applyEdits(spans, change.edits, this.editContext(document));
        if (outcome.ok) spans = outcome.spans;
      }
      canUndo = true;
    }
    return { spans, status, canUndo, canRedo };
  }

  private editContext(document: DocumentRecord): EditContext {
    return {
      text: document.text,
      annotator: this.context.annotatorId,
      now: new Date().toISOString(),
      labels: this.context.labels.map((label) => label.name),
    };
  }

  private publish(changes: Partial<WorkbenchSnapshot>): void {
    const ownSaving = this.pending.length > 0;
    this.snapshot = {
      ...this.snapshot,
      ...changes,
      saving: ownSaving || this.serviceSaving,
      saveError: this.saveError ?? this.serviceError,
    };
    for (const listener of [...this.listeners]) listener();
  }
}
