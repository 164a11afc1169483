import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiEvent, SpanwiseApi } from '../../shared/api';
import { layerDocumentFile } from '../../shared/projectFiles';
import type { DocumentSummary, Session } from '../../shared/types';
import { TimeRecorder, windowHost } from '../app/activeTime';
import { actionForKey, chordText, isTypingTarget, type KeyAction, type KeyPlace, type ReviewCommand, type ScreenName } from '../app/keys';
import { Finder } from '../app/finder';
import { neighbourId } from '../app/navigation';
import { SuggestionTray } from '../app/suggestionTray';
import { listKey, type StartupCalls } from '../app/startup';
import { Workbench, type DocumentProgress } from '../app/workbench';
import { installLabelStyles } from '../editor/labelStyles';
import { CorpusSearch, EMPTY_SEARCH, type CorpusSearchForm } from './CorpusSearch';
import { DocumentList } from './DocumentList';
import { EditorPane } from './EditorPane';
import { FindBar } from './FindBar';
import { Header } from './Header';
import { LabelPanel } from './LabelPanel';
import type { ScreenHooks } from './LabelSchemaScreen';
import { lazyComponent } from './lazyComponent';
import { NamePrompt } from './NamePrompt';
import { OccurrencesDialog } from './OccurrencesDialog';
import { ProblemsBanner } from './ProblemsBanner';
import { ProjectPicker } from './ProjectPicker';
import { RestoreDialog } from './RestoreDialog';
import type { ReviewStart } from './ReviewScreen';
import { ShortcutSheet } from './ShortcutSheet';
import { StatusBar } from './StatusBar';
import { TransferDialogs, useTransferTriggers, type TransferState } from './Transfer';
import { SuggestionBar } from './SuggestionBar';
import { errorMessage } from '../app/errorMessage';

const AgreementView = lazyComponent(() => import('./AgreementView'), 'AgreementView');
const LabelSchemaScreen = lazyComponent(() => import('./LabelSchemaScreen'), 'LabelSchemaScreen');
const ReviewScreen = lazyComponent(() => import('./ReviewScreen'), 'ReviewScreen');
const StatisticsScreen = lazyComponent(() => import('./StatisticsScreen'), 'StatisticsScreen');

export interface AppProps {
  api: SpanwiseApi;
  subscribe: (listener: (event: ApiEvent) => void) => () => void;
  /** The calls this start of the window has already sent. */
  startup: StartupCalls;
}

/** Wait this long after the last "documents changed" before fetching the list again. */
const LIST_REFRESH_DELAY_MS = 400;

const NO_LABELS: never[] = [];

