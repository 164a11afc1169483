/**
 * Exporting a project as a dataset (docs/formats.md, "Exporting"): the chosen annotations —
 * one annotator's layer, the gold layer or the majority of all annotators — of all documents
 * or those marked done, in one format, optionally split by document into train / validation
 * (/ test) with a manifest. Files are written atomically, never into the project, and never
 * into a folder holding other files unless the caller says so.
 */
import { mkdir, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  addCounts,
  countLabels,
  CURRENT,
  exportLabelOrder,
  firstLines,
  hfTags,
  isExportable,
  LAYERED_EXPORTS,
  MAJORITY,
  MANIFEST_NAME,
  renderSplit,
  splitNames,
  TAGS_NAME,
  majorityOf,
  type AnnotatorWork,
  type DatasetManifest,
  type ExportItem,
  type ExportLayerChoice,
  type ExportOptions,
  type ExportOutcome,
  type ExportPreview,
  type ExportPreviewOptions,
} from '../shared/exporting';
import type { ExportFile } from '../shared/formats/model';
import { exportLayer, type SpanwiseExportLayer } from '../shared/formats/spanwise';
import { splitDocuments } from '../shared/split';
import type { Annotator, DocumentStatus, LayerDocument, LayerInfo } from '../shared/types';
import { writeFileAtomic } from './atomic-file';
import { CorruptFileError, StoreError } from './errors';
import { isInside } from './file-reading';
import { GOLD_LAYER } from './layers';
import { Project } from './project';

export interface ExportContext {
  /** The annotator using the app: what `current` means. */
  me: Annotator | null;
  /** Told what is going on during a long export (the CLI prints it). */
  onProgress?: (message: string) => void;
}

/** Documents shown in a preview. */
const PREVIEW_DOCUMENTS = 3;
/** The longest preview text, for formats whose records are long lines. */
const PREVIEW_CHARACTERS = 8_000;

/** The first records of an export with these options, and what it would hold. */
export async function previewExport(project: Project, options: ExportPreviewOptions, context: ExportContext): Promise<ExportPreview> {
  const chosen = await chooseDocuments(project, options, context);
  const groups = splitGroups(chosen.items, options);
  const render = renderContext(project, chosen.items);
  const sample = renderSplit(options.format, chosen.items.slice(0, PREVIEW_DOCUMENTS), groups.length > 1 ? groups[0].name : null, render);
  const first = sample.files.find((file) => !file.name.endsWith('annotation.conf')) ?? sample.files[0];
  const dropped: Record<string, number> = {};
  const warnings = [...chosen.warnings];
  for (const group of groups) {
    const rendered = renderSplit(options.format, group.items, null, render);
    addCounts(dropped, rendered.dropped);
    warnings.push(...rendered.warnings);
  }
  return {
    file: first?.name ?? '',
    text: firstLines(first?.content ?? '').slice(0, PREVIEW_CHARACTERS),
    documents: chosen.items.length,
    spans: chosen.items.reduce((sum, item) => sum + item.spans.length, 0),
    splits: groups.map((group) => ({ name: group.name, documents: group.items.length, spans: group.items.reduce((sum, item) => sum + item.spans.length, 0) })),
    dropped,
    warnings: [...new Set(warnings)],
    layers: layerChoices(project),
  };
}

