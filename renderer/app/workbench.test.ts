import { describe, it, expect } from 'vitest';
import { ApiError, type SpanwiseApi } from '../../shared/api';
import { DEFAULT_LABELS } from '../../shared/labels';
import { applyEdits } from '../../shared/spans';
import type { DocumentRecord, DocumentStatus, EditResult, Span, SpanEdit } from '../../shared/types';
import type { SpanDisplay } from '../editor/articleView';
import type { ShownSpan } from '../editor/highlights';
import type { CodePointRange } from '../editor/textSelection';
import { Workbench, type DocumentProgress } from './workbench';

const TEXT = 'Shelling in Idlib\nAt least two civilians were killed in Kansafra on Tuesday.';
const DOC: DocumentRecord = { id: 'd1', title: 'Shelling in Idlib', text: TEXT, textHash: 'h', meta: {}, importedAt: '' };
const OTHER: DocumentRecord = { ...DOC, id: 'd2', title: 'Other', text: 'Other\nNothing here.' };

const offsetOf = (words: string) => TEXT.indexOf(words);
const rangeOf = (words: string): CodePointRange => ({ start: offsetOf(words), end: offsetOf(words) + words.length });

/** The display as plain data: what it was told to show, and a selection the test sets. */
class FakeDisplay implements SpanDisplay {
  text = '';
  spans: readonly ShownSpan[] = [];
  range: CodePointRange | null = null;
  selected: string | null = null;
  loads = 0;
  load(text: string, _title: string, spans: readonly ShownSpan[]) {
    this.text = text;
    this.spans = spans;
    this.loads++;
  }
  clear() {
    this.text = '';
    this.spans = [];
  }
  show(spans: readonly ShownSpan[], outline?: string) {
    this.spans = spans;
    if (outline === undefined) return;
    this.range = null;
    this.selected = outline;
  }
  selectedSpanId() {
    return this.selected;
  }
  selectSpan(id: string | null) {
    this.selected = id;
  }
  selectedRange() {
    return this.range;
  }
  clearTextSelection() {
    this.range = null;
  }
  caret = 0;
  moves: Array<[string, number, boolean]> = [];
  caretOffset() {
    return this.caret;
  }
  moveCaret(unit: string, direction: 1 | -1, extend: boolean) {
    this.moves.push([unit, direction, extend]);
  }
  revealSpan(id: string) {
    this.selected = id;
  }
  focus() {}
  labelsShown() {
    return this.spans.map((span) => `${span.label}:${TEXT.slice(span.start, span.end)}`);
  }
}

/**
 * A store in memory that answers only when the test lets it: every call waits in `calls`
 * until `answer()` (or `fail()`) releases the oldest one.
 */
class FakeStore {
  spans = new Map<string, Span[]>([['d1', []], ['d2', []]]);
  status = new Map<string, DocumentStatus>();
  undoStack: SpanEdit[][] = [];
  calls: Array<{ method: string; args: unknown[]; run: () => void; reject: (error: Error) => void; work: () => unknown }> = [];

