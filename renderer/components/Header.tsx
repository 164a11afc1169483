import type { Session } from '../../shared/types';
import { chordText, KEY_BINDINGS, type ScreenName } from '../app/keys';

interface HeaderProps {
  session: Session;
  /** The screen on show, and how to show another. */
  screen: ScreenName;
  onScreen: (screen: ScreenName) => void;
  onProjects: () => void;
  onAnnotator: () => void;
  onImport: () => void;
  onExport: () => void;
}

/** The screens the header offers, with their names. */
const SCREENS: Array<{ screen: ScreenName; name: string }> = [
  { screen: 'annotate', name: 'Annotate' },
  { screen: 'statistics', name: 'Statistics' },
  { screen: 'labels', name: 'Labels' },
  { screen: 'agreement', name: 'Agreement' },
  { screen: 'review', name: 'Review' },
];

/** The key that opens a screen, from the key table. */
function screenKey(screen: ScreenName): string | undefined {
  const binding = KEY_BINDINGS.find((each) => each.scope === 'everywhere' && each.actions.some((action) => action.kind === 'open-screen' && action.screen === screen));
  return binding && chordText(binding.chords[0]!);
}

/** The key that opens the import or export dialog, from the key table. */
function dialogKey(dialog: 'import' | 'export'): string {
  const binding = KEY_BINDINGS.find((each) => each.actions.some((action) => action.kind === 'open-dialog' && action.dialog === dialog));
  return binding ? ` (${chordText(binding.chords[0]!)})` : '';
}

/** The top bar: which project is open, whether it is read-only, the screens, and who is annotating. */
export function Header({ session, screen, onScreen, onProjects, onAnnotator, onImport, onExport }: HeaderProps) {
  const { project, annotator } = session;
  return (
    <header className="sw-header">
      <span className="sw-brand">Spanwise</span>
      <button type="button" className="sw-header-button" data-testid="project-menu" onClick={onProjects} title={project?.dir ?? 'Open or create a project'}>
        <span className="sw-header-caption">Project</span>
        <span className="sw-project-name" data-testid="project-name">
          {project ? project.name : 'None open'}
        </span>
        <span aria-hidden="true" className="sw-caret">
          ▾
        </span>
      </button>
      {session.readOnly && (
        <span className="sw-badge sw-badge-warning" data-testid="read-only-badge">
          Read-only
        </span>
      )}
      {project && (
        <>
          <button type="button" className="sw-header-button" data-testid="import-open" onClick={onImport} disabled={session.readOnly} title={`Import articles and annotations${dialogKey('import')}`}>
            Import…
          </button>
          <button type="button" className="sw-header-button" data-testid="export-open" onClick={onExport} title={`Export a dataset${dialogKey('export')}`}>
            Export…
          </button>
        </>
      )}
      <span className="sw-spacer" />
      <nav className="sw-screens" aria-label="Screens">
        {SCREENS.map((entry) => {
          const key = screenKey(entry.screen);
          return (
            <button
              key={entry.screen}
              type="button"
              className="sw-screen-tab"
              data-testid={`screen-${entry.screen}`}
              aria-current={screen === entry.screen ? 'page' : undefined}
              onClick={() => onScreen(entry.screen)}
              title={key ? `${entry.name} (${key})` : entry.name}
            >
              {entry.name}
            </button>
          );
        })}
      </nav>
      <button type="button" className="sw-header-button" data-testid="annotator-display" onClick={onAnnotator} title="Switch annotator">
        <span className="sw-header-caption">Annotator</span>
        <span className="sw-annotator-name">{annotator?.name ?? 'Nobody'}</span>
        <span aria-hidden="true" className="sw-caret">
          ▾
        </span>
      </button>
    </header>
  );
}