/** Write the export into `options.outDir`. */
export async function exportData(project: Project, options: ExportOptions, context: ExportContext): Promise<ExportOutcome> {
  const outDir = await checkedOutDir(options.outDir, project.dir, options.overwrite ?? false);
  const chosen = await chooseDocuments(project, options, context);
  const groups = splitGroups(chosen.items, options);
  const render = renderContext(project, chosen.items);
  const outcome: ExportOutcome = { outDir, files: [], documents: chosen.items.length, dropped: {}, warnings: [...chosen.warnings] };
  const written: ExportFile[] = [];
  const manifestSplits: DatasetManifest['splits'] = [];
  for (const group of groups) {
    context.onProgress?.(`Writing ${group.items.length} documents${groups.length > 1 ? ` of ${group.name}` : ''}…`);
    const rendered = renderSplit(options.format, group.items, groups.length > 1 ? group.name : null, render);
    written.push(...rendered.files);
    addCounts(outcome.dropped, rendered.dropped);
    outcome.warnings.push(...rendered.warnings);
    const spanCounts: Record<string, number> = {};
    for (const item of group.items) addCounts(spanCounts, countLabels(item.spans));
    manifestSplits.push({ name: group.name, files: rendered.files.map((file) => file.name), documents: group.items.map((item) => item.document.id), spanCounts });
  }
  if (options.format === 'hf') written.push({ name: TAGS_NAME, content: hfTags(render.labelOrder) });
  if (options.split && groups.length > 1) {
    outcome.manifest = {
      format: 'spanwise-dataset',
      version: 1,
      project: project.manifest.name,
      exportFormat: options.format,
      layer: chosen.layer,
      doneOnly: options.doneOnly ?? false,
      seed: options.split.seed,
      ratios: groups.map((group) => group.ratio),
      stratify: options.split.stratify,
      splits: manifestSplits,
    };
    written.push({ name: MANIFEST_NAME, content: `${JSON.stringify(outcome.manifest, null, 2)}\n` });
  }
  for (const file of written) {
    const target = path.resolve(outDir, file.name);
    // Names come from document ids, which are safe; this makes sure no name leads outside.
    if (!isInside(target, outDir) || target === outDir) throw new StoreError('internal', `An export file name leads outside ${outDir}: ${file.name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, file.content);
    outcome.files.push(target);
  }
  outcome.warnings = [...new Set(outcome.warnings)];
  return outcome;
}

/** The layers the dialog offers: yours first, then gold, the majority, the other annotators. */
function layerChoices(project: Project): ExportLayerChoice[] {
  const layers = project.layers.list().filter(isExportable);
  const gold = layers.find((layer) => layer.id === GOLD_LAYER);
  return [
    ...(gold ? [{ id: gold.id, name: gold.name, kind: gold.kind }] : []),
    { id: MAJORITY, name: 'Majority of annotators', kind: 'majority' },
    ...layers.filter((layer) => layer.kind === 'annotator').map((layer) => ({ id: layer.id, name: layer.name, kind: layer.kind })),
  ];
}

/** The output folder, absolute and checked: not the project, not inside it, empty unless overwriting. */
async function checkedOutDir(outDir: string, projectDir: string, overwrite: boolean): Promise<string> {
  if (!path.isAbsolute(outDir)) throw new StoreError('bad-request', `Give the full path of the folder to export into, not "${outDir}".`);
  const resolved = path.resolve(outDir);
  const real = await realpath(resolved).catch(() => resolved);
  const project = await realpath(projectDir).catch(() => path.resolve(projectDir));
  if (isInside(real, project)) {
    throw new StoreError('bad-request', `${resolved} is ${real === project ? 'the project folder itself' : 'inside the project folder'}; export into a folder of its own.`);
  }
  const names = await readdir(resolved).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new StoreError('bad-request', `${resolved} is a file, not a folder.`);
    throw error;
  });
  if (names.length > 0 && !overwrite) {
    throw new StoreError('conflict', `${resolved} already holds files; choose an empty or new folder, or allow replacing files (--overwrite).`);
  }
  await mkdir(resolved, { recursive: true });
  return resolved;
}

interface Chosen {
  /** The layer as the manifest names it. */
  layer: string;
  items: ExportItem[];
  warnings: string[];
}

/** The documents that go out, each with the chosen spans (and every layer, for layered formats). */
async function chooseDocuments(project: Project, options: ExportPreviewOptions, context: ExportContext): Promise<Chosen> {
  const layerId = resolveLayer(project, options.layer, context.me);
  const layered = LAYERED_EXPORTS.has(options.format);
  const annotators = project.layers.list().filter((layer) => layer.kind === 'annotator');
  const warnings: string[] = [];
  const items: ExportItem[] = [];
  const entries = project.catalog.entries();
  for (const [index, entry] of entries.entries()) {
    if (index > 0 && index % 1_000 === 0) context.onProgress?.(`Read ${index} of ${entries.length} documents…`);
    let document;
    try {
      document = await project.document(entry.id);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      warnings.push(`${entry.id} left out: ${error.message}`);
      continue;
    }
    const read = async (info: LayerInfo): Promise<LayerDocument | null> => {
      try {
        const layer = await project.layers.read(info.id, entry.id);
        if (layer && layer.textHash !== document.textHash) {
          warnings.push(`layers/${info.id}/${entry.id}.json was made for another version of the text; its spans are left out`);
          return null;
        }
        return layer;
      } catch (error) {
        if (!(error instanceof CorruptFileError)) throw error;
        warnings.push(`${error.file} could not be read; its spans are left out`);
        return null;
      }
    };
    let chosen: AnnotatorWork;
    if (layerId === MAJORITY) {
      const work: Record<string, AnnotatorWork> = {};
      for (const info of annotators) {
        const layer = await read(info);
        if (layer && (layer.spans.length > 0 || layer.status !== 'new')) work[info.id] = layer;
      }
      chosen = majorityOf(work);
    } else {
      const info = project.layers.info(layerId);
      const layer = info ? await read(info) : null;
      chosen = { status: layer?.status ?? ('new' satisfies DocumentStatus), spans: layer?.spans ?? [] };
    }
    if (options.doneOnly && chosen.status !== 'done') continue;
    const layers: Record<string, SpanwiseExportLayer> = {};
    if (layered) {
      for (const info of project.layers.list().filter(isExportable)) {
        const layer = await read(info);
        if (layer) layers[info.id] = exportLayer(info, layer);
      }
    }
    items.push({ document, spans: [...chosen.spans], layers });
  }
  return { layer: layerId, items, warnings };
}

/**
 * The layer id an export option names: `current` is the user's own, `gold` and `majority` are
 * themselves, otherwise a layer id or (for the command line) an annotator's display name.
 */
function resolveLayer(project: Project, wanted: string, me: Annotator | null): string {
  if (wanted === MAJORITY) return MAJORITY;
  if (wanted === CURRENT) {
    if (!me) throw new StoreError('bad-request', 'There is no current annotator: name a layer (an annotator, gold or majority) to export.');
    return me.id;
  }
  const info = project.layers.info(wanted);
  if (info && !isExportable(info)) {
    throw new StoreError('bad-request', `"${wanted}" is a pre-annotation layer of suggestions no one has confirmed; export an annotator's layer, gold or the majority.`);
  }
  if (info || wanted === GOLD_LAYER) return wanted;
  const exportable = project.layers.list().filter(isExportable);
  const named = exportable.filter((layer) => layer.name === wanted);
  if (named.length === 1) return named[0].id;
  const known = exportable.map((layer) => (layer.name === layer.id ? layer.id : `${layer.id} (${layer.name})`));
  const choices = [...known, MAJORITY].join(', ');
  throw new StoreError(
    'bad-request',
    named.length > 1 ? `Several layers are named "${wanted}"; give one of their ids: ${choices}.` : `This project has no layer "${wanted}"; the layers are: ${choices}.`,
  );
}

interface Group {
  name: string;
  ratio: number;
  items: ExportItem[];
}

/** The items of each split (one group, named after the data, without a split). */
function splitGroups(items: ExportItem[], options: ExportPreviewOptions): Group[] {
  if (!options.split || options.split.ratios.length < 2) return [{ name: 'all', ratio: 1, items }];
  let names: string[];
  let result;
  try {
    names = splitNames(options.split.ratios.length);
    const inputs = items.map((item) => ({ id: item.document.id, labels: countLabels(item.spans) }));
    result = splitDocuments(inputs, options.split.ratios, options.split.seed, options.split.stratify);
  } catch (error) {
    if (error instanceof RangeError) throw new StoreError('bad-request', `Cannot split: ${error.message}.`);
    throw error;
  }
  const byId = new Map(items.map((item) => [item.document.id, item]));
  return result.splits.map((ids, index) => ({ name: names[index], ratio: result.manifest.ratios[index], items: ids.map((id) => byId.get(id) as ExportItem) }));
}

function renderContext(project: Project, items: ExportItem[]) {
  const labels = project.manifest.labels;
  return { projectName: project.manifest.name, labels, labelOrder: exportLabelOrder(items, labels) };
}

// ---- the command line ----------------------------------------------------------------------

/**
 * `spanwise export`: open the project in `projectDir` headless (read-only is enough: an export
 * writes outside it) and export it. `layer` may also be an annotator's display name.
 */
export async function exportProject(projectDir: string, options: ExportOptions, onProgress?: (message: string) => void): Promise<ExportOutcome> {
  const project = await Project.open(path.resolve(projectDir));
  try {
    return await exportData(project, options, { me: null, onProgress });
  } finally {
    await project.close();
  }
}

/** What an export wrote, for a terminal. */
export function formatExport(outcome: ExportOutcome): string {
  const lines = [`Exported ${outcome.documents} documents into ${outcome.outDir}:`, ...outcome.files.map((file) => `  ${path.relative(outcome.outDir, file)}`)];
  for (const split of outcome.manifest?.splits ?? []) {
    const spans = Object.entries(split.spanCounts).map(([label, count]) => `${label} ${count}`).join(', ');
    lines.push(`  ${split.name}: ${split.documents.length} documents${spans ? ` (${spans})` : ''}`);
  }
  const dropped = Object.entries(outcome.dropped);
  if (dropped.length > 0) lines.push(`Left out (the format holds one label per token): ${dropped.map(([label, count]) => `${label} ${count}`).join(', ')}`);
  for (const warning of outcome.warnings) lines.push(`Note: ${warning}`);
  return lines.join('\n');
}
