import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiEvent, SpanwiseApi } from '../../shared/api';
import type { DocumentSummary, Session } from '../../shared/types';
import { actionForKey, isTypingTarget, type KeyAction } from '../app/keys';
import { neighbourId } from '../app/navigation';
import { Workbench, type DocumentProgress } from '../app/workbench';
import { installLabelStyles } from '../editor/labelStyles';
import { DocumentList } from './DocumentList';
import { EditorPane } from './EditorPane';
import { Header } from './Header';
import { LabelPanel } from './LabelPanel';
import { NamePrompt } from './NamePrompt';
import { ProblemsBanner } from './ProblemsBanner';
import { ProjectPicker } from './ProjectPicker';
import { StatusBar } from './StatusBar';
import { errorMessage } from '../app/errorMessage';

interface AppProps {
  api: SpanwiseApi;
  subscribe: (listener: (event: ApiEvent) => void) => () => void;
}

/** Wait this long after the last "documents changed" before fetching the list again. */
const LIST_REFRESH_DELAY_MS = 400;

const NO_LABELS: never[] = [];

/** The whole app: session, document list, article, labels, and the keyboard. */
export function App({ api, subscribe }: AppProps) {
  const [session, setSession] = useState<Session | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [dialog, setDialog] = useState<'name' | 'projects' | null>(null);

  const updateProgress = useCallback((docId: string, progress: DocumentProgress) => {
    setDocuments((list) => list.map((doc) => (doc.id === docId ? { ...doc, ...progress } : doc)));
  }, []);
  const workbench = useMemo(() => new Workbench(api, updateProgress), [api, updateProgress]);
  const snapshot = useSyncExternalStore(workbench.subscribe, workbench.getSnapshot);

  const project = session?.project ?? null;
  const labels = project?.labels ?? NO_LABELS;
  const readOnly = session?.readOnly ?? false;

  const loadDocuments = useCallback(async () => {
    try {
      setDocuments(await api.listDocuments());
    } catch (error) {
      workbench.say(`Could not list the documents: ${errorMessage(error)}`, 'error');
    }
  }, [api, workbench]);

  const loadSession = useCallback(async () => {
    try {
      setSession(await api.getSession());
    } catch (error) {
      setFatal(errorMessage(error));
    }
  }, [api]);

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  // The annotator and the project decide which layer and which documents are on show.
  const projectDir = project?.dir ?? null;
  const annotatorId = session?.annotator?.id ?? null;
  useEffect(() => {
    // After switching annotators the same article stays open, now with their spans.
    const previousId = workbench.getSnapshot().requestedId;
    workbench.close();
    setDocuments([]);
    if (projectDir === null || annotatorId === null) return;
    let stale = false;
    void (async () => {
      try {
        const list = await api.listDocuments();
        if (stale) return;
        setDocuments(list);
        const first = list.find((doc) => doc.id === previousId) ?? list[0];
        if (first) void workbench.open(first.id);
      } catch (error) {
        if (!stale) workbench.say(`Could not list the documents: ${errorMessage(error)}`, 'error');
      }
    })();
    return () => {
      stale = true;
    };
  }, [api, workbench, projectDir, annotatorId]);

  useEffect(() => {
    installLabelStyles(labels);
    workbench.setContext({
      labels,
      annotatorId: annotatorId ?? '',
      readOnlyReason: readOnly ? (session?.readOnlyReason ?? 'another Spanwise has this project open') : null,
    });
  }, [workbench, labels, annotatorId, readOnly, session?.readOnlyReason]);

  useEffect(() => {
    document.title = project ? `${project.name} — Spanwise` : 'Spanwise';
  }, [project]);

  // A document that cannot be opened is usually a file the service has just found unreadable;
  // fetching the session again brings it into the problems banner.
  useEffect(() => {
    if (snapshot.openError !== null) void loadSession();
  }, [snapshot.openError, loadSession]);

  // Events from the service: another process or window changed something.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribe((event) => {
      if (event.type === 'save-status') workbench.serviceSaveStatus(event.pending, event.error);
      else if (event.type === 'project-changed') void loadSession();
      // This window's own edits update the list as they are answered; only others' need a fetch.
      else if (event.docIds.some((id) => id !== workbench.getSnapshot().document?.id)) {
        clearTimeout(timer);
        timer = setTimeout(() => void loadDocuments(), LIST_REFRESH_DELAY_MS);
      }
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [subscribe, workbench, loadSession, loadDocuments]);

  const needsName = session !== null && session.annotator === null;
  const needsProject = session !== null && !needsName && project === null;
  const dialogOpen = needsName || needsProject || dialog !== null;
  // The window-level key handler is registered once and reads the newest values from here.
  const latest = useRef({ documents, labels, dialogOpen });
  useEffect(() => {
    latest.current = { documents, labels, dialogOpen };
  });

  const openNeighbour = useCallback(
    (step: 1 | -1) => {
      const ids = latest.current.documents.map((doc) => doc.id);
      const next = neighbourId(ids, workbench.getSnapshot().requestedId, step);
      if (next) void workbench.open(next);
      else workbench.say(step === 1 ? 'This is the last document.' : 'This is the first document.', 'info');
    },
    [workbench],
  );

  useEffect(() => {
    const run = (action: KeyAction) => {
      switch (action.kind) {
        case 'label':
          return workbench.applyLabel(action.label);
        case 'remove-span':
          return workbench.removeSelected();
        case 'deselect':
          return workbench.deselect();
        case 'undo':
          return workbench.undo();
        case 'redo':
          return workbench.redo();
        case 'toggle-done':
          return workbench.toggleDone();
        case 'open-document':
          return openNeighbour(action.step);
        case 'extend-selection':
          return; // The article handles it while it has focus.
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || latest.current.dialogOpen || isTypingTarget(event.target)) return;
      const action = actionForKey(event, latest.current.labels);
      if (!action || action.kind === 'extend-selection') return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workbench, openNeighbour]);

  const chooseAnnotator = async (name: string) => {
    setSession(await api.setAnnotator(name));
    setDialog(null);
  };
  const openProject = async (dir: string) => {
    setSession(await api.openProject(dir));
    setDialog(null);
  };
  const createProject = async (dir: string, name: string) => {
    setSession(await api.createProject(dir, name));
    setDialog(null);
  };

  if (fatal) {
    return (
      <div className="sw-fatal" role="alert">
        <h1>Spanwise cannot reach its service</h1>
        <p>{fatal}</p>
      </div>
    );
  }
  if (!session) return <div className="sw-starting">Starting…</div>;

  const selectedSpan = snapshot.spans.find((span) => span.id === snapshot.selectedSpanId) ?? null;
  return (
    <div className="sw-app">
      <Header session={session} onProjects={() => setDialog('projects')} onAnnotator={() => setDialog('name')} />
      {session.problems.length > 0 && <ProblemsBanner problems={session.problems} />}
      {session.readOnly && (
        <div className="sw-banner sw-banner-warning" data-testid="read-only">
          <strong>Read-only.</strong> {session.readOnlyReason ?? 'Another Spanwise has this project open.'} You can read
          and browse; tagging is switched off so nothing of theirs is overwritten.
        </div>
      )}
      <main className="sw-main">
        <DocumentList
          documents={documents}
          currentId={snapshot.requestedId}
          loadingId={snapshot.loadingId}
          onOpen={(docId) => void workbench.open(docId)}
        />
        <EditorPane workbench={workbench} snapshot={snapshot} readOnly={readOnly} />
        <LabelPanel labels={labels} selectedSpan={selectedSpan} workbench={workbench} readOnly={readOnly} />
      </main>
      <StatusBar snapshot={snapshot} />

      {(needsName || dialog === 'name') && (
        <NamePrompt
          current={session.annotator}
          known={session.annotators}
          onSave={chooseAnnotator}
          onCancel={needsName ? undefined : () => setDialog(null)}
        />
      )}
      {!needsName && (needsProject || dialog === 'projects') && (
        <ProjectPicker
          recent={session.recentProjects}
          currentDir={projectDir}
          onOpen={openProject}
          onCreate={createProject}
          onCancel={needsProject ? undefined : () => setDialog(null)}
        />
      )}
    </div>
  );
}