  readonly api = {
    getDocument: (docId: string) =>
      this.later('getDocument', [docId], () => {
        if (!this.spans.has(docId)) throw new ApiError('corrupt', `layers/amira/${docId}.json could not be read`);
        return {
        document: docId === 'd1' ? DOC : OTHER,
        layer: { spans: this.spans.get(docId)!, status: this.status.get(docId) ?? 'new' },
        canUndo: this.undoStack.length > 0,
        canRedo: false,
        };
      }),
    editSpans: (docId: string, edits: SpanEdit[]) =>
      this.later('editSpans', [docId, edits], () => {
        const outcome = applyEdits(this.spans.get(docId)!, edits, { text: TEXT, annotator: 'amira', now: 'now', labels: ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'] });
        if (!outcome.ok) throw new ApiError('conflict', outcome.message);
        this.spans.set(docId, outcome.spans);
        this.undoStack.push(outcome.inverse);
        this.status.set(docId, 'in-progress');
        return this.result(docId);
      }),
    undo: (docId: string) =>
      this.later('undo', [docId], () => {
        const inverse = this.undoStack.pop()!;
        const outcome = applyEdits(this.spans.get(docId)!, inverse, { text: TEXT, annotator: 'amira', now: 'now', labels: ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'] });
        if (outcome.ok) this.spans.set(docId, outcome.spans);
        return this.result(docId);
      }),
    setDocumentStatus: (docId: string, status: DocumentStatus) =>
      this.later('setDocumentStatus', [docId, status], () => {
        this.status.set(docId, status);
        return this.result(docId);
      }),
  } as unknown as SpanwiseApi;

  result(docId: string): EditResult {
    return { spans: this.spans.get(docId)!, status: this.status.get(docId) ?? 'new', canUndo: this.undoStack.length > 0, canRedo: false };
  }

  later<T>(method: string, args: unknown[], work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.calls.push({
        method,
        args,
        run: () => {
          try {
            resolve(work());
          } catch (error) {
            reject(error);
          }
        },
        reject,
        work,
      });
    });
  }

  /** Answer calls, oldest first, until none is waiting. */
  async answerAll(): Promise<void> {
    for (let rounds = 0; rounds < 20; rounds++) {
      await flush();
      const call = this.calls.shift();
      if (!call) return;
      call.run();
    }
  }

  async fail(error: Error): Promise<void> {
    await flush();
    this.calls.shift()!.reject(error);
    await flush();
  }

  /** Do the oldest call's work, then fail it: a service that kept an edit the disk refused. */
  async keepAndFail(error: Error): Promise<void> {
    await flush();
    const call = this.calls.shift()!;
    call.work();
    call.reject(error);
    await flush();
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setUp(readOnlyReason: string | null = null) {
  const store = new FakeStore();
  const progress: Array<[string, DocumentProgress]> = [];
  const bench = new Workbench(store.api, (docId, value) => progress.push([docId, value]));
  const display = new FakeDisplay();
  bench.setContext({ labels: DEFAULT_LABELS, annotatorId: 'amira', readOnlyReason });
  bench.attach(display);
  const opened = bench.open('d1');
  await store.answerAll();
  await opened;
  return { store, bench, display, progress };
}

describe('Workbench', () => {
  it('opens a document into the display', async () => {
    const { bench, display } = await setUp();
    expect(display.text).toBe(TEXT);
    expect(bench.getSnapshot()).toMatchObject({ document: DOC, loadingId: null, spans: [], status: 'new', saving: false });
  });

  it('tags the selected text, widened to whole words, before the store answers', async () => {
    const { bench, display, store, progress } = await setUp();
    display.range = { start: offsetOf('ivilians'), end: offsetOf('ivilians') + 4 };
    bench.applyLabel('ACTOR');
    expect(display.labelsShown()).toEqual(['ACTOR:civilians']);
    expect(bench.getSnapshot().saving).toBe(true);
    expect(display.range).toBeNull();
    await flush();
    const [call] = store.calls;
    expect(call!.method).toBe('editSpans');
    const [edit] = call!.args[1] as SpanEdit[];
    expect(edit).toMatchObject({ op: 'add', span: { start: offsetOf('civilians'), end: offsetOf('civilians') + 9, label: 'ACTOR' } });
    const id = (edit as Extract<SpanEdit, { op: 'add' }>).span.id;
    expect(id).toMatch(/^s-[0-9a-f-]{36}$/);
    expect(display.selected).toBe(id);

    await store.answerAll();
    expect(bench.getSnapshot()).toMatchObject({ saving: false, status: 'in-progress', canUndo: true });
    expect(bench.getSnapshot().spans).toBe(store.spans.get('d1'));
    expect(progress).toEqual([['d1', { spanCount: 1, status: 'in-progress' }]]);
  });

  it('relabels the selected span instead of tagging text', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Kansafra');
    bench.applyLabel('ACTOR');
    await store.answerAll();
    bench.applyLabel('LOCATION');
    expect(display.labelsShown()).toEqual(['LOCATION:Kansafra']);
    await flush();
    expect(store.calls[0]!.args[1]).toEqual([{ op: 'update', id: display.selected, set: { label: 'LOCATION' } }]);
    await store.answerAll();
    expect(store.spans.get('d1')!.map((span) => span.label)).toEqual(['LOCATION']);
  });

  it('refuses a span overlapping one of the same label without asking the store', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('two civilians');
    bench.applyLabel('CASUALTY');
    await store.answerAll();
    display.selected = null;
    display.range = rangeOf('civilians were');
    bench.applyLabel('CASUALTY');
    expect(store.calls).toHaveLength(0);
    expect(bench.getSnapshot().notice).toEqual({ text: expect.stringContaining('overlaps the CASUALTY span "two civilians"'), tone: 'error' });
    expect(display.labelsShown()).toEqual(['CASUALTY:two civilians']);
  });

  it('nests spans of different labels', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('At least two civilians');
    bench.applyLabel('CASUALTY');
    display.selected = null;
    display.range = rangeOf('civilians');
    bench.applyLabel('ACTOR');
    await store.answerAll();
    expect(display.labelsShown()).toEqual(['CASUALTY:At least two civilians', 'ACTOR:civilians']);
  });

  it('asks for a selection when there is none, and for words when it holds none', async () => {
    const { bench, display, store } = await setUp();
    bench.applyLabel('DATE');
    expect(bench.getSnapshot().notice?.text).toMatch(/Select some text/);
    display.range = { start: offsetOf(' were'), end: offsetOf(' were') + 1 };
    bench.applyLabel('DATE');
    expect(bench.getSnapshot().notice?.text).toMatch(/no word/);
    expect(store.calls).toHaveLength(0);
  });

  it('jumps from span to span with Tab order, starting at the caret', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    display.selected = null;
    display.range = rangeOf('two civilians');
    bench.applyLabel('CASUALTY');
    await store.answerAll();
    const [casualty, location] = store.spans.get('d1')!;
    display.selected = null;
    display.caret = offsetOf('were');
    bench.jumpToSpan(1);
    expect(display.selected).toBe(location!.id);
    bench.jumpToSpan(1);
    expect(display.selected).toBe(casualty!.id);
    bench.jumpToSpan(-1);
    expect(display.selected).toBe(location!.id);
  });

  it('says so when Tab finds no span', async () => {
    const { bench } = await setUp();
    bench.jumpToSpan(1);
    expect(bench.getSnapshot().notice?.text).toMatch(/no spans/);
  });

  it('passes caret moves to the display', async () => {
    const { bench, display } = await setUp();
    bench.moveCaret('word', -1, true);
    expect(display.moves).toEqual([['word', -1, true]]);
  });

  it('saves attributes and a note on a span as an update', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('At least two civilians');
    bench.applyLabel('CASUALTY');
    await store.answerAll();
    const id = display.selected!;
    bench.updateSpan(id, { attributes: { kind: 'killed', count: 2, qualifier: 'at least' }, note: 'two dead' });
    expect(bench.getSnapshot().spans[0]).toMatchObject({ attributes: { kind: 'killed', count: 2 }, note: 'two dead' });
    await flush();
    expect(store.calls[0]!.args[1]).toEqual([
      { op: 'update', id, set: { attributes: { kind: 'killed', count: 2, qualifier: 'at least' }, note: 'two dead' } },
    ]);
    await store.answerAll();
    expect(store.spans.get('d1')![0]).toMatchObject({ attributes: { qualifier: 'at least' }, note: 'two dead' });
  });

