import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import { formatCount, formatDuration, spansPerDay, type ProjectStats } from '../../shared/statistics';
import type { LabelDef } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { DayColumns, LabelBars, ProgressBar } from './Charts';

interface StatisticsScreenProps {
  api: SpanwiseApi;
  labels: readonly LabelDef[];
  onClose: () => void;
}

/** How many documents the time table lists. */
const TIMED_DOCUMENTS_SHOWN = 15;

/** Corpus progress, each annotator's work, spans per label and per day, time per document. */
export function StatisticsScreen({ api, labels, onClose }: StatisticsScreenProps) {
  const [stats, setStats] = useState<ProjectStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const root = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setStats(await api.getStatistics());
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    void load();
    // The screen takes the keyboard, so Esc and Tab work here at once.
    root.current?.focus();
  }, [load]);

  const annotators = stats?.layers.filter((layer) => layer.kind === 'annotator') ?? [];
  const others = stats?.layers.filter((layer) => layer.kind !== 'annotator') ?? [];
  const labelNames = stats ? Object.keys(stats.spansByLabel) : [];

  return (
    <main ref={root} className="sw-screen" tabIndex={-1} aria-labelledby="sw-statistics-title" data-testid="statistics-screen">
      <div className="sw-screen-head">
        <h1 id="sw-statistics-title">Progress and statistics</h1>
        <span className="sw-spacer" />
        <button type="button" onClick={() => void load()} disabled={loading} data-testid="refresh-statistics">
          {loading ? 'Counting…' : 'Count again'}
        </button>
        <button type="button" onClick={onClose} title="Back to annotating (Esc)">
          Back to annotating <kbd>Esc</kbd>
        </button>
      </div>
      {error && (
        <p className="sw-error" role="alert">
          The statistics could not be counted: {error}
        </p>
      )}
      {!stats && !error && (
        <div className="sw-screen-body" aria-busy="true">
          <p className="sw-help" data-testid="statistics-counting">
            Counting every annotator's spans and time across the project's documents; a large project takes a few seconds.
          </p>
        </div>
      )}
      {stats && (
        <div className="sw-screen-body">
          <section className="sw-card sw-card-wide">
            <h2>Corpus progress</h2>
            <p className="sw-help">
              {formatCount(stats.documents)} documents. A document counts as done when an annotator marked it done, in progress when someone has
              worked on it.
            </p>
            <ProgressBar progress={stats.progress} />
          </section>

          <section className="sw-card">
            <h2>Annotators</h2>
            {annotators.length === 0 ? (
              <p className="sw-help">Nobody has tagged anything yet.</p>
            ) : (
              <table className="sw-table" data-testid="annotator-table">
                <thead>
                  <tr>
                    <th scope="col">Annotator</th>
                    <th scope="col">Done</th>
                    <th scope="col">In progress</th>
                    <th scope="col">Spans</th>
                    <th scope="col">Time</th>
                  </tr>
                </thead>
                <tbody>
                  {[...annotators, ...others].map((layer) => (
                    <tr key={layer.layer} className={layer.kind === 'annotator' ? undefined : 'sw-row-quiet'}>
                      <th scope="row" title={layer.layer}>
                        {layer.name}
                        {layer.kind !== 'annotator' && <span className="sw-muted"> ({layer.kind})</span>}
                      </th>
                      <td>{formatCount(layer.documentsByStatus.done)}</td>
                      <td>{formatCount(layer.documentsByStatus['in-progress'])}</td>
                      <td>{formatCount(layer.spans)}</td>
                      <td>{formatDuration(layer.timeSpentMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="sw-card">
            <h2>Spans per label</h2>
            <LabelBars counts={stats.spansByLabel} labels={labels} />
            {stats.layers.length > 0 && (
              <table className="sw-table sw-table-compact" data-testid="label-table">
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    {stats.layers.map((layer) => (
                      <th key={layer.layer} scope="col" title={layer.layer}>
                        {layer.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {labelNames.map((label) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      {stats.layers.map((layer) => (
                        <td key={layer.layer}>{formatCount(layer.spansByLabel[label] ?? 0)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="sw-card sw-card-wide">
            <h2>Work over time</h2>
            {annotators.some((layer) => layer.spans > 0) ? (
              <>
                <p className="sw-help">Spans made per day, by every annotator (UTC days).</p>
                <DayColumns series={spansPerDay(annotators)} />
              </>
            ) : (
              <p className="sw-help">No spans yet.</p>
            )}
          </section>

          <section className="sw-card sw-card-wide">
            <h2>Time per document</h2>
            <p className="sw-help">
              Active time in the editor: the document open, the window in front and a key, click or scroll in the last minute; summed over
              the annotators.
            </p>
            {stats.documentTimes.length === 0 ? (
              <p className="sw-help">No time recorded yet.</p>
            ) : (
              <table className="sw-table" data-testid="time-table">
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Time</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.documentTimes.slice(0, TIMED_DOCUMENTS_SHOWN).map((entry) => (
                    <tr key={entry.docId}>
                      <th scope="row" className="sw-cell-title" dir="auto">
                        {entry.title}
                      </th>
                      <td>{formatDuration(entry.timeSpentMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {stats.problems.length > 0 && (
            <section className="sw-card sw-card-wide">
              <h2>Not counted</h2>
              <ul className="sw-problem-list">
                {stats.problems.map((problem) => (
                  <li key={problem.file}>
                    <code>{problem.file}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </main>
  );
}
