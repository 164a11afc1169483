/**
 * `npm run bench`: generate the inputs, measure Spanwise in browser mode and the peers in the
 * same Chromium, print the table, write bench-results.json, and exit 1 when a budget is missed.
 * Options: `--no-peers` (Spanwise only), `--keep` (leave the generated inputs in place),
 * `--quick` (fewer runs and a shorter time limit for the peers: to try it out, not to record),
 * `--article` or `--project` (only that part, for working on it; peers need `--article`).
 */
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './browser';
import { measureBigArticle } from './big-article';
import { createInputs } from './inputs';
import { measureLargeProject } from './large-project';
import { startPageServer } from './page-server';
import { DEFAULT_LIMITS, measurePeers, QUICK_LIMITS } from './peers';
import { allWithinBudget, formatTable, resultsJson, type Row } from './report';
import { FULL_EFFORT, progress, QUICK_EFFORT } from './runs';
import { copyBuild, REPO_ROOT } from './server';

const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results.json');
const OPTIONS = ['--no-peers', '--keep', '--quick', '--article', '--project'];

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(', ')}; the options are ${OPTIONS.join(', ')}`);
  const quick = args.has('--quick');
  const onlyProject = args.has('--project') && !args.has('--article');
  const onlyArticle = args.has('--article') && !args.has('--project');
  const effort = quick ? QUICK_EFFORT : FULL_EFFORT;
  const started = performance.now();
  const machine = {
    date: new Date().toISOString(),
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    quick,
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
  };

  copyBuild();
  const root = path.join(os.tmpdir(), 'spanwise-bench');
  progress(`generating inputs in ${root}`);
  const inputs = createInputs(root, path.join(os.tmpdir(), 'spanwise-bench-cache'));
  progress(`inputs ready in ${inputs.seconds.toFixed(1)} s${inputs.cached ? ' (the 10,000-article project from the cache)' : ''}`);

  const browser = await launchBrowser();
  const pages = await startPageServer(inputs.bigArticle);
  const rows: Row[] = [];
  // A part that breaks leaves a row saying so; the rest is still measured.
  const failed = (section: string) => (error: unknown): Row[] => {
    console.error(`bench: ${section} failed:`, error);
    return [{ section, measure: 'all of it', unit: 'ms', budget: null, values: null, note: `failed: ${String(error).split('\n')[0]}` }];
  };
  try {
    const article = onlyProject
      ? { rows: [], openMs: [], addSpanMs: [] }
      : await measureBigArticle(browser, inputs, pages, effort).catch((error: unknown) => ({ rows: failed('The big article')(error), openMs: [], addSpanMs: [] }));
    rows.push(...article.rows);
    if (!onlyArticle) rows.push(...(await measureLargeProject(browser, inputs, effort).catch(failed('The 10,000-article project'))));
    if (!args.has('--no-peers') && article.openMs.length > 0) rows.push(...(await measurePeers(browser, inputs, pages, article, quick ? QUICK_LIMITS : DEFAULT_LIMITS).catch(failed('Peers'))));
  } finally {
    await pages.close();
    await browser.close();
  }

  const context = {
    ...machine,
    chromium: browser.version,
    loadAverageAtEnd: os.loadavg().map((load) => Number(load.toFixed(2))),
    minutes: Number(((performance.now() - started) / 60_000).toFixed(1)),
  };
  console.log(`Spanwise benchmark, ${context.date}: ${context.cpus}, ${context.memoryGb} GB, Chromium ${context.chromium}, ${context.minutes} min${quick ? ' (--quick: few runs, not for the record)' : ''}`);
  console.log(`Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${context.loadAverageAtEnd.join(' ')}\n`);
  console.log(formatTable(rows));
  writeFileSync(RESULTS_FILE, `${JSON.stringify(resultsJson(rows, context), null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
  if (!args.has('--keep')) rmSync(root, { recursive: true, force: true });

  const ok = allWithinBudget(rows) && !rows.some((row) => row.note?.startsWith('failed'));
  if (!ok) console.log('A budget was missed.');
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error('The benchmark failed:', error);
  process.exitCode = 2;
});
