import type { Session } from '../../shared/types';

interface HeaderProps {
  session: Session;
  onProjects: () => void;
  onAnnotator: () => void;
}

/** The top bar: which project is open, whether it is read-only, and who is annotating. */
export function Header({ session, onProjects, onAnnotator }: HeaderProps) {
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
      <span className="sw-spacer" />
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
