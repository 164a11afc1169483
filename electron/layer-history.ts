/**
 * Edits, undo and redo on one layer document, as pure functions from one version of it to the
 * next. The span rules and the inverse of every batch come from `applyEdits`; this module keeps
 * the undo and redo stacks (stored in the layer document, so undo survives a restart).
 */
import { applyEdits, type EditContext } from '../shared/spans';
import type { DocumentStatus, LayerDocument, SpanEdit } from '../shared/types';

/** The most batches each stack keeps; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/**
 * A layer change, or why it is refused. A refusal may still carry a version to save: a stored
 * undo batch that no longer applies is dropped so it cannot block the ones beneath it.
 */
export type LayerChange = { ok: true; layer: LayerDocument } | { ok: false; message: string; layer?: LayerDocument };

/** A layer document with no work in it yet, for a document the layer has not touched. */
export function emptyLayerDocument(docId: string, layer: string, textHash: string, now: string): LayerDocument {
  return {
    format: 'spanwise-layer',
    version: 1,
    docId,
    layer,
    textHash,
    status: 'new',
    spans: [],
    updatedAt: now,
    timeSpentMs: 0,
    undo: [],
    redo: [],
  };
}

/** Apply a batch of edits; its inverse goes on the undo stack and the redo stack is cleared. */
export function editLayer(layer: LayerDocument, edits: SpanEdit[], ctx: EditContext): LayerChange {
  const outcome = applyEdits(layer.spans, edits, ctx);
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    layer: { ...touched(layer, ctx.now), spans: outcome.spans, undo: pushCapped(layer.undo, outcome.inverse), redo: [] },
  };
}

/**
 * Drop who-and-when fields from spans a client adds: the store records the caller as the
 * annotator and its own clock as the time. (Undo batches carry them, but those never come
 * from a client.)
 */
export function withoutAuthorship(edits: SpanEdit[]): SpanEdit[] {
  return edits.map((edit) => {
    if (edit.op !== 'add') return edit;
    const { annotator: _annotator, createdAt: _createdAt, updatedAt: _updatedAt, ...span } = edit.span;
    return { ...edit, span };
  });
}

/** Undo the newest batch; its inverse goes on the redo stack. */
export function undoLayer(layer: LayerDocument, ctx: EditContext): LayerChange {
  return replay(layer, 'undo', ctx);
}

/** Redo the newest undone batch; its inverse goes back on the undo stack. */
export function redoLayer(layer: LayerDocument, ctx: EditContext): LayerChange {
  return replay(layer, 'redo', ctx);
}

export function withStatus(layer: LayerDocument, status: DocumentStatus, now: string): LayerDocument {
  return { ...layer, status, updatedAt: now };
}

function replay(layer: LayerDocument, from: 'undo' | 'redo', ctx: EditContext): LayerChange {
  const to = from === 'undo' ? 'redo' : 'undo';
  const batch = layer[from].at(-1);
  if (!batch) return { ok: false, message: from === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.' };
  const outcome = applyEdits(layer.spans, batch, ctx);
  if (!outcome.ok) {
    return {
      ok: false,
      message: `This change can no longer be ${from === 'undo' ? 'undone' : 'redone'} (${outcome.message}); it was taken out of the history.`,
      layer: { ...layer, [from]: layer[from].slice(0, -1), updatedAt: ctx.now },
    };
  }
  return {
    ok: true,
    layer: {
      ...touched(layer, ctx.now),
      spans: outcome.spans,
      [from]: layer[from].slice(0, -1),
      [to]: pushCapped(layer[to], outcome.inverse),
    },
  };
}

/** A span change starts the work on a new document. */
function touched(layer: LayerDocument, now: string): LayerDocument {
  return { ...layer, status: layer.status === 'new' ? 'in-progress' : layer.status, updatedAt: now };
}

function pushCapped(stack: SpanEdit[][], batch: SpanEdit[]): SpanEdit[][] {
  return [...stack, batch].slice(-HISTORY_LIMIT);
}
