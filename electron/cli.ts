/**
 * The `spanwise` command line (bin/spanwise.mjs runs the built copy of this file).
 *   spanwise stats <project> [--json]   documents, spans per label, documents per status
 *   spanwise suggest <project> [--doc ID] [--json] [--into-layer NAME]
 *                                       pre-annotation: print the suggested spans, or write them as a layer
 *   spanwise merge <project> <source> [--dry-run] [--add-missing] [--json]
 *                                       bring in other annotators' work (an export file or a project folder)
 *   spanwise agreement <project> [--json]
 *                                       agreement between the annotators: pairs, labels, documents
 *   spanwise import <project> <files or folders...> [--annotator NAME] [--format F] [--map FROM=TO ...] [--new-label FROM ...]
 *                                       bring in articles and annotations (docs/formats.md)
 *   spanwise export <project> --format F --out DIR [--layer NAME|gold|majority] [--split 80,10,10] [--seed N] [--done-only] [--stratify]
 *                                       write a dataset, optionally split into train / validation / test
 */
import path from 'node:path';
import { cac } from 'cac';
import { version } from '../package.json';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/exporting';
import { FORMATS } from '../shared/formats/index';
import type { ImportFormat } from '../shared/importing';
import { exportProject, formatExport } from './exporting';
import { formatImport, importIntoProject } from './importing';
import { formatPreAnnotation, preAnnotate } from './pre-annotation';
import { formatStats, readProjectStats } from './project-stats';
import { formatAgreement, formatMergeReport, mergeInto, readAgreement } from './review-cli';

const cli = cac('spanwise');

cli
  .command('stats <project>', 'Count the documents of a project, its spans per label and its documents per status')
  .option('--json', 'Print the counts as JSON')
  .example('spanwise stats ~/corpora/idlib --json')
  .action(async (project: string, options: { json?: boolean }) => {
    const stats = await readProjectStats(project);
    console.log(options.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
  });

cli
  .command('suggest <project>', 'Suggest spans for the documents of a project (span, label, source, score), or write them as a pre-annotation layer')
  .option('--doc <id>', 'Only this document')
  .option('--json', 'Print the suggestions as JSON')
  .option('--into-layer <name>', 'Write them as the pre-annotation layer of this name, for annotators to confirm')
  .example('spanwise suggest ~/corpora/idlib --into-layer engine')
  .action(async (project: string, options: { doc?: string | number; json?: boolean; intoLayer?: string | number }) => {
    // cac reads "--doc 12" as a number; ids and names are text.
    const result = await preAnnotate(project, {
      ...(options.doc !== undefined ? { docId: String(options.doc) } : {}),
      ...(options.intoLayer !== undefined ? { intoLayer: String(options.intoLayer) } : {}),
    });
    console.log(options.json ? JSON.stringify(result, null, 2) : formatPreAnnotation(result));
  });

cli
  .command('merge <project> <source>', "Bring in other annotators' work: a Spanwise export file or their project folder, one layer per annotator")
  .option('--dry-run', 'Only say what would be merged')
  .option('--add-missing', 'Add the documents of theirs this project does not have, instead of skipping them')
  .option('--json', 'Print the report as JSON')
  .example('spanwise merge ~/corpora/idlib ~/Downloads/omar-export.json')
  .action(async (project: string, source: string, options: { dryRun?: boolean; addMissing?: boolean; json?: boolean }) => {
    const report = await mergeInto(project, source, { dryRun: options.dryRun ?? false, addMissing: options.addMissing ?? false });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatMergeReport(report));
  });

cli
  .command('agreement <project>', 'How far the annotators of a project agree: F1 and kappa per pair and label, Fleiss and Krippendorff, documents agreeing least')
  .option('--json', 'Print the whole report as JSON')
  .example('spanwise agreement ~/corpora/idlib')
  .action(async (project: string, options: { json?: boolean }) => {
    const agreement = await readAgreement(project);
    console.log(options.json ? JSON.stringify(agreement, null, 2) : formatAgreement(agreement));
  });

const importFormats: ImportFormat[] = [...FORMATS.filter((format) => format.canImport).map((format) => format.id), 'docx'];
const exportFormats = EXPORT_FORMATS.map((format) => format.id);
const progress = (message: string) => process.stderr.write(`${message}\n`);

