import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import { FORMATS } from '../../shared/formats/index';
import type { FileImportReport, ImportFormat, ImportOptions, ImportPreview, UploadedFile } from '../../shared/importing';
import type { Annotator, LabelDef } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

/** What the dialog starts from: paths (typed, or picked in the desktop File menu) or dropped files. */
export type ImportSeed = { paths: string[] } | { files: UploadedFile[] };

interface ImportDialogProps {
  api: SpanwiseApi;
  labels: readonly LabelDef[];
  me: Annotator | null;
  seed: ImportSeed;
  onClose: () => void;
  /** After an import that added something, so the document list is fetched again. */
  onImported: () => void;
}

const FORMAT_CHOICES: Array<{ id: ImportFormat; name: string }> = [
  ...FORMATS.filter((format) => format.canImport).map((format) => ({ id: format.id, name: format.name })),
  { id: 'docx', name: 'Word document (.docx)' },
];

const DROP = '';
/** The choice that adds a foreign label to the schema: no label name holds a NUL, so none clashes with it. */
const ADD = '\u0000add';
const REPREVIEW_DELAY_MS = 250;

/**
 * Importing in three steps: what to read (paths, or the files dropped on the window), the
 * preview — per file what it holds, the labels to map, what would be dropped or is wrong —
 * and, once imported, the report. Nothing is written before the Import button.
 */
