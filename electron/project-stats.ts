/**
 * Reading a project's statistics (see shared/statistics.ts): for the statistics screen through
 * the service, and for `spanwise stats` from a project folder.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { formatDuration, projectStats, type ProjectStats } from '../shared/statistics';
import type { FileProblem, LayerDocument } from '../shared/types';
import { LAYERS_DIR } from './layers';
import { MANIFEST_FILE, Project } from './project';

/**
 * The statistics of an open project. Only layer documents that exist are read (the layer's
 * summary lists them); one that cannot be read is named among the problems and not counted.
 */
export async function projectStatistics(project: Project): Promise<ProjectStats> {
  const documents = project.catalog.entries();
  const problems: FileProblem[] = [];
  const layers = [];
  for (const info of [...project.layers.list()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const summary = await project.layers.summary(info.id);
    const read: LayerDocument[] = [];
    let unreadable = 0;
    for (const { id } of documents) {
      if (!summary.get(id) && !project.problems.has(`${LAYERS_DIR}/${info.id}/${id}.json`)) continue;
      try {
        const doc = await project.layers.read(info.id, id);
        if (doc) read.push(doc);
      } catch (error) {
        unreadable++;
        problems.push({ file: `${LAYERS_DIR}/${info.id}/${id}.json`, message: error instanceof Error ? error.message : String(error) });
      }
    }
    layers.push({ info, documents: read, unreadable });
  }
  // Reading may have found more unreadable files; the project lists them all, once each.
  const unique = new Map([...project.problems.list(), ...problems].map((problem) => [problem.file, problem]));
  return projectStats({
    dir: project.dir,
    name: project.manifest.name,
    labels: project.manifest.labels.map((label) => label.name),
    documents,
    layers,
    problems: [...unique.values()],
  });
}

/**
 * Read the statistics of the project in `projectDir`. The user's settings are not involved, and
 * a project open in the app is read as it is on disk (read-only). Throws when the folder is not
 * a Spanwise project, rather than making one there.
 */
export async function readProjectStats(projectDir: string): Promise<ProjectStats> {
  const dir = path.resolve(projectDir);
  await access(path.join(dir, MANIFEST_FILE)).catch(() => {
    throw new Error(`${dir} is not a Spanwise project: it has no ${MANIFEST_FILE}.`);
  });
  const project = await Project.open(dir);
  try {
    return await projectStatistics(project);
  } finally {
    await project.close();
  }
}

/** The statistics as text for a terminal. */
export function formatStats(stats: ProjectStats): string {
  const spans = Object.values(stats.spansByLabel).reduce((sum, count) => sum + count, 0);
  const width = Math.max(8, ...Object.keys(stats.spansByLabel).map((label) => label.length));
  const { new: untouched, 'in-progress': started, done } = stats.progress;
  const lines = [
    `${stats.name} (${stats.dir})`,
    `${stats.documents} documents (${done} done, ${started} in progress, ${untouched} new), ${stats.layers.length} layers, ${spans} spans`,
    '',
    'Spans by label',
    ...Object.entries(stats.spansByLabel).map(([label, count]) => `  ${label.padEnd(width)} ${count}`),
  ];
  if (stats.layers.length > 0) lines.push('', 'Layers');
  for (const layer of stats.layers) {
    const { new: fresh, 'in-progress': inProgress, done: finished } = layer.documentsByStatus;
    const who = layer.name === layer.layer ? layer.layer : `${layer.layer} (${layer.name})`;
    lines.push(`  ${who}: ${layer.spans} spans; ${finished} done, ${inProgress} in progress, ${fresh} new; ${formatDuration(layer.timeSpentMs)} spent`);
  }
  if (stats.problems.length > 0) {
    lines.push('', 'Could not read', ...stats.problems.map((problem) => `  ${problem.file}: ${problem.message}`));
  }
  return lines.join('\n');
}
