/**
 * Changing a project's label schema on disk. Renaming a label renames its spans in every layer
 * (every annotator's, gold, suggestions) and in their undo history; removing one removes its
 * spans. The pure part is shared/labelSchema.ts; this module walks the layer files.
 *
 * Crash safety, by journal: a change first writes `.spanwise/label-change.json` (the new labels,
 * the renames, the removals), then rewrites the layer files one by one (each write atomic),
 * then the manifest, and deletes the journal last. A project opened with a journal in it
 * finishes the change before anything else (`finishLabelChange`). Finishing is safe however
 * far the change got, because applying it to a file already converted changes nothing: a
 * change never renames a label to a name the old schema has (see `planLabelChange`). While
 * the files are rewritten the new labels are already the ones edits are checked against, so
 * no span of an old label can slip into a file after it was converted.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  isEmptyChange,
  labelSchemaProblems,
  planLabelChange,
  relabelLayer,
  type LabelChange,
  type LabelChangeSummary,
  type RelabelOutcome,
} from '../shared/labelSchema';
import type { FileProblem, LabelDef, LayerInfo } from '../shared/types';
import { syncDirectory } from './atomic-file';
import { CorruptFileError, FileChangedError, StoreError } from './errors';
import { labelChangeJournalSchema, type LabelChangeJournal } from './file-schemas';
import { JsonFile } from './json-file';
import { layerDocIds } from './layer-summary';
import { LAYERS_DIR } from './layers';
import type { Project } from './project';

/** Where a label change under way is written down, relative to the project. */
export const LABEL_CHANGE_JOURNAL = '.spanwise/label-change.json';

/** Runs a read-modify-write of one layer document so that no edit interleaves with it. */
export type DocumentLock = <T>(layerId: string, docId: string, task: () => Promise<T>) => Promise<T>;

const WRITE_ATTEMPTS = 3;

const withoutLock: DocumentLock = (_layerId, _docId, task) => task();

/** A change of colours, order, hotkeys, definitions or attributes only: no span is touched. */
const NOTHING_CHANGED: LabelChangeSummary = { renamed: [], removed: [], files: 0, skipped: [] };

/** What changing the schema to `labels` would do to the spans of every layer. Changes nothing. */
export async function previewLabelChange(
  project: Project,
  labels: LabelDef[],
  renames: Record<string, string>,
): Promise<LabelChangeSummary> {
  const change = checkedChange(project, labels, renames);
  return (await walkLayers(project, change, null)).summary;
}

/**
 * Make `labels` the project's schema, `renames` mapping current label names to new ones; the
 * spans of labels neither kept nor renamed are removed, in every layer. Resolves with what was
 * done once the journal is gone, i.e. the change is complete on disk.
 */
export async function changeLabels(
  project: Project,
  labels: LabelDef[],
  renames: Record<string, string>,
  lock: DocumentLock = withoutLock,
): Promise<LabelChangeSummary & { docIds: string[] }> {
  project.assertWritable();
  const change = checkedChange(project, labels, renames);
  const journal = journalFile(project);
  await journal.write({ format: 'spanwise-label-change', version: 1, startedAt: new Date().toISOString(), labels, ...change });
  return complete(project, labels, change, lock);
}

/**
 * Finish a label change that a crash or power cut interrupted, if the project holds one; run
 * when the project is opened for writing, before anything else touches it. When it cannot be
 * finished (the journal cannot be read, the disk refuses a write) the journal stays for the
 * next opening and the reason is named as a problem of the project, which opens all the same.
 */
export async function finishLabelChange(project: Project): Promise<LabelChangeSummary | null> {
  try {
    const journal = await journalFile(project).read();
    if (!journal) return null;
    return await complete(project, journal.labels, { renames: journal.renames, removed: journal.removed }, withoutLock);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    project.problems.add(LABEL_CHANGE_JOURNAL, `A change of the label schema was interrupted and could not be finished (${reason}); it will be tried again when the project is next opened.`);
    return null;
  }
}

/** The change from the project's schema to `labels`, or a StoreError saying why it is refused. */
function checkedChange(project: Project, labels: LabelDef[], renames: Record<string, string>): LabelChange {
  const problems = labelSchemaProblems(labels);
  if (problems.length > 0) throw new StoreError('bad-request', problems.join('\n'));
  const plan = planLabelChange(project.manifest.labels, labels, renames);
  if (!plan.ok) throw new StoreError('bad-request', plan.message);
  return plan.change;
}

/** The journaled part: the new labels in force, every layer file converted, manifest, journal gone. */
async function complete(
  project: Project,
  labels: LabelDef[],
  change: LabelChange,
  lock: DocumentLock,
): Promise<LabelChangeSummary & { docIds: string[] }> {
  project.useLabels(labels);
  const { summary, docIds } = isEmptyChange(change) ? { summary: NOTHING_CHANGED, docIds: [] } : await walkLayers(project, change, lock);
  await project.saveLabels();
  await unlink(path.join(project.dir, LABEL_CHANGE_JOURNAL)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await syncDirectory(path.dirname(path.join(project.dir, LABEL_CHANGE_JOURNAL)));
  return { ...summary, docIds };
}

/**
 * Apply `change` to every layer document on disk, writing each one that changes when `lock` is
 * given (a preview passes null and writes nothing). Unreadable files are skipped and reported.
 */
async function walkLayers(
  project: Project,
  change: LabelChange,
  lock: DocumentLock | null,
): Promise<{ summary: LabelChangeSummary; docIds: string[] }> {
  const renamed = new Map<string, number>();
  const removed = new Map<string, number>();
  const skipped: FileProblem[] = [];
  const docIds = new Set<string>();
  let files = 0;
  for (const info of project.layers.list()) {
    for (const docId of [...(await layerDocIds(path.join(project.dir, LAYERS_DIR, info.id)))].sort()) {
      let outcome: RelabelOutcome | null;
      try {
        outcome = lock ? await lock(info.id, docId, () => relabelFile(project, info, docId, change, true)) : await relabelFile(project, info, docId, change, false);
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        skipped.push({ file: error.file, message: error.message });
        continue;
      }
      if (!outcome) continue;
      add(renamed, outcome.renamed);
      add(removed, outcome.removed);
      files++;
      docIds.add(docId);
    }
  }
  const summary: LabelChangeSummary = {
    renamed: Object.entries(change.renames).map(([from, to]) => ({ from, to, spans: renamed.get(from) ?? 0 })),
    removed: change.removed.map((label) => ({ label, spans: removed.get(label) ?? 0 })),
    files,
    skipped,
  };
  return { summary, docIds: [...docIds] };
}

/**
 * Relabel one layer document, writing it when `write`; null when the change does not concern
 * it. A file another program changed meanwhile is read again and converted afresh.
 */
async function relabelFile(project: Project, info: LayerInfo, docId: string, change: LabelChange, write: boolean): Promise<RelabelOutcome | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await project.layers.read(info.id, docId);
    if (!current) return null;
    const outcome = relabelLayer(current, change);
    if (outcome.layer === current) return null;
    if (!write) return outcome;
    try {
      await project.layers.write(info, outcome.layer);
      return outcome;
    } catch (error) {
      if (!(error instanceof FileChangedError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

function add(total: Map<string, number>, counts: Record<string, number>): void {
  for (const [label, count] of Object.entries(counts)) total.set(label, (total.get(label) ?? 0) + count);
}

function journalFile(project: Project): JsonFile<LabelChangeJournal> {
  return new JsonFile({ root: project.dir, file: LABEL_CHANGE_JOURNAL, schema: labelChangeJournalSchema, writeFile: project.options.writeFile });
}