cli
  .command('import <project> <...paths>', 'Import articles and annotations from files or folders, all or nothing (the formats: docs/formats.md)')
  .option('--annotator <name>', "Whose layer the spans of files that do not name their annotators go to (default: each file's name)")
  .option('--format <format>', `Read every file as this format instead of recognising it: ${importFormats.join(', ')}`)
  .option('--map <FROM=TO>', 'Map a foreign label to a project label, or drop its spans with FROM= (repeat for more; PER/ORG/NORP→ACTOR, GPE/LOC/FAC→LOCATION, DATE/TIME→DATE by default)')
  .option('--new-label <FROM>', 'Add a foreign label to the project as a label of its own, its spans keeping it (repeat for more)')
  .option('--json', 'Print the preview and the report as JSON')
  .example('spanwise import ~/corpora/idlib ~/Downloads/doccano.jsonl --annotator "Old tool" --map MISC= --map NORP=ACTOR --new-label WEAPON')
  .action(async (project: string, paths: string[], options: { annotator?: string | number; format?: string; map?: string | string[]; newLabel?: string | string[]; json?: boolean }) => {
    if (options.format !== undefined && !importFormats.includes(options.format as ImportFormat)) {
      throw new Error(`--format ${options.format} is not a format Spanwise reads; use one of ${importFormats.join(', ')}.`);
    }
    const absolute = paths.map((file) => path.resolve(String(file)));
    const { preview, report } = await importIntoProject(
      project,
      absolute,
      {
        ...(options.annotator !== undefined ? { annotator: String(options.annotator) } : {}),
        ...(options.format !== undefined ? { format: options.format as ImportFormat } : {}),
        ...(options.map !== undefined ? { mapping: labelMap(options.map) } : {}),
        ...(options.newLabel !== undefined ? { newLabels: [options.newLabel].flat().map(String) } : {}),
      },
      progress,
    );
    console.log(options.json ? JSON.stringify({ preview, report }, null, 2) : formatImport(preview, report));
    if (report.errors.length > 0) process.exitCode = 1;
  });

cli
  .command('export <project>', 'Write a dataset: one layer (or gold, or the majority of annotators), optionally split by document')
  .option('--format <format>', `The format: ${exportFormats.join(', ')} (conll is CoNLL-2003 style IOB2)`)
  .option('--out <dir>', 'The folder to write into: new or empty (or give --overwrite)')
  .option('--layer <name>', 'An annotator (layer id or name), gold, or majority', { default: 'majority' })
  .option('--split <ratios>', 'Split into train,validation[,test] by document, e.g. 80,10,10')
  .option('--seed <n>', 'The seed of the split: the same seed gives the same split', { default: 1 })
  .option('--stratify', 'Give every split its share of each label')
  .option('--done-only', 'Only documents the layer marked done')
  .option('--overwrite', 'Write into a folder that already holds files')
  .option('--json', 'Print the result as JSON')
  .example('spanwise export ~/corpora/idlib --format conll --out ~/datasets/idlib --layer gold --split 80,10,10 --seed 7 --stratify')
  .action(
    async (
      project: string,
      options: { format?: string; out?: string; layer: string | number; split?: string | number; seed: string | number; stratify?: boolean; doneOnly?: boolean; overwrite?: boolean; json?: boolean },
    ) => {
      if (options.format === undefined || !exportFormats.includes(options.format as ExportFormat)) {
        throw new Error(`Give --format, one of ${exportFormats.join(', ')}.`);
      }
      if (options.out === undefined || String(options.out) === '') throw new Error('Give --out, the folder to write the dataset into.');
      const seed = Number(options.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new Error(`--seed must be a whole number from 0 to ${2 ** 32 - 1}, not ${options.seed}.`);
      const outcome = await exportProject(
        project,
        {
          format: options.format as ExportFormat,
          outDir: path.resolve(String(options.out)),
          layer: String(options.layer),
          doneOnly: options.doneOnly ?? false,
          overwrite: options.overwrite ?? false,
          ...(options.split !== undefined ? { split: { ratios: ratios(String(options.split)), seed, stratify: options.stratify ?? false } } : {}),
        },
        progress,
      );
      console.log(options.json ? JSON.stringify(outcome, null, 2) : formatExport(outcome));
    },
  );

/** `--map FROM=TO` values as a mapping; `FROM=` drops FROM's spans. */
function labelMap(values: string | string[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const value of [values].flat().map(String)) {
    const at = value.indexOf('=');
    if (at <= 0) throw new Error(`--map ${value}: write FROM=TO (or FROM= to drop FROM's spans).`);
    const target = value.slice(at + 1).trim();
    mapping[value.slice(0, at).trim()] = target === '' ? null : target;
  }
  return mapping;
}

/** `--split 80,10,10` as ratios. */
function ratios(text: string): number[] {
  const parts = text.split(/[,/:]/).map((part) => Number(part.trim()));
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !Number.isFinite(part) || part < 0) || parts.every((part) => part === 0)) {
    throw new Error(`--split ${text}: give two or three shares such as 80,20 or 80,10,10.`);
  }
  return parts;
}

// cac shows a command's description only in the list of all commands; its own --help says it too.
cli.help((sections) => {
  const description = cli.matchedCommand?.description;
  return description ? [...sections.slice(0, 2), { body: `  ${description}` }, ...sections.slice(2)] : sections;
});
cli.version(version);

try {
  cli.parse(process.argv, { run: false });
  if (cli.matchedCommand) {
    await cli.runMatchedCommand();
  } else if (cli.args.length > 0) {
    console.error(`Unknown command "${cli.args[0]}". See spanwise --help.`);
    process.exitCode = 1;
  } else if (!cli.options.help && !cli.options.version) {
    cli.outputHelp();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
