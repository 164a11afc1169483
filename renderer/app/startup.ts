/**
 * The calls every start of the window makes — the session, the document list and the first
 * document of that list — sent as soon as the page's script starts to run, before the rest of
 * the UI's code is even evaluated, and each after only what it depends on. The UI takes an
 * answer when it gets there, if it is still for the project, annotator and document it needs;
 * otherwise it asks again.
 */
import type { SpanwiseApi, Transport } from '../../shared/api';
import type { DocumentSummary, DocumentView, Session } from '../../shared/types';

/** What the list and its first document were fetched for; see `listKey`. */
export interface StartupOpening {
  key: string;
  list: DocumentSummary[];
  /** The first document of the list and its view as asked for; null for an empty list. */
  first: { id: string; view: Promise<DocumentView> } | null;
  /**
   * Whether the service has said since the list was asked for that it changed (review figures
   * worked out, documents changed, another project): then the list is to be asked for again.
   * The UI hears such events only once it has mounted, which may be after they were sent.
   */
  outdated(): boolean;
  /**
   * Whether the event stream connected after the list was asked for, so that something the
   * service said in between may be missing from it: the list is shown, and fetched again.
   */
  resumed(): boolean;
}

export interface StartupCalls {
  session: Promise<Session>;
  /** Null when the session names no project or annotator yet, or the list could not be had. */
  opening: Promise<StartupOpening | null>;
}

export function startCalls(api: SpanwiseApi, subscribe: Transport['subscribe']): StartupCalls {
  let outdated = false;
  let resumed = false;
  // Listening starts before the list is asked for, so nothing the window hears after it is missed.
  const stop = subscribe((event) => {
    if (event.type === 'events-resumed') resumed = true;
    if (event.type !== 'review-ready' && event.type !== 'documents-changed' && event.type !== 'project-changed') return;
    outdated = true;
    stop();
  });
  const session = api.getSession();
  const list = api.listDocuments().catch(() => null);
  const opening = Promise.all([session, list])
    .then(([started, documents]): StartupOpening | null => {
      if (!started.project || !started.annotator || !documents) return null;
      const [head] = documents;
      const first = head ? { id: head.id, view: api.getDocument(head.id) } : null;
      // Not wanted after all (another document was asked for): its failure is nobody's news.
      first?.view.catch(() => undefined);
      return { key: listKey(started.project.dir, started.annotator.id), list: documents, first, outdated: () => outdated, resumed: () => resumed };
    })
    .catch(() => null);
  // A failed session is reported by the UI, which waits for it; here it would only be unhandled.
  session.catch(() => undefined);
  return { session, opening };
}

/** Which project and annotator a document list is for. */
export function listKey(projectDir: string, annotatorId: string): string {
  return JSON.stringify([projectDir, annotatorId]);
}
