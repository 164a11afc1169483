/**
 * What `spanwise stats` reports: documents, spans per label and documents per status, for each
 * layer of a project. Everything is read through the service, as the app reads it.
 */
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentStatus, FileProblem, LayerDocument } from '../shared/types';
import { LAYERS_DIR } from './layers';
import { MANIFEST_FILE } from './project';
import { createService, type Service } from './service';

export interface LayerStats {
  layer: string;
  spans: number;
  spansByLabel: Record<string, number>;
  /** Every document of the project counts once: a document the layer never touched is `new`. */
  documentsByStatus: Record<DocumentStatus, number>;
}

export interface ProjectStats {
  dir: string;
  name: string;
  documents: number;
  /** The project's labels in schema order, then any label a span has that the schema lacks. */
  spansByLabel: Record<string, number>;
  layers: LayerStats[];
  /** Files that could not be read; what they hold is not counted. */
  problems: FileProblem[];
}

/** Count one layer's work over the documents of a project. */
export function layerStats(layer: string, documents: readonly LayerDocument[], labels: readonly string[]): LayerStats {
  const spansByLabel = Object.fromEntries(labels.map((label) => [label, 0]));
  const documentsByStatus: Record<DocumentStatus, number> = { new: 0, 'in-progress': 0, done: 0 };
  let spans = 0;
  for (const document of documents) {
    documentsByStatus[document.status]++;
    for (const span of document.spans) {
      spansByLabel[span.label] = (spansByLabel[span.label] ?? 0) + 1;
      spans++;
    }
  }
  return { layer, spans, spansByLabel, documentsByStatus };
}

/** Sum the layers' span counts per label, keeping the first layer's (schema) order. */
function sumByLabel(layers: readonly LayerStats[], labels: readonly string[]): Record<string, number> {
  const total = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const layer of layers) {
    for (const [label, count] of Object.entries(layer.spansByLabel)) total[label] = (total[label] ?? 0) + count;
  }
  return total;
}

/**
 * Read the statistics of the project in `projectDir`. Opens it with a throwaway data folder,
 * so the user's settings (recent projects, annotator) are left alone. Throws when the folder
 * is not a Spanwise project, rather than making one there.
 */
export async function readProjectStats(projectDir: string): Promise<ProjectStats> {
  const dir = path.resolve(projectDir);
  await access(path.join(dir, MANIFEST_FILE)).catch(() => {
    throw new Error(`${dir} is not a Spanwise project: it has no ${MANIFEST_FILE}.`);
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanwise-stats-'));
  let service: Service | undefined;
  try {
    service = await createService({ dataDir, projectDir: dir, mode: 'desktop' });
    return await collect(service, dir);
  } finally {
    await service?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function collect(service: Service, dir: string): Promise<ProjectStats> {
  const session = await service.getSession();
  if (!session.project) throw new Error(`${dir} could not be opened.`);
  const labels = session.project.labels.map((label) => label.name);
  const documents = await service.listDocuments();
  const problems: FileProblem[] = [];
  const layerIds = (await readdir(path.join(dir, LAYERS_DIR), { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  const layers: LayerStats[] = [];
  for (const layer of layerIds) {
    const read: LayerDocument[] = [];
    for (const { id } of documents) {
      try {
        read.push((await service.getDocument(id, layer)).layer);
      } catch (error) {
        problems.push({ file: `${LAYERS_DIR}/${layer}/${id}.json`, message: error instanceof Error ? error.message : String(error) });
      }
    }
    layers.push(layerStats(layer, read, labels));
  }
  // Reading may have found more unreadable files; the session lists them all, once each.
  problems.unshift(...(await service.getSession()).problems);
  const unique = [...new Map(problems.map((problem) => [problem.file, problem])).values()];
  return {
    dir,
    name: session.project.name,
    documents: documents.length,
    spansByLabel: sumByLabel(layers, labels),
    layers,
    problems: unique,
  };
}

/** The statistics as text for a terminal. */
export function formatStats(stats: ProjectStats): string {
  const spans = Object.values(stats.spansByLabel).reduce((sum, count) => sum + count, 0);
  const width = Math.max(8, ...Object.keys(stats.spansByLabel).map((label) => label.length));
  const lines = [
    `${stats.name} (${stats.dir})`,
    `${stats.documents} documents, ${stats.layers.length} layers, ${spans} spans`,
    '',
    'Spans by label',
    ...Object.entries(stats.spansByLabel).map(([label, count]) => `  ${label.padEnd(width)} ${count}`),
  ];
  if (stats.layers.length > 0) lines.push('', 'Layers');
  for (const layer of stats.layers) {
    const { new: fresh, 'in-progress': started, done } = layer.documentsByStatus;
    lines.push(`  ${layer.layer}: ${layer.spans} spans; ${done} done, ${started} in progress, ${fresh} new`);
  }
  if (stats.problems.length > 0) {
    lines.push('', 'Could not read', ...stats.problems.map((problem) => `  ${problem.file}: ${problem.message}`));
  }
  return lines.join('\n');
}
