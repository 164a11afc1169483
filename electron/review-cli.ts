/**
 * What `spanwise merge` and `spanwise agreement` do: open a project headless, through the
 * service as the app does (with a throwaway data folder, so no one's settings change and no
 * annotator is current), and print what came of it.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Agreement } from '../shared/agreement';
import { formatScore, type AgreementOverview, type ReviewAnnotator } from '../shared/review';
import type { MergeOptions, MergeReport } from '../shared/types';
import { MANIFEST_FILE } from './project';
import { createService, type Service } from './service';

/** The agreement report of a project, with the titles of the documents it names. */
export interface ProjectAgreement extends AgreementOverview {
  dir: string;
  name: string;
  titles: Record<string, string>;
}

/** Merge another annotator's export file or project folder (relative to the working folder) into a project. */
export function mergeInto(projectDir: string, source: string, options: MergeOptions): Promise<MergeReport> {
  return withProject(projectDir, (service) => service.mergeLayers(path.resolve(source), options));
}

/** The agreement report of the project's annotators. */
export function readAgreement(projectDir: string): Promise<ProjectAgreement> {
  return withProject(projectDir, async (service, dir) => {
    const session = await service.getSession();
    const overview = await service.getAgreement();
    const titles = Object.fromEntries((await service.listDocuments()).map((doc) => [doc.id, doc.title]));
    const compared = new Set(overview.report.perDocument.map((doc) => doc.id));
    return {
      dir,
      name: session.project?.name ?? path.basename(dir),
      ...overview,
      titles: Object.fromEntries(Object.entries(titles).filter(([id]) => compared.has(id))),
    };
  });
}

/** Open the project in `projectDir` for one task; throws when the folder is not a project. */
async function withProject<T>(projectDir: string, task: (service: Service, dir: string) => Promise<T>): Promise<T> {
  const dir = path.resolve(projectDir);
  await access(path.join(dir, MANIFEST_FILE)).catch(() => {
    throw new Error(`${dir} is not a Spanwise project: it has no ${MANIFEST_FILE}.`);
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'spanwise-cli-'));
  let service: Service | undefined;
  try {
    service = await createService({ dataDir, projectDir: dir, mode: 'desktop' });
    return await task(service, dir);
  } finally {
    await service?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A merge report as text for a terminal. */
export function formatMergeReport(report: MergeReport): string {
  const lines = [`${report.dryRun ? 'Would merge' : 'Merged'} ${report.source}`];
  if (report.layers.length === 0) lines.push('  No annotator layer to merge.');
  for (const layer of report.layers) {
    lines.push(`  ${layer.name} (${layer.id}): ${layer.written} document(s) ${report.dryRun ? 'to write' : 'written'}, ${layer.unchanged} unchanged`);
  }
  const section = (title: string, entries: string[]) => {
    if (entries.length > 0) lines.push('', title, ...entries.map((entry) => `  ${entry}`));
  };
  section('Layers left out', report.skippedLayers.map((layer) => `${layer.name} (${layer.id}): ${layer.reason}`));
  section('Not merged: the text differs from this project’s', report.mismatched.map((doc) => `${doc.id}  ${doc.title}`));
  section('Skipped: documents this project does not have (--add-missing adds them)', report.missing.map((doc) => `${doc.id}  ${doc.title}`));
  section(report.dryRun ? 'Documents to add' : 'Documents added', report.added.map((doc) => `${doc.id}  ${doc.title}`));
  section('Could not use', report.problems.map((problem) => `${problem.file}: ${problem.message}`));
  return lines.join('\n');
}

const LEAST_SHOWN = 20;

/** The agreement report as tables for a terminal. */
export function formatAgreement(agreement: ProjectAgreement): string {
  const { annotators, report } = agreement;
  const byId = new Map(annotators.map((a) => [a.id, a]));
  const who = (id: string) => label(byId.get(id), id);
  const lines = [
    `${agreement.name} (${agreement.dir}): ${annotators.length} annotators, ${report.perDocument.length} documents with two or more`,
  ];
  if (report.pairs.length === 0) {
    lines.push('', 'Agreement needs two annotators who worked on the same documents.');
    return lines.join('\n');
  }
  const pairNames = report.pairs.map((pair) => `${who(pair.a)} – ${who(pair.b)}`);
  const width = Math.max(4, ...pairNames.map((name) => name.length));
  lines.push('', `${'Pair'.padEnd(width)}  docs  F1 exact  F1 overlap  kappa`);
  report.pairs.forEach((pair, index) => {
    lines.push(`${pairNames[index].padEnd(width)}  ${String(pair.documents).padStart(4)}  ${scores(pair)}`);
  });
  lines.push('', `Fleiss' kappa: ${annotators.length < 3 ? 'n/a (needs three annotators)' : formatScore(report.fleiss)}`);
  lines.push(`Krippendorff's alpha: ${formatScore(report.alpha)}`);
  const labelWidth = Math.max(5, ...report.labels.map((name) => name.length));
  report.pairs.forEach((pair, index) => {
    lines.push('', `Per label, ${pairNames[index]}`, `  ${'Label'.padEnd(labelWidth)}  F1 exact  F1 overlap  kappa`);
    for (const name of report.labels) lines.push(`  ${name.padEnd(labelWidth)}  ${scores(pair.perLabel[name])}`);
  });
  lines.push('', 'Least agreement (mean exact F1 of the pairs)');
  for (const doc of report.perDocument.slice(0, LEAST_SHOWN)) {
    lines.push(`  ${formatScore(doc.meanF1).padStart(4)}  ${doc.annotatorCount} annotators  ${doc.id}  ${agreement.titles[doc.id] ?? ''}`.trimEnd());
  }
  if (report.perDocument.length > LEAST_SHOWN) lines.push(`  … ${report.perDocument.length - LEAST_SHOWN} more (see --json)`);
  return lines.join('\n');
}

function scores(agreement: Agreement): string {
  return `${formatScore(agreement.exact.f1).padStart(8)}  ${formatScore(agreement.overlap.f1).padStart(10)}  ${formatScore(agreement.kappa).padStart(5)}`;
}

function label(annotator: ReviewAnnotator | undefined, id: string): string {
  return annotator ? `${annotator.name} (${annotator.initials})` : id;
}