export function ImportDialog({ api, labels, me, seed, onClose, onImported }: ImportDialogProps) {
  const [pathsText, setPathsText] = useState('paths' in seed ? seed.paths.join('\n') : '');
  const files = 'files' in seed ? seed.files : null;
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [target, setTarget] = useState<'new' | 'mine'>('new');
  const [annotator, setAnnotator] = useState('');
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [newLabels, setNewLabels] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<FileImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useRef(0);

  const paths = pathsOf(pathsText);
  const options = useCallback(
    (withMapping: Record<string, string | null>, adding: string[]): ImportOptions => ({
      ...(format !== '' ? { format } : {}),
      ...(target === 'mine' && me ? { layer: me.id } : annotator.trim() !== '' ? { annotator: annotator.trim() } : {}),
      mapping: withMapping,
      ...(adding.length > 0 ? { newLabels: adding } : {}),
    }),
    [format, target, me, annotator],
  );

  const runPreview = useCallback(
    async (withMapping: Record<string, string | null>, adding: string[]) => {
      const mine = ++request.current;
      setBusy(true);
      setError(null);
      try {
        const result = files ? await api.previewContents(files, options(withMapping, adding)) : await api.previewImport(pathsOf(pathsText), options(withMapping, adding));
        if (mine === request.current) setPreview(result);
      } catch (failure) {
        if (mine === request.current) setError(errorMessage(failure));
      } finally {
        if (mine === request.current) setBusy(false);
      }
    },
    [api, files, options, pathsText],
  );

  // A changed mapping changes what is dropped and what overlaps: preview again.
  const mappingChanged = useRef(false);
  useEffect(() => {
    if (!mappingChanged.current) return;
    const timer = setTimeout(() => void runPreview(mapping, newLabels), REPREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [mapping, newLabels, runPreview]);

  const startPreview = (event: FormEvent) => {
    event.preventDefault();
    void runPreview(mapping, newLabels);
  };

  const runImport = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = files ? await api.importContents(files, options(mapping, newLabels)) : await api.importFiles(paths, options(mapping, newLabels));
      setReport(result);
      if (result.errors.length === 0) onImported();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const chooseTarget = (label: string, value: string) => {
    mappingChanged.current = true;
    setNewLabels((current) => (value === ADD ? [...current.filter((name) => name !== label), label] : current.filter((name) => name !== label)));
    if (value !== ADD) setMapping((current) => ({ ...current, [label]: value === DROP ? null : value }));
  };

  if (report) {
    return (
      <Dialog title="Import finished" testId="import-dialog" onClose={onClose} wide>
        <ImportReportView report={report} />
        <div className="sw-actions sw-transfer-actions">
          <button type="button" className="sw-primary" data-testid="import-close" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Import articles and annotations" testId="import-dialog" onClose={onClose} wide>
      {preview === null ? (
        <form className="sw-form" onSubmit={startPreview}>
          {files ? (
            <div className="sw-field">
              <span>Dropped files</span>
              <ul className="sw-transfer-files" data-testid="import-dropped">
                {files.map((file) => (
                  <li key={file.name} className="sw-path">
                    {file.name}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <label className="sw-field">
              <span>Files or folders, one full path a line (folders are read with everything inside them)</span>
              <textarea
                data-testid="import-paths"
                rows={4}
                value={pathsText}
                onChange={(event) => setPathsText(event.target.value)}
                placeholder={'/home/you/corpus/articles\n/home/you/Downloads/doccano.jsonl'}
                spellCheck={false}
              />
              <span className="sw-help">Or drop files and folders anywhere on this window.</span>
            </label>
          )}
          <label className="sw-field">
            <span>Format</span>
            <select data-testid="import-format" value={format} onChange={(event) => setFormat(event.target.value as ImportFormat | '')}>
              <option value="">Recognise each file by its name and content</option>
              {FORMAT_CHOICES.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="sw-field sw-transfer-choice">
            <legend>Spans of files that do not say whose they are (doccano, spaCy, brat, CoNLL) go to</legend>
            <label>
              <input type="radio" name="import-target" checked={target === 'new'} onChange={() => setTarget('new')} /> the annotator layer named{' '}
              <input
                data-testid="import-annotator"
                value={annotator}
                onChange={(event) => setAnnotator(event.target.value)}
                onFocus={() => setTarget('new')}
                placeholder="each file’s name"
                autoComplete="off"
              />
            </label>
            {me && (
              <label>
                <input type="radio" name="import-target" data-testid="import-into-mine" checked={target === 'mine'} onChange={() => setTarget('mine')} /> my own
                layer ({me.name})
              </label>
            )}
          </fieldset>
          {error && (
            <p className="sw-error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
          <div className="sw-actions">
            <button type="submit" className="sw-primary" data-testid="import-preview" disabled={busy || (!files && paths.length === 0)}>
              {busy ? 'Reading…' : 'Preview'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="sw-form" data-testid="import-preview-pane" aria-busy={busy}>
          <PreviewView preview={preview} labels={labels} mapping={mapping} adding={newLabels} onTarget={chooseTarget} />
          {error && (
            <p className="sw-error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
          <div className="sw-actions sw-transfer-actions">
            <button
              type="button"
              className="sw-primary"
              data-testid="import-confirm"
              disabled={busy || preview.errors.length > 0 || (preview.newDocuments === 0 && preview.layers.length === 0)}
              onClick={() => void runImport()}
            >
              {busy ? 'Working…' : `Import ${preview.newDocuments} document${preview.newDocuments === 1 ? '' : 's'}`}
            </button>
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              Back
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** "1 span will" / "3 spans will". */
function spansWill(count: number): string {
  return `${count} span${count === 1 ? '' : 's'} will`;
}

/** The paths typed, one a line. */
function pathsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

interface PreviewViewProps {
  preview: ImportPreview;
  labels: readonly LabelDef[];
  mapping: Record<string, string | null>;
  /** The foreign labels the user chose to add, shown at once rather than after the next preview. */
  adding: readonly string[];
  onTarget: (label: string, value: string) => void;
}

function PreviewView({ preview, labels, mapping, adding, onTarget }: PreviewViewProps) {
  const dropped = Object.entries(preview.dropped);
  return (
    <>
      <p data-testid="import-summary">
        <strong>{preview.newDocuments}</strong> new document{preview.newDocuments === 1 ? '' : 's'}
        {preview.duplicates.length > 0 && <>, {preview.duplicates.length} already in the project (not added again)</>}.
      </p>
      {preview.errors.length > 0 && (
        <div className="sw-error" role="alert" data-testid="import-errors">
          <strong>Nothing can be imported until these files are fixed or left out:</strong>
          <ul>
            {preview.errors.map((error) => (
              <li key={`${error.file}:${error.line ?? ''}:${error.message}`}>
                <span className="sw-path">
                  {error.file}
                  {error.line !== undefined && `:${error.line}`}
                </span>{' '}
                — {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <table className="sw-table sw-table-compact" data-testid="import-files">
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th>Documents</th>
            <th>Already here</th>
            <th>Spans</th>
          </tr>
        </thead>
        <tbody>
          {preview.files.map((file) => (
            <tr key={file.file} className={file.error ? 'sw-transfer-bad' : undefined}>
              <th className="sw-path">{file.file}</th>
              <td>{file.format ?? '—'}</td>
              <td>{file.error ? '—' : file.documents}</td>
              <td>{file.error ? '—' : file.duplicates}</td>
              <td title={Object.entries(file.spansByLabel).map(([label, count]) => `${label} ${count}`).join(', ')}>{file.error ? 'cannot be read' : file.spans}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.skipped.length > 0 && (
        <details className="sw-help">
          <summary>{preview.skipped.length} entries passed over</summary>
          <ul>
            {preview.skipped.map((entry) => (
              <li key={entry.file}>
                <span className="sw-path">{entry.file}</span> {entry.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.foreignLabels.length > 0 && (
        <section data-testid="import-mapping">
          <h3>Labels this project does not have</h3>
          <p className="sw-help">
            Choose the project label their spans become, add the label to the project as a new one, or drop them. Spans are dropped only with your choice
            here.
          </p>
          <table className="sw-table sw-table-compact">
            <thead>
              <tr>
                <th>Label in the files</th>
                <th>Spans</th>
                <th>Becomes</th>
              </tr>
            </thead>
            <tbody>
              {preview.foreignLabels.map((foreign) => {
                const chosen = adding.includes(foreign.label) ? ADD : Object.hasOwn(mapping, foreign.label) ? mapping[foreign.label] : foreign.target;
                return (
                  <tr key={foreign.label}>
                    <th>{foreign.label}</th>
                    <td>{foreign.spans}</td>
                    <td>
                      <select
                        data-testid={`map-${foreign.label}`}
                        aria-label={`Project label for ${foreign.label}`}
                        value={chosen ?? DROP}
                        onChange={(event) => onTarget(foreign.label, event.target.value)}
                      >
                        {labels.map((label) => (
                          <option key={label.name} value={label.name}>
                            {label.name}
                            {label.name === foreign.proposal ? ' (proposed)' : ''}
                          </option>
                        ))}
                        <option value={ADD}>Add {foreign.label} to the project as a new label</option>
                        <option value={DROP}>Drop its spans</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {(dropped.length > 0 || preview.overlaps.count > 0) && (
        <div className="sw-banner sw-banner-warning" data-testid="import-drops">
          {dropped.length > 0 && (
            <p>
              <strong>{spansWill(dropped.reduce((sum, [, count]) => sum + count, 0))} be dropped</strong> (their label maps to no project label):{' '}
              {dropped.map(([label, count]) => `${label} ${count}`).join(', ')}.
            </p>
          )}
          {preview.overlaps.count > 0 && (
            <>
              <p>
                <strong>
                  {preview.overlaps.count} span{preview.overlaps.count === 1 ? ' overlaps' : 's overlap'} a span of the same label
                </strong>{' '}
                and will be dropped (a layer never holds two
                overlapping spans of one label; the longer is kept), for example:
              </p>
              <ul>
                {preview.overlaps.examples.map((example) => (
                  <li key={`${example.file}:${example.document}:${example.start}:${example.label}`}>
                    <span className="sw-path">
                      {example.file}
                      {example.line !== undefined ? `:${example.line}` : ` (document ${example.document})`}
                    </span>{' '}
                    {example.label} “{example.text}” at {example.start}–{example.end}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {preview.newLabels.length > 0 && <NewLabels labels={preview.newLabels} future />}
      {preview.layers.length > 0 && <LayerList layers={preview.layers} />}
      {preview.kept.length > 0 && (
        <details className="sw-help" open>
          <summary>{preview.kept.length} layer documents will not be written</summary>
          <ul>
            {preview.kept.slice(0, 20).map((kept) => (
              <li key={`${kept.layer}/${kept.document}`}>
                {kept.layer} on {kept.document}: {kept.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.warnings.length > 0 && (
        <details className="sw-help">
          <summary>{preview.warnings.length} notes</summary>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function NewLabels({ labels, future }: { labels: readonly LabelDef[]; future: boolean }) {
  return (
    <p data-testid="import-new-labels">
      {future ? 'Labels to add to the project' : 'Labels added to the project'}:{' '}
      {labels.map((label, index) => (
        <span key={label.name}>
          {index > 0 && ', '}
          <strong style={{ color: label.color }}>{label.name}</strong>
        </span>
      ))}{' '}
      <span className="sw-help">(give them hotkeys and definitions in the label editor)</span>
    </p>
  );
}

function LayerList({ layers }: { layers: ImportPreview['layers'] }) {
  return (
    <section>
      <h3>Annotations go to</h3>
      <ul className="sw-transfer-layers" data-testid="import-layers">
        {layers.map((layer) => (
          <li key={layer.id}>
            {layer.kind === 'gold' ? 'the gold layer' : `${layer.kind === 'suggestions' ? 'the suggestions' : 'the annotator'} layer “${layer.name}”`}
            {layer.isNew ? ' (new)' : ''}: {layer.documents} document{layer.documents === 1 ? '' : 's'}, {layer.spans} spans
          </li>
        ))}
      </ul>
    </section>
  );
}

function ImportReportView({ report }: { report: FileImportReport }) {
  if (report.errors.length > 0) {
    return (
      <div className="sw-error" role="alert" data-testid="import-report">
        <strong>Nothing was imported:</strong>
        <ul>
          {report.errors.map((error) => (
            <li key={`${error.file}:${error.line ?? ''}:${error.message}`}>
              {error.file}
              {error.line !== undefined && `:${error.line}`} — {error.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const dropped = Object.entries(report.dropped);
  return (
    <div className="sw-form" data-testid="import-report">
      <p>
        <strong>{report.added.length}</strong> document{report.added.length === 1 ? '' : 's'} added
        {report.duplicates.length > 0 && <>; {report.duplicates.length} were already in the project and were not added again</>}.
      </p>
      {report.newLabels.length > 0 && <NewLabels labels={report.newLabels} future={false} />}
      {report.layers.length > 0 && <LayerList layers={report.layers} />}
      {dropped.length > 0 && <p>Spans dropped for their label: {dropped.map(([label, count]) => `${label} ${count}`).join(', ')}.</p>}
      {report.overlapsDropped > 0 && <p>Spans dropped for overlapping a span of the same label: {report.overlapsDropped}.</p>}
      {report.kept.length > 0 && <p>Layer documents left as they were: {report.kept.length}.</p>}
    </div>
  );
}
