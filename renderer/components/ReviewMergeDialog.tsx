import { useState, type FormEvent } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import type { MergeReport } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

interface ReviewMergeDialogProps {
  api: SpanwiseApi;
  onMerged: (report: MergeReport) => void;
  onClose: () => void;
}

/**
 * Bringing in other annotators' work: the path of their export file or project folder, a check
 * of what would happen (a dry run), then the merge itself, with its report.
 */
export function ReviewMergeDialog({ api, onMerged, onClose }: ReviewMergeDialogProps) {
  const [source, setSource] = useState('');
  const [addMissing, setAddMissing] = useState(false);
  const [report, setReport] = useState<MergeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.mergeLayers(source.trim(), { dryRun, addMissing });
      setReport(result);
      if (!dryRun) onMerged(result);
    } catch (failure) {
      setReport(null);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  return (
    <Dialog title="Bring in other annotators’ work" testId="merge-dialog" onClose={onClose}>
      <form className="sw-form" onSubmit={check}>
        <label className="sw-field">
          Their Spanwise export file, or their project folder (the full path)
          <input
            value={source}
            onChange={(event) => {
              setSource(event.target.value);
              setReport(null);
            }}
            placeholder="/home/omar/exports/omar.spanwise.json"
            data-testid="merge-source"
            spellCheck={false}
          />
        </label>
        <label className="rv-check">
          <input type="checkbox" checked={addMissing} onChange={(event) => setAddMissing(event.target.checked)} /> Add their documents this
          project does not have (otherwise they are skipped)
        </label>
        <p className="sw-help">
          Each of their annotators becomes a layer here, by annotator id. Merging an updated copy again replaces what changed; your own
          layer and gold are never written.
        </p>
        {error && (
          <p className="sw-error" role="alert">
            {error}
          </p>
        )}
        {report && <MergeSummary report={report} />}
        <div className="sw-actions">
          <button type="submit" disabled={busy || source.trim() === ''}>
            Check first
          </button>
          <button type="button" className="sw-primary" disabled={busy || source.trim() === ''} onClick={() => void run(false)} data-testid="merge-run">
            Merge
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MergeSummary({ report }: { report: MergeReport }) {
  const lists: Array<[string, string[]]> = [
    ['Layers left out', report.skippedLayers.map((layer) => `${layer.name}: ${layer.reason}`)],
    ['Not merged: their text differs from this project’s', report.mismatched.map((doc) => doc.title)],
    ['Skipped: documents this project does not have', report.missing.map((doc) => doc.title)],
    [report.dryRun ? 'Documents to add' : 'Documents added', report.added.map((doc) => doc.title)],
    ['Could not use', report.problems.map((problem) => `${problem.file}: ${problem.message}`)],
  ];
  return (
    <div className="rv-merge-report" role="status" data-testid="merge-report">
      <strong>{report.dryRun ? 'Merging would bring in:' : 'Merged:'}</strong>
      <ul>
        {report.layers.length === 0 && <li>No annotator layer.</li>}
        {report.layers.map((layer) => (
          <li key={layer.id}>
            {layer.name}: {layer.written} document{layer.written === 1 ? '' : 's'} {report.dryRun ? 'to write' : 'written'}, {layer.unchanged}{' '}
            unchanged
          </li>
        ))}
      </ul>
      {lists
        .filter(([, entries]) => entries.length > 0)
        .map(([title, entries]) => (
          <details key={title}>
            <summary>
              {title} ({entries.length})
            </summary>
            <ul>
              {entries.map((entry) => (
                <li key={entry}>{entry}</li>
              ))}
            </ul>
          </details>
        ))}
    </div>
  );
}
