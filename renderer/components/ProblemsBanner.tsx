import { MANIFEST_FILE } from '../../shared/projectFiles';
import type { FileProblem } from '../../shared/types';

interface ProblemsBannerProps {
  problems: readonly FileProblem[];
  /** False when no project is open: the problems are then why the projects tried would not open. */
  projectOpen: boolean;
  /** Offer to put back a backup of this file; absent while the project cannot be written. */
  onRestore?: (problem: FileProblem) => void;
}

/** Files of the project that could not be read: named, with the reason, never hidden. */
export function ProblemsBanner({ problems, projectOpen, onRestore }: ProblemsBannerProps) {
  const count = problems.length;
  return (
    <div className="sw-banner sw-banner-problem" role="alert" data-testid="problems">
      {projectOpen ? (
        <>
          <strong>
            {count === 1 ? 'One file of this project could not be read' : `${count} files of this project could not be read`}
          </strong>{' '}
          — the project opened without {count === 1 ? 'it' : 'them'}, and {count === 1 ? 'it was' : 'they were'} left as
          found (the last good copies are in <code>.spanwise/backups/</code>).
        </>
      ) : (
        <>
          <strong>No project could be opened</strong> — open one from the list; one whose{' '}
          <code>{MANIFEST_FILE}</code> cannot be read offers its backups there.
        </>
      )}
      <ul className="sw-problem-list">
        {problems.map((problem) => (
          <li key={problem.file} data-testid="problem" data-file={problem.file}>
            <code>{problem.file}</code>
            {/* Messages usually start with the file name already; it is shown once. */}
            {problem.message.startsWith(problem.file) ? problem.message.slice(problem.file.length) : `: ${problem.message}`}
            {problem.restorable && onRestore && (
              <>
                {' '}
                <button type="button" className="sw-banner-action" data-testid="restore-open" onClick={() => onRestore(problem)}>
                  Restore a backup…
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