  it('drops the attributes the new label does not define when a span is relabelled', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('two civilians');
    bench.applyLabel('CASUALTY');
    await store.answerAll();
    const id = display.selected!;
    bench.updateSpan(id, { attributes: { kind: 'killed', count: 2 } });
    await store.answerAll();
    bench.applyLabel('ACTOR');
    await flush();
    expect(store.calls[0]!.args[1]).toEqual([{ op: 'update', id, set: { label: 'ACTOR', attributes: {} } }]);
    await store.answerAll();
    expect(store.spans.get('d1')![0]).toMatchObject({ label: 'ACTOR', attributes: {} });
  });

  it('removes the selected span', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    bench.removeSelected();
    expect(display.spans).toEqual([]);
    await store.answerAll();
    expect(store.spans.get('d1')).toEqual([]);
    expect(store.calls).toHaveLength(0);
  });

  it('puts back what the store refused and says why', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    await store.fail(new ApiError('read-only', 'Another Spanwise holds this project'));
    expect(display.spans).toEqual([]);
    expect(bench.getSnapshot()).toMatchObject({ saving: false, saveError: null, notice: { text: 'Another Spanwise holds this project', tone: 'error' } });
  });

  it('reports a failed save in the save state until a save succeeds', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    await store.fail(new ApiError('io', 'Disk full'));
    expect(bench.getSnapshot().saveError).toBe('Disk full');
    display.selected = null;
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    await store.answerAll();
    expect(bench.getSnapshot().saveError).toBeNull();
  });

  it('shows an edit the service kept when the disk refused it, and stops saying "not saved" once the service has saved it', async () => {
    const { bench, display, store, progress } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    const kept = 'Could not save to layers/amira/d1.json: the disk is full; your edit is kept and will be saved when the disk is writable again.';
    bench.serviceSaveStatus(1, kept);
    await store.keepAndFail(new ApiError('io', kept));
    // The service holds the edit: it is fetched back rather than dropped from the screen.
    expect(store.calls.map((call) => call.method)).toEqual(['getDocument']);
    await store.answerAll();
    await bench.idle();
    expect(display.labelsShown()).toEqual(['DATE:Tuesday']);
    expect(progress.at(-1)).toEqual(['d1', { spanCount: 1, status: 'in-progress' }]);
    expect(bench.getSnapshot()).toMatchObject({ saving: true, saveError: kept, canUndo: true });

    // The disk takes writes again and the service's retry saves the edit.
    bench.serviceSaveStatus(0);
    expect(bench.getSnapshot()).toMatchObject({ saving: false, saveError: null });
    expect(display.labelsShown()).toEqual(['DATE:Tuesday']);
  });

  it('keeps a new span on show while it fetches the edit the service kept when the disk refused it', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    const kept = 'Could not save to layers/amira/d1.json: the folder is read-only; your edit is kept and will be saved when the disk is writable again.';
    await store.keepAndFail(new ApiError('io', kept));
    // The service's version is still on its way: the span stays, and the window already says it is not saved.
    expect(store.calls.map((call) => call.method)).toEqual(['getDocument']);
    expect(display.labelsShown()).toEqual(['DATE:Tuesday']);
    expect(bench.getSnapshot()).toMatchObject({ saveError: kept, notice: { text: kept, tone: 'error' } });
    // An edit made meanwhile waits for that version and applies on top of it.
    display.selected = null;
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    expect(display.labelsShown().sort()).toEqual(['DATE:Tuesday', 'LOCATION:Kansafra']);
    expect(store.calls.map((call) => call.method)).toEqual(['getDocument']);
    await store.answerAll();
    await bench.idle();
    expect(display.labelsShown().sort()).toEqual(['DATE:Tuesday', 'LOCATION:Kansafra']);
    expect(store.spans.get('d1')!.map((span) => span.label).sort()).toEqual(['DATE', 'LOCATION']);
  });

  it('drops an edit the disk refused once the service shows it did not keep it', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Tuesday');
    bench.applyLabel('DATE');
    await store.fail(new ApiError('io', 'Could not use layers/amira/d1.json: the disk reported an input/output error'));
    expect(display.labelsShown()).toEqual(['DATE:Tuesday']);
    await store.answerAll();
    await bench.idle();
    expect(display.labelsShown()).toEqual([]);
    expect(bench.getSnapshot()).toMatchObject({ spans: [], saveError: 'Could not use layers/amira/d1.json: the disk reported an input/output error' });
  });

  it('shows the saves the service keeps waiting for the disk, until it says they are written', async () => {
    const { bench } = await setUp();
    const waiting = 'Could not save to layers/amira/d1.json: the disk is full; your edit is kept and will be saved when the disk is writable again.';
    bench.serviceSaveStatus(1, waiting);
    expect(bench.getSnapshot()).toMatchObject({ saving: true, saveError: waiting });
    bench.serviceSaveStatus(0);
    expect(bench.getSnapshot()).toMatchObject({ saving: false, saveError: null });
  });

  it('undoes through the store and shows its answer', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    bench.undo();
    await store.answerAll();
    expect(store.calls).toEqual([]);
    expect(display.spans).toEqual([]);
    expect(bench.getSnapshot().canUndo).toBe(false);
    bench.undo();
    expect(bench.getSnapshot().notice?.text).toBe('Nothing to undo.');
  });

  it('toggles the done status', async () => {
    const { bench, store } = await setUp();
    bench.toggleDone();
    expect(bench.getSnapshot().status).toBe('done');
    await store.answerAll();
    expect(store.status.get('d1')).toBe('done');
    bench.toggleDone();
    await store.answerAll();
    expect(store.status.get('d1')).toBe('new');
  });

  it('marks done the document being opened, not the one still on show, when asked as it opens', async () => {
    const { bench, store } = await setUp();
    const opened = bench.open('d2');
    bench.toggleDone();
    expect(store.calls.map((call) => call.method)).toEqual([]);
    await store.answerAll();
    await opened;
    await store.answerAll();
    expect(store.status.get('d2')).toBe('done');
    expect(store.status.get('d1')).toBeUndefined();
    expect(bench.getSnapshot()).toMatchObject({ status: 'done', document: { id: 'd2' } });
  });

  it('refuses every edit when the project is read-only', async () => {
    const { bench, display, store } = await setUp('Amira has it open on laptop-2');
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    bench.toggleDone();
    expect(store.calls).toHaveLength(0);
    expect(bench.getSnapshot().notice).toEqual({ text: 'Read-only: Amira has it open on laptop-2', tone: 'error' });
  });

  it('opens the next document only after the edits before it are saved', async () => {
    const { bench, display, store } = await setUp();
    display.range = rangeOf('Kansafra');
    bench.applyLabel('LOCATION');
    const opened = bench.open('d2');
    await flush();
    expect(store.calls.map((call) => call.method)).toEqual(['editSpans']);
    await store.answerAll();
    await opened;
    expect(bench.getSnapshot().document?.id).toBe('d2');
    expect(display.spans).toEqual([]);
    expect(store.spans.get('d1')).toHaveLength(1);
  });

  it('shows nothing but the reason when a document cannot be opened', async () => {
    const { bench, display, store } = await setUp();
    const opened = bench.open('d9');
    expect(bench.getSnapshot()).toMatchObject({ requestedId: 'd9', loadingId: 'd9' });
    await store.answerAll();
    await opened;
    expect(display.text).toBe('');
    expect(bench.getSnapshot()).toMatchObject({
      document: null,
      requestedId: 'd9',
      loadingId: null,
      openError: 'layers/amira/d9.json could not be read',
      notice: { tone: 'error' },
    });
    bench.applyLabel('ACTOR');
    expect(bench.getSnapshot().notice?.text).toBe('Open a document first.');
  });

  it('shows only the last of several documents opened in a row', async () => {
    const { bench, display, store } = await setUp();
    const first = bench.open('d2');
    const second = bench.open('d1');
    await store.answerAll();
    await Promise.all([first, second]);
    expect(bench.getSnapshot().document?.id).toBe('d1');
    expect(display.text).toBe(TEXT);
  });
});
