import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import type { Agreement, PairAgreement } from '../../shared/agreement';
import { formatScore, type AgreementOverview, type ReviewAnnotator } from '../../shared/review';
import type { DocumentSummary, LabelDef } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { labelClass } from '../editor/labelStyles';
import { documentRows, sortRows, type DocumentSortKey, type SortDirection } from '../review/documentTable';
import { REVIEW_TEXT } from '../review/status';
import '../review/review.css';

interface AgreementViewProps {
  api: SpanwiseApi;
  labels: readonly LabelDef[];
  /** The document list, for titles and review status; a new list means the figures may have changed. */
  documents: readonly DocumentSummary[];
  onReview: (docId: string) => void;
}

const COLUMNS: ReadonlyArray<[DocumentSortKey, string]> = [
  ['title', 'Document'],
  ['annotators', 'Annotators'],
  ['meanF1', 'Mean F1'],
  ['review', 'Review'],
];

/**
 * How far the annotators agree: the coefficients over the corpus, the matrix of pairs (F1 exact
 * and overlap, Cohen's kappa), the figures per label of the pair chosen in the matrix, and the
 * documents, least agreement first; a document's title opens its review.
 */
export function AgreementView({ api, labels, documents, onReview }: AgreementViewProps) {
  const [overview, setOverview] = useState<AgreementOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pairIndex, setPairIndex] = useState(0);
  const [sort, setSort] = useState<{ key: DocumentSortKey; direction: SortDirection }>({ key: 'meanF1', direction: 'ascending' });

  useEffect(() => {
    let stale = false;
    api.getAgreement().then(
      (result) => !stale && (setOverview(result), setError(null)),
      (failure: unknown) => !stale && setError(errorMessage(failure)),
    );
    return () => {
      stale = true;
    };
  }, [api, documents]);

  const rows = useMemo(
    () => (overview ? sortRows(documentRows(overview.report.perDocument, documents), sort.key, sort.direction) : []),
    [overview, documents, sort],
  );

  if (error) {
    return (
      <main className="ag-screen" data-testid="agreement-screen">
        <p className="sw-error" role="alert">
          The agreement could not be worked out: {error}
        </p>
      </main>
    );
  }
  if (!overview) {
    return (
      <main className="ag-screen" data-testid="agreement-screen">
        <p className="sw-muted">Working out the agreement…</p>
      </main>
    );
  }

  const { annotators, report } = overview;
  const pair = report.pairs[pairIndex] ?? report.pairs[0];
  const byId = new Map(annotators.map((a) => [a.id, a]));
  const pairName = (p: PairAgreement) => `${nameOf(byId.get(p.a), p.a)} and ${nameOf(byId.get(p.b), p.b)}`;
  const sortBy = (key: DocumentSortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <main className="ag-screen" data-testid="agreement-screen">
      <div className="ag-content">
        <div className="ag-head">
          <h1>Agreement</h1>
          <span className="sw-muted">
            {annotators.length} annotators · {report.perDocument.length} documents with two or more · definitions in docs/agreement.md
          </span>
        </div>

        {report.pairs.length === 0 ? (
          <p className="sw-empty-note">
            Agreement needs two annotators who worked on the same documents. Bring in others’ work with <code>spanwise merge</code>.
          </p>
        ) : (
          <>
            <div className="ag-figures">
              <Figure name="Fleiss’ κ" value={report.fleiss} note={annotators.length < 3 ? 'needs three annotators' : 'documents all worked on'} />
              <Figure name="Krippendorff’s α" value={report.alpha} note="nominal, over tokens" />
              <Figure name="Mean F1, exact" value={mean(report.pairs.map((p) => p.exact.f1))} note="over the pairs" />
              <Figure name="Mean F1, overlap" value={mean(report.pairs.map((p) => p.overlap.f1))} note="over the pairs" />
            </div>

            <div className="ag-columns">
              <section aria-labelledby="ag-pairs">
                <h2 id="ag-pairs">Pairs</h2>
                <table className="ag-table" data-testid="agreement-matrix">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="sw-muted">F1 exact, overlap; κ</span>
                      </th>
                      {annotators.map((a) => (
                        <th key={a.id} scope="col" title={a.name}>
                          {a.initials}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {annotators.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">
                          <span className="rv-initials">{row.initials}</span> {row.name}
                        </th>
                        {annotators.map((column) => {
                          if (column.id === row.id) return <td key={column.id} className="sw-muted">—</td>;
                          const index = report.pairs.findIndex((p) => (p.a === row.id && p.b === column.id) || (p.a === column.id && p.b === row.id));
                          const cell = report.pairs[index];
                          return (
                            <td key={column.id}>
                              <button
                                type="button"
                                className="ag-cell"
                                style={{ '--ag-score': cell.exact.f1 ?? 0 } as CSSProperties}
                                aria-pressed={index === pairIndex}
                                onClick={() => setPairIndex(index)}
                                title={`${pairName(cell)}: ${cell.documents} documents in common; show their figures per label`}
                                data-testid="agreement-cell"
                              >
                                <strong>{formatScore(cell.exact.f1)}</strong>
                                <span>overlap {formatScore(cell.overlap.f1)}</span>
                                <span>κ {formatScore(cell.kappa)}</span>
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="ag-note">F1 is symmetric; κ is Cohen’s, token by token. Choose a cell for its figures per label.</p>
              </section>

              <section aria-labelledby="ag-labels">
                <h2 id="ag-labels">Per label: {pairName(pair)}</h2>
                <table className="ag-table" data-testid="agreement-labels">
                  <thead>
                    <tr>
                      <th scope="col">Label</th>
                      <th scope="col">P</th>
                      <th scope="col">R</th>
                      <th scope="col">F1 exact</th>
                      <th scope="col">F1 overlap</th>
                      <th scope="col">κ</th>
                    </tr>
                  </thead>
                  <tbody>
                    <LabelRow name="All labels" agreement={pair} />
                    {report.labels.map((label) => (
                      <LabelRow key={label} name={label} agreement={pair.perLabel[label]} pillClass={labelClass(labels, label)} />
                    ))}
                  </tbody>
                </table>
                <p className="ag-note">
                  Precision and recall take {nameOf(byId.get(pair.a), pair.a)} as the reference, over {pair.documents} documents both worked on.
                </p>
              </section>
            </div>
          </>
        )}

        <section aria-labelledby="ag-documents">
          <h2 id="ag-documents">Documents, least agreement first</h2>
          <table className="ag-table" data-testid="agreement-documents">
            <thead>
              <tr>
                {COLUMNS.map(([key, title]) => (
                  <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : 'none'}>
                    <button type="button" onClick={() => sortBy(key)} title={`Sort by ${title.toLowerCase()}`}>
                      {title}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="agreement-document" data-doc-id={row.id}>
                  <td>
                    <button type="button" className="ag-doc-link" onClick={() => onReview(row.id)} title="Review this document">
                      {row.title}
                    </button>
                  </td>
                  <td>{row.annotators}</td>
                  <td>{formatScore(row.meanF1)}</td>
                  <td>
                    <span className={`sw-review sw-review-${row.review}`}>{REVIEW_TEXT[row.review]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="ag-note">No document has two annotators yet.</p>}
        </section>
      </div>
    </main>
  );
}

function Figure({ name, value, note }: { name: string; value: number | null; note: string }) {
  return (
    <div className="ag-figure">
      {name}
      <strong>{formatScore(value)}</strong>
      {note}
    </div>
  );
}

function LabelRow({ name, agreement, pillClass }: { name: string; agreement: Agreement; pillClass?: string }) {
  return (
    <tr>
      <th scope="row">{pillClass ? <span className={`sw-label-pill ${pillClass}`}>{name}</span> : <strong>{name}</strong>}</th>
      <td>{formatScore(agreement.exact.precision)}</td>
      <td>{formatScore(agreement.exact.recall)}</td>
      <td>{formatScore(agreement.exact.f1)}</td>
      <td>{formatScore(agreement.overlap.f1)}</td>
      <td>{formatScore(agreement.kappa)}</td>
    </tr>
  );
}

function nameOf(annotator: ReviewAnnotator | undefined, id: string): string {
  return annotator?.name ?? id;
}

/** The mean of the defined values, or null when none is. */
function mean(values: ReadonlyArray<number | null>): number | null {
  const defined = values.filter((value): value is number => value !== null);
  return defined.length === 0 ? null : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}
