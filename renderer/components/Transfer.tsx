import { useEffect, useState } from 'react';
import type { ApiEvent, SpanwiseApi } from '../../shared/api';
import type { Annotator, LabelDef } from '../../shared/types';
import { carriesFiles, readDroppedFiles } from '../app/droppedFiles';
import { errorMessage } from '../app/errorMessage';
import type { ImportSeed } from './ImportDialog';
import { lazyComponent } from './lazyComponent';

const ExportDialog = lazyComponent(() => import('./ExportDialog'), 'ExportDialog');
const ImportDialog = lazyComponent(() => import('./ImportDialog'), 'ImportDialog');

/** Which transfer dialog is open, and what it starts from. */
export type TransferState = { kind: 'import'; seed: ImportSeed } | { kind: 'export'; outDir?: string };

/**
 * What opens the import and export dialogs besides keys and buttons: files dropped on the
 * window, and the desktop File menu (which has picked paths or a folder natively). `enabled` is
 * false while another dialog is up, so a drop never lands behind it.
 */
export function useTransferTriggers(
  subscribe: (listener: (event: ApiEvent) => void) => () => void,
  open: (state: TransferState) => void,
  enabled: boolean,
  say: (message: string) => void,
): boolean {
  const [dragging, setDragging] = useState(false);

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type !== 'menu-command') return;
        open(event.command === 'import' ? { kind: 'import', seed: { paths: event.paths } } : { kind: 'export', outDir: event.paths[0] });
      }),
    [subscribe, open],
  );

  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const over = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      // Without this the browser opens a dropped file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      readDroppedFiles(event.dataTransfer).then(
        (files) => {
          if (files.length > 0) open({ kind: 'import', seed: { files } });
        },
        (error: unknown) => say(`Could not read the dropped files: ${errorMessage(error)}`),
      );
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled, open, say]);

  return dragging && enabled;
}

interface TransferDialogsProps {
  state: TransferState | null;
  dragging: boolean;
  api: SpanwiseApi;
  labels: readonly LabelDef[];
  me: Annotator | null;
  onClose: () => void;
  onImported: () => void;
}

/** The open transfer dialog, and the drop target shown while files are dragged over the window. */
export function TransferDialogs({ state, dragging, api, labels, me, onClose, onImported }: TransferDialogsProps) {
  return (
    <>
      {dragging && (
        <div className="sw-drop-target" data-testid="drop-target">
          Drop to import these files
        </div>
      )}
      {state?.kind === 'import' && <ImportDialog api={api} labels={labels} me={me} seed={state.seed} onClose={onClose} onImported={onImported} />}
      {state?.kind === 'export' && <ExportDialog api={api} me={me} outDir={state.outDir} onClose={onClose} />}
    </>
  );
}