/** The whole app: session, document list, article, labels, and the keyboard. */
export function App({ api, subscribe, startup }: AppProps) {
  const [session, setSession] = useState<Session | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [dialog, setDialog] = useState<'name' | 'projects' | 'shortcuts' | 'search' | null>(null);
  const [transfer, setTransfer] = useState<TransferState | null>(null);
  /** The project file whose backups are on offer, and whether the project could not use it. */
  const [restoring, setRestoring] = useState<{ file: string; unreadable: boolean } | null>(null);
  /** A folder the desktop File menu could not open for its unreadable manifest, for the picker to offer backups of. */
  const [unopened, setUnopened] = useState<{ dir: string; reason: string } | null>(null);
  /** What Enter in the article calls to move the keyboard into the selected span's attributes. */
  const attributeFocus = useRef<(() => void) | null>(null);
  const [screen, setScreen] = useState<ScreenName>('annotate');
  /** Set by a screen that edits something: asks before it is left, applies on Ctrl+Enter. */
  const screenHooks = useRef<ScreenHooks | null>(null);
  const goTo = useCallback((next: ScreenName) => {
    if (screenHooks.current && !screenHooks.current.canLeave()) return;
    setScreen(next);
  }, []);
  /** The document the review screen shows when it opens: the one reviewed last, or one picked elsewhere. */
  const reviewStart = useRef<ReviewStart | null>(null);
  const reviewCommands = useRef<((command: ReviewCommand) => void) | null>(null);
  const [needsReviewOnly, setNeedsReviewOnly] = useState(false);
  const reviewFilter = { on: needsReviewOnly, toggle: () => setNeedsReviewOnly((on) => !on), key: chordText('f') };
  const openReview = useCallback(
    (docId: string) => {
      reviewStart.current = { docId };
      goTo('review');
    },
    [goTo],
  );
  const rememberReviewed = useCallback((docId: string) => {
    reviewStart.current = { docId };
  }, []);

  const updateProgress = useCallback((docId: string, progress: DocumentProgress) => {
    setDocuments((list) => list.map((doc) => (doc.id === docId ? { ...doc, ...progress } : doc)));
  }, []);
  const workbench = useMemo(() => new Workbench(api, updateProgress), [api, updateProgress]);
  const snapshot = useSyncExternalStore(workbench.subscribe, workbench.getSnapshot);
  const tray = useMemo(() => new SuggestionTray(api, workbench), [api, workbench]);
  const traySnapshot = useSyncExternalStore(tray.subscribe, tray.getSnapshot);
  const finder = useMemo(() => new Finder(workbench), [workbench]);
  const finderSnapshot = useSyncExternalStore(finder.subscribe, finder.getSnapshot);
  const [searchForm, setSearchForm] = useState<CorpusSearchForm>(EMPTY_SEARCH);
  useEffect(() => tray.follow(), [tray]);
  useEffect(() => finder.follow(), [finder]);

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

  /** After the project's files changed under the open views: fetch the list and the open document again. */
  const reloadDocuments = useCallback(async () => {
    const openId = workbench.getSnapshot().requestedId;
    await Promise.all([loadDocuments(), openId ? workbench.open(openId) : undefined]);
  }, [loadDocuments, workbench]);

  const loadSession = useCallback(
    async (asked?: Promise<Session>) => {
      try {
        setSession(await (asked ?? api.getSession()));
      } catch (error) {
        setFatal(errorMessage(error));
      }
    },
    [api],
  );

  useEffect(() => {
    void loadSession(startup.session);
  }, [startup, loadSession]);

  /** Whether the first listing has had its chance to use what the start of the window fetched. */
  const startupTaken = useRef(false);

  // The annotator and the project decide which layer and which documents are on show.
  const projectDir = project?.dir ?? null;
  const annotatorId = session?.annotator?.id ?? null;
  useEffect(() => {
    // After switching annotators the same article stays open, now with their spans.
    const previousId = workbench.getSnapshot().requestedId;
    workbench.close();
    setDocuments([]);
    if (projectDir === null || annotatorId === null) return;
    const fetched = startupTaken.current ? null : startup.opening;
    startupTaken.current = true;
    let stale = false;
    void (async () => {
      try {
        const opening = await fetched;
        const usable = opening?.key === listKey(projectDir, annotatorId) && !opening.outdated() ? opening : null;
        const list = usable?.list ?? (await api.listDocuments());
        if (stale) return;
        setDocuments(list);
        // Shown at once, and fetched again for what the service said before the window could hear it.
        if (usable?.resumed()) setTimeout(() => {
          if (!stale) void loadDocuments();
        }, LIST_REFRESH_DELAY_MS);
        const first = list.find((doc) => doc.id === previousId) ?? list[0];
        if (first) void workbench.open(first.id, usable?.first?.id === first.id ? usable.first.view : undefined);
      } catch (error) {
        if (!stale) workbench.say(`Could not list the documents: ${errorMessage(error)}`, 'error');
      }
    })();
    return () => {
      stale = true;
    };
  }, [api, workbench, projectDir, annotatorId, startup, loadDocuments]);

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
      else if (event.type === 'project-changed' || event.type === 'events-resumed') void loadSession();
      else if (event.type === 'project-unreadable') {
        setUnopened({ dir: event.dir, reason: event.message });
        setDialog('projects');
      }
      // This window's own edits update the list as they are answered; only others' need a fetch
      // (and, on the review screen, the gold layer's: its status and agreement change with it).
      if (
        event.type === 'review-ready' ||
        event.type === 'events-resumed' ||
        (event.type === 'documents-changed' && (latest.current.screen === 'review' || event.docIds.some((id) => id !== workbench.getSnapshot().document?.id)))
      ) {
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
  const dialogOpen = needsName || needsProject || dialog !== null || transfer !== null || restoring !== null || traySnapshot.pendingCorpus !== null;
  const sayError = useCallback((message: string) => workbench.say(message, 'error'), [workbench]);
  const dragging = useTransferTriggers(
    subscribe,
    setTransfer,
    project !== null && !(needsName || needsProject || dialog !== null || transfer !== null || restoring !== null),
    sayError,
  );
  // The window-level key handler is registered once and reads the newest values from here.
  const latest = useRef({ documents, labels, dialogOpen, screen });
  useEffect(() => {
    latest.current = { documents, labels, dialogOpen, screen };
  });

  // Active time on the open document goes to the annotator's layer (see app/activeTime).
  const recorder = useRef<TimeRecorder | null>(null);
  const openDocId = snapshot.document?.id ?? null;
  useEffect(() => {
    if (readOnly || annotatorId === null) return;
    const current = new TimeRecorder(windowHost(window), (docId, ms) => {
      api.addTimeSpent(docId, ms).catch((error: unknown) => console.warn('Spanwise could not record the time spent', error));
    });
    recorder.current = current;
    return () => {
      current.stop();
      recorder.current = null;
    };
  }, [api, readOnly, annotatorId]);
  useEffect(() => {
    recorder.current?.open(screen === 'annotate' ? openDocId : null);
  }, [openDocId, screen, readOnly, annotatorId]);

  // Back from another screen, the keyboard is where the work is.
  useEffect(() => {
    if (screen === 'annotate') workbench.focusArticle();
  }, [screen, workbench]);

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
          tray.unfocus();
          return workbench.deselect();
        case 'undo':
          return workbench.undo();
        case 'redo':
          return workbench.redo();
        case 'toggle-done':
          return workbench.toggleDone();
        case 'open-document':
          return openNeighbour(action.step);
        case 'move-caret':
          return workbench.moveCaret(action.unit, action.direction, action.extend);
        case 'jump-to-span':
          return workbench.jumpToSpan(action.step);
        case 'edit-attributes':
          if (attributeFocus.current) return attributeFocus.current();
          return workbench.say('Select a span first (Tab, or a click) to edit its attributes.', 'info');
        case 'show-shortcuts':
          return setDialog('shortcuts');
        case 'jump-to-suggestion':
          return tray.step(action.step);
        case 'accept-suggestion':
          return tray.accept();
        case 'reject-suggestion':
          return tray.reject();
        case 'toggle-suggestions':
          return tray.toggleVisible();
        case 'tag-occurrences':
          return void tray.tagOccurrences(action.scope);
        case 'find':
          return finder.open();
        case 'search-corpus':
          return setDialog('search');
        case 'open-dialog':
          return setTransfer(action.dialog === 'import' ? { kind: 'import', seed: { paths: [] } } : { kind: 'export' });
        case 'open-screen':
          return goTo(action.screen);
        case 'apply-labels':
          return screenHooks.current?.apply();
        case 'review':
          return reviewCommands.current?.(action.command);
        case 'filter-needs-review':
          return setNeedsReviewOnly((on) => !on);
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || latest.current.dialogOpen || isTypingTarget(event.target)) return;
      const { screen: shown } = latest.current;
      const place = shown === 'annotate' ? keyPlace(event.target) : shown === 'review' ? 'review' : 'other-screen';
      const action = actionForKey(event, latest.current.labels, place, tray.focused() !== null);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workbench, openNeighbour, tray, finder, goTo]);

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
      <Header
        session={session}
        screen={screen}
        onScreen={goTo}
        onProjects={() => setDialog('projects')}
        onAnnotator={() => setDialog('name')}
        onImport={() => setTransfer({ kind: 'import', seed: { paths: [] } })}
        onExport={() => setTransfer({ kind: 'export' })}
      />
      {session.problems.length > 0 && (
        <ProblemsBanner problems={session.problems} projectOpen={project !== null} onRestore={readOnly ? undefined : ({ file }) => setRestoring({ file, unreadable: true })} />
      )}
      {session.readOnly && (
        <div className="sw-banner sw-banner-warning" data-testid="read-only">
          <strong>Read-only.</strong> {session.readOnlyReason ?? 'Another Spanwise has this project open.'} You can read
          and browse; tagging is switched off so nothing of theirs is overwritten.
        </div>
      )}
      {screen === 'statistics' && <StatisticsScreen api={api} labels={labels} onClose={() => goTo('annotate')} />}
      {screen === 'labels' && (
        <LabelSchemaScreen
          api={api}
          labels={labels}
          readOnly={readOnly}
          hooks={screenHooks}
          onClose={() => goTo('annotate')}
          onSaved={() => {
            // Spans may have been renamed or removed: show the open document and the list afresh.
            void loadSession();
            void reloadDocuments();
          }}
        />
      )}
      {screen === 'agreement' && <AgreementView api={api} labels={labels} documents={documents} onReview={openReview} />}
      {screen === 'review' && (
        <ReviewScreen
          api={api}
          labels={labels}
          annotatorId={annotatorId ?? ''}
          readOnlyReason={readOnly ? (session.readOnlyReason ?? 'another Spanwise has this project open') : null}
          start={reviewStart.current}
          commands={reviewCommands}
          onDocument={rememberReviewed}
          documentList={(currentId, loadingId, onOpen) => (
            <DocumentList documents={documents} currentId={currentId} loadingId={loadingId} onOpen={onOpen} reviewFilter={reviewFilter} />
          )}
        />
      )}
      {/* Kept while another screen is on show, so the article keeps its place and selection. */}
      <main className="sw-main" hidden={screen !== 'annotate'}>
        <DocumentList
          documents={documents}
          currentId={snapshot.requestedId}
          loadingId={snapshot.loadingId}
          onOpen={(docId) => void workbench.open(docId)}
          reviewFilter={reviewFilter}
        />
        <EditorPane
          workbench={workbench}
          snapshot={snapshot}
          readOnly={readOnly}
          tray={tray}
          finder={finder}
          onRestore={
            readOnly || annotatorId === null || !snapshot.document
              ? undefined
              : () => setRestoring({ file: layerDocumentFile(annotatorId, snapshot.document!.id), unreadable: false })
          }
          bars={
            snapshot.document && (
              <>
                <SuggestionBar tray={tray} snapshot={traySnapshot} labels={labels} selectedSpan={selectedSpan} readOnly={readOnly} />
                {finderSnapshot.open && <FindBar finder={finder} snapshot={finderSnapshot} />}
              </>
            )
          }
        />
        <LabelPanel
          labels={labels}
          selectedSpan={selectedSpan}
          document={snapshot.document}
          workbench={workbench}
          readOnly={readOnly}
          attributeFocus={attributeFocus}
          onShowShortcuts={() => setDialog('shortcuts')}
        />
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
      {restoring && (
        <RestoreDialog
          api={api}
          file={restoring.file}
          unreadable={restoring.unreadable}
          beforeRestore={() => workbench.idle()}
          onClose={() => {
            setRestoring(null);
            workbench.focusArticle();
          }}
          onRestored={(restored) => {
            setSession(restored);
            setRestoring(null);
            workbench.focusArticle();
            // Said once the document is open again: opening it clears the status line.
            void reloadDocuments().then(() => workbench.say(`${restoring.file} was put back from its backup.`, 'info'));
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutSheet labels={labels} onClose={() => setDialog(null)} />}
      <TransferDialogs
        state={transfer}
        dragging={dragging}
        api={api}
        labels={labels}
        me={session.annotator}
        onClose={() => setTransfer(null)}
        onImported={() => void loadDocuments()}
      />
      {dialog === 'search' && (
        <CorpusSearch
          api={api}
          labels={labels}
          form={searchForm}
          onFormChange={setSearchForm}
          onJump={(hit) => {
            setDialog(null);
            void finder.reveal(hit, annotatorId);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {traySnapshot.pendingCorpus && (
        <OccurrencesDialog
          pending={traySnapshot.pendingCorpus}
          labels={labels}
          onConfirm={() => void tray.confirmCorpus()}
          onCancel={() => tray.cancelCorpus()}
        />
      )}
      {!needsName && (needsProject || dialog === 'projects') && (
        <ProjectPicker
          key={unopened?.dir}
          api={api}
          unopened={unopened}
          recent={session.recentProjects}
          currentDir={projectDir}
          onOpen={openProject}
          onCreate={createProject}
          onRestored={(restored) => {
            setSession(restored);
            setDialog(null);
            setUnopened(null);
          }}
          onCancel={
            needsProject
              ? undefined
              : () => {
                  setDialog(null);
                  setUnopened(null);
                }
          }
        />
      )}
    </div>
  );
}

/**
 * Where a key press happened: in the article (or with nothing focused, as after a click on the
 * page's background), or elsewhere on the annotation screen, where Tab and the arrows move
 * between controls as usual.
 */
function keyPlace(target: EventTarget | null): KeyPlace {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return 'article';
  if (target === document.body || target.closest('.sw-article')) return 'article';
  return 'annotating';
}
