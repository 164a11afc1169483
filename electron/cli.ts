/**
 * The `spanwise` command line (bin/spanwise.mjs runs the built copy of this file).
 *   spanwise stats <project> [--json]   documents, spans per label, documents per status
 */
import { cac } from 'cac';
import { version } from '../package.json';
import { formatStats, readProjectStats } from './project-stats';

const cli = cac('spanwise');

cli
  .command('stats <project>', 'Count the documents of a project, its spans per label and its documents per status')
  .option('--json', 'Print the counts as JSON')
  .example('spanwise stats ~/corpora/idlib --json')
  .action(async (project: string, options: { json?: boolean }) => {
    const stats = await readProjectStats(project);
    console.log(options.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
  });

cli.help();
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
