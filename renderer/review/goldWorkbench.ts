/**
 * The normal editor, on the gold layer: a workbench whose calls all go to the layer `gold`, for
 * editing an adjudicated span by hand. It can open a document with one span already selected.
 */
import type { SpanwiseApi } from '../../shared/api';
import { GOLD_LAYER } from '../../shared/review';
import type { SpanDisplay } from '../editor/articleView';
import { Workbench } from '../app/workbench';

/** The API with every layer call aimed at the gold layer. */
export function goldLayerApi(api: SpanwiseApi): SpanwiseApi {
  return {
    ...api,
    getDocument: (docId) => api.getDocument(docId, GOLD_LAYER),
    editSpans: (docId, edits) => api.editSpans(docId, edits, GOLD_LAYER),
    undo: (docId) => api.undo(docId, GOLD_LAYER),
    redo: (docId) => api.redo(docId, GOLD_LAYER),
    setDocumentStatus: (docId, status) => api.setDocumentStatus(docId, status, GOLD_LAYER),
  };
}

export class GoldWorkbench extends Workbench {
  #display: SpanDisplay | null = null;

  constructor(api: SpanwiseApi) {
    // The document list counts the annotator's own spans, so gold edits leave it alone.
    super(goldLayerApi(api), () => undefined);
  }

  override attach(display: SpanDisplay | null): void {
    this.#display = display;
    super.attach(display);
  }

  /** Open a document's gold layer with `spanId` (if any) selected. */
  async openAt(docId: string, spanId: string | null): Promise<void> {
    await this.open(docId);
    if (spanId !== null && this.getSnapshot().document?.id === docId) this.#display?.selectSpan(spanId);
  }
}
