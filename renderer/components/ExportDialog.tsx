import { useEffect, useState, type FormEvent } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import { CURRENT, EXPORT_FORMATS, LAYERED_EXPORTS, type ExportFormat, type ExportOutcome, type ExportPreview, type ExportPreviewOptions } from '../../shared/exporting';
import type { Annotator } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

interface ExportDialogProps {
  api: SpanwiseApi;
  me: Annotator | null;
  /** The folder picked in the desktop File menu, if any. */
  outDir?: string;
  onClose: () => void;
}

const PREVIEW_DELAY_MS = 250;

/**
 * Exporting a dataset: the format, whose annotations, which documents, an optional split, and
 * the folder; a preview of the first records follows every change, and the result lists the
 * files written and what a flat format had to leave out.
 */
export function ExportDialog({ api, me, outDir: pickedDir, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('conll');
  const [layer, setLayer] = useState<string>(me ? CURRENT : 'majority');
  const [doneOnly, setDoneOnly] = useState(false);
  const [splitting, setSplitting] = useState(false);
  const [ratios, setRatios] = useState('80,10,10');
  const [seed, setSeed] = useState('1');
  const [stratify, setStratify] = useState(true);
  const [outDir, setOutDir] = useState(pickedDir ?? '');
  const [overwrite, setOverwrite] = useState(false);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const parsedRatios = ratios
    .split(/[,/: ]+/)
    .filter((part) => part !== '')
    .map(Number);
  const splitProblem =
    splitting && (parsedRatios.length < 2 || parsedRatios.length > 3 || parsedRatios.some((ratio) => !Number.isFinite(ratio) || ratio < 0))
      ? 'Give two or three shares, such as 80,20 or 80,10,10.'
      : splitting && !/^\d+$/.test(seed.trim())
        ? 'The seed is a whole number.'
        : null;
  const options: ExportPreviewOptions | null = splitProblem
    ? null
    : {
        format,
        layer,
        doneOnly,
        ...(splitting ? { split: { ratios: parsedRatios, seed: Number(seed), stratify } } : {}),
      };
  const optionsKey = JSON.stringify(options);

  useEffect(() => {
    if (options === null) return;
    let stale = false;
    const timer = setTimeout(() => {
      api.previewExport(options).then(
        (result) => {
          if (stale) return;
          setPreview(result);
          setError(null);
        },
        (failure: unknown) => {
          if (!stale) setError(errorMessage(failure));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // The options object is rebuilt on every render; its JSON says when it really changed.
  }, [api, optionsKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (options === null) return;
    setBusy(true);
    setError(null);
    try {
      setOutcome(await api.exportData({ ...options, outDir: outDir.trim(), overwrite }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    const dropped = Object.entries(outcome.dropped);
    return (
      <Dialog title="Export finished" testId="export-dialog" onClose={onClose} wide>
        <div className="sw-form" data-testid="export-result">
          <p>
            <strong>{outcome.documents}</strong> documents written into <span className="sw-path">{outcome.outDir}</span>:
          </p>
          <ul className="sw-transfer-files">
            {outcome.files.map((file) => (
              <li key={file} className="sw-path">
                {file.slice(outcome.outDir.length + 1)}
              </li>
            ))}
          </ul>
          {outcome.manifest && (
            <p>
              {outcome.manifest.splits.map((split) => `${split.name}: ${split.documents.length} documents`).join(' · ')} (seed {outcome.manifest.seed})
            </p>
          )}
          {dropped.length > 0 && (
            <p className="sw-banner sw-banner-warning">Left out (the format holds one label per token): {dropped.map(([label, count]) => `${label} ${count}`).join(', ')}.</p>
          )}
          {outcome.warnings.length > 0 && (
            <ul className="sw-help">
              {outcome.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <div className="sw-actions">
            <button type="button" className="sw-primary" data-testid="export-close" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  const layered = LAYERED_EXPORTS.has(format);
  const dropped = Object.entries(preview?.dropped ?? {});
  return (
    <Dialog title="Export a dataset" testId="export-dialog" onClose={onClose} wide>
      <form className="sw-transfer-grid" onSubmit={(event) => void submit(event)}>
        <div className="sw-form">
          <label className="sw-field">
            <span>Format</span>
            <select data-testid="export-format" value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </label>
          <label className="sw-field">
            <span>{layered ? 'Every layer goes out; “done” is judged by' : 'Annotations of'}</span>
            <select data-testid="export-layer" value={layer} onChange={(event) => setLayer(event.target.value)}>
              {me && <option value={CURRENT}>My layer ({me.name})</option>}
              {(preview?.layers ?? []).filter((choice) => choice.id !== me?.id).map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.kind === 'annotator' ? `${choice.name}’s layer` : choice.name}
                </option>
              ))}
            </select>
          </label>
          <label className="sw-check">
            <input type="checkbox" data-testid="export-done-only" checked={doneOnly} onChange={(event) => setDoneOnly(event.target.checked)} /> Only documents marked done
          </label>
          <label className="sw-check">
            <input type="checkbox" data-testid="export-split" checked={splitting} onChange={(event) => setSplitting(event.target.checked)} /> Split into train /
            validation (/ test) by document
          </label>
          {splitting && (
            <div className="sw-transfer-split">
              <label className="sw-field">
                <span>Shares</span>
                <input data-testid="export-ratios" value={ratios} onChange={(event) => setRatios(event.target.value)} placeholder="80,10,10" autoComplete="off" />
              </label>
              <label className="sw-field">
                <span>Seed</span>
                <input data-testid="export-seed" value={seed} onChange={(event) => setSeed(event.target.value)} inputMode="numeric" autoComplete="off" />
              </label>
              <label className="sw-check">
                <input type="checkbox" data-testid="export-stratify" checked={stratify} onChange={(event) => setStratify(event.target.checked)} /> Every split gets its
                share of each label
              </label>
            </div>
          )}
          <label className="sw-field">
            <span>Folder to write into (full path; new or empty)</span>
            <input
              data-testid="export-out"
              value={outDir}
              onChange={(event) => setOutDir(event.target.value)}
              placeholder="/home/you/datasets/idlib-v1"
              spellCheck={false}
              autoComplete="off"
            />
          </label>
          <label className="sw-check">
            <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} /> Replace files in a folder that is not empty
          </label>
          {(splitProblem ?? error) && (
            <p className="sw-error" role="alert" data-testid="export-error">
              {splitProblem ?? error}
            </p>
          )}
          <div className="sw-actions">
            <button type="submit" className="sw-primary" data-testid="export-confirm" disabled={busy || options === null || outDir.trim() === ''}>
              {busy ? 'Writing…' : 'Export'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
        <section className="sw-transfer-preview" aria-label="Preview" data-testid="export-preview">
          {preview ? (
            <>
              <p className="sw-help">
                {preview.documents} documents, {preview.spans} spans
                {preview.splits.length > 1 && <> — {preview.splits.map((split) => `${split.name} ${split.documents}`).join(', ')}</>}
              </p>
              {dropped.length > 0 && (
                <p className="sw-help" data-testid="export-dropped">
                  Left out (nested or overlapping): {dropped.map(([label, count]) => `${label} ${count}`).join(', ')}
                </p>
              )}
              <p className="sw-path sw-transfer-file">{preview.file}</p>
              <pre data-testid="export-preview-text">{preview.text || '(no documents)'}</pre>
            </>
          ) : (
            <p className="sw-help">Preparing a preview…</p>
          )}
        </section>
      </form>
    </Dialog>
  );
}
