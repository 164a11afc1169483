/**
 * The 10,000-article project in Spanwise: opening it to an interactive document list, scrolling
 * the list, agreement over it, suggestions for one article, export and import, and what the
 * server process holds in memory meanwhile.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ApiMethod, ApiResult } from '../shared/api';
import { isApiMethod } from '../shared/apiSchemas';
import type { BenchBrowser } from './browser';
import { ANNOTATORS, CORPUS_SIZE, type Inputs } from './inputs';
import type { Row } from './report';
import { progress, repeat, timed, type Effort } from './runs';
import { startServer, type SpanwiseServer } from './server';

const SECTION = 'The 10,000-article project (1,500 words and 30 spans each, 3 annotators)';
/** An entry only the large project lists (the small one holds just doc-00001). */
const LARGE_LIST_ENTRY = '[data-testid=doc-item][data-doc-id="doc-00002"]';
const LIST_SCROLLER = '.sw-doclist-scroll';
const LIST_STEP_PX = 2_000;
/** A call that takes longer than this once is measured once only. */
const SLOW_CALL_MS = 20_000;
const WAIT_MS = 120_000;

export async function measureLargeProject(browser: BenchBrowser, inputs: Inputs, effort: Effort): Promise<Row[]> {
  const { corpus } = inputs;
  const server = await startServer(corpus.dataDir, corpus.startDir);
  const { context, page } = await browser.newPage();
  try {
    await page.goto(server.url);
    await page.locator('[data-testid=doc-item]').first().waitFor({ timeout: WAIT_MS });

    progress('opening the 10,000-article project');
    const openLarge = () =>
      page.evaluate(
        async ([dir, entry]) => {
          const started = performance.now();
          // What the project picker does: open the folder; the app follows the service's event.
          const call = fetch('/api/call', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ method: 'openProject', args: [dir] }),
          });
          const painted = await window.__bench.painted(entry, 1, 60_000);
          await call;
          return painted - started;
        },
        [corpus.projectDir, LARGE_LIST_ENTRY] as const,
      );
    const openMs = await repeat({ warmups: 1, runs: effort.runs }, async () => {
      const ms = await openLarge();
      await server.call('openProject', [corpus.startDir]);
      await page.locator(LARGE_LIST_ENTRY).waitFor({ state: 'detached', timeout: WAIT_MS });
      return ms;
    });
    await openLarge();

    progress('scrolling the document list');
    // Once the app's calls after opening (the first document, its suggestions) are answered.
    await page.evaluate(([quiet, timeout]) => window.__bench.apiIdle(quiet, timeout), [600, WAIT_MS] as const);
    const scroll = await repeat({ warmups: 0, runs: effort.scrolls }, () =>
      page.evaluate(([selector, step]) => window.__bench.scrollFrames(selector, step, 2_000), [LIST_SCROLLER, LIST_STEP_PX] as const),
    );
    const frames = scroll.flatMap((run) => run.frames);
    const rowsInDom = await page.locator('[data-testid=doc-item]').count();
    const memoryAfterOpen = server.memory();

    progress('agreement, suggestions, export and import');
    const agreement = await measureCall('getAgreement', () => server.call('getAgreement', []), effort);
    const docIds = Array.from({ length: 12 }, (_, i) => `doc-${String(1 + i * 797).padStart(5, '0')}`);
    // Every call is kept: the first ones (the warm-ups) show what building the project's gazetteer costs.
    const suggestionCalls = isApiMethod('getSuggestions')
      ? await repeat({ warmups: 0, runs: 2 + 2 * effort.runs }, async (index) => (await timed(() => server.call('getSuggestions', [docIds[index]!]))).ms)
      : null;
    const suggestions = suggestionCalls?.slice(2) ?? null;
    const exports = isApiMethod('exportData') && isApiMethod('importFiles') ? await measureExportImport(server, inputs, effort) : null;
    const notMeasured = 'export and import API not present yet';
    const memoryAtEnd = server.memory();
    return [
      { section: SECTION, measure: 'open the project to an interactive document list', unit: 'ms', budget: { limit: 1_500, statistic: 'median' }, values: openMs },
      {
        section: SECTION,
        measure: `scroll the document list (${LIST_STEP_PX} px a frame): frame length`,
        unit: 'ms',
        budget: { limit: 50, statistic: 'max' },
        values: frames,
        note: `${frames.length} frames; ${rowsInDom} of ${CORPUS_SIZE} rows in the DOM`,
      },
      {
        section: SECTION,
        measure: 'export to IOB2 (CoNLL) with an 80/10/10 split',
        unit: 's',
        budget: { limit: 10, statistic: 'median' },
        values: exports?.iob2 ?? null,
        ...(exports ? {} : { note: notMeasured }),
      },
      {
        section: SECTION,
        measure: 'export to Spanwise JSON (every layer)',
        unit: 's',
        budget: { limit: 5, statistic: 'median' },
        values: exports?.json ?? null,
        note: exports ? `${exports.jsonMb.toFixed(0)} MB` : notMeasured,
      },
      {
        section: SECTION,
        measure: 'import that Spanwise JSON into an empty project',
        unit: 's',
        budget: { limit: 10, statistic: 'median' },
        values: exports?.import ?? null,
        ...(exports ? { note: exports.importNote } : { note: notMeasured }),
      },
      {
        section: SECTION,
        measure: 'agreement over the project, 3 annotators',
        unit: 's',
        budget: { limit: 3, statistic: 'median' },
        values: agreement.warm?.map((ms) => ms / 1000) ?? null,
        ...(agreement.note ? { note: agreement.note } : {}),
      },
      {
        section: SECTION,
        measure: 'agreement, first call after opening (the warm-up above)',
        unit: 's',
        budget: null,
        values: agreement.cold === null ? null : [agreement.cold / 1000],
        ...(agreement.note ? { note: agreement.note } : {}),
      },
      {
        section: SECTION,
        measure: 'suggestions for one 1,500-word article',
        unit: 'ms',
        budget: { limit: 100, statistic: 'median' },
        values: suggestions,
        ...(suggestions ? {} : { note: 'getSuggestions API not present yet' }),
      },
      {
        section: SECTION,
        measure: 'suggestions, the first two calls (the warm-ups above)',
        unit: 'ms',
        budget: null,
        values: suggestionCalls?.slice(0, 2) ?? null,
        note: 'the first call of a project reads every layer file for its gazetteer, unless the window’s own call already did',
      },
      {
        section: SECTION,
        measure: 'server RSS, project open and its list scrolled',
        unit: 'MB',
        budget: { limit: 400, statistic: 'max' },
        values: [memoryAfterOpen.rssMb],
      },
      {
        section: SECTION,
        measure: 'server RSS after agreement, suggestions, export and import',
        unit: 'MB',
        budget: { limit: 400, statistic: 'max' },
        values: [memoryAtEnd.rssMb],
      },
      {
        section: SECTION,
        measure: 'server RSS at its highest, from start to the end of the import',
        unit: 'MB',
        budget: { limit: 400, statistic: 'max' },
        values: [memoryAtEnd.peakMb],
        note: 'the kernel’s high-water mark (VmHWM): exports run on threads with heaps of their own',
      },
    ];
  } finally {
    await context.close();
    await server.stop();
  }
}

/**
 * Export the project (the first annotator's layer) to IOB2 with a split and to Spanwise JSON,
 * then import that JSON into a new, empty project; each timed once cold and twice more. The
 * service has the large project open again at the end.
 */
async function measureExportImport(server: SpanwiseServer, inputs: Inputs, effort: Effort) {
  const { corpus } = inputs;
  const layer = ANNOTATORS[0]!.id;
  const outRoot = path.join(inputs.root, 'exports');
  const plan = { warmups: 1, runs: Math.min(2, effort.runs), allowanceMs: 60_000 };
  const iob2 = await repeat(plan, async (index) => {
    const split = { ratios: [0.8, 0.1, 0.1], seed: 6, stratify: false };
    return (await timed(() => server.call('exportData', [{ format: 'conll', layer, split, outDir: path.join(outRoot, `iob2-${index}`) }]))).ms / 1000;
  });
  let jsonFile = '';
  const json = await repeat(plan, async (index) => {
    const { ms, result } = await timed(() => server.call('exportData', [{ format: 'spanwise', layer, outDir: path.join(outRoot, `json-${index}`) }]));
    jsonFile = result.files[0]!;
    return ms / 1000;
  });
  let report: ApiResult<'importFiles'> | null = null;
  const imports = await repeat({ ...plan, warmups: 0 }, async (index) => {
    await server.call('createProject', [path.join(outRoot, `imported-${index}`), 'Imported']);
    const { ms, result } = await timed(() => server.call('importFiles', [[jsonFile]]));
    report = result;
    return ms / 1000;
  });
  await server.call('openProject', [corpus.projectDir]);
  const imported = report as ApiResult<'importFiles'> | null;
  const refusal = imported?.errors[0];
  return {
    iob2,
    json,
    jsonMb: statSync(jsonFile).size / 2 ** 20,
    // An import that refused the file measured nothing.
    import: refusal ? null : imports,
    importNote: refusal
      ? `failed: the import refused the file (${refusal.message}); ${imports.map((s) => s.toFixed(1)).join(', ')} s to say so`
      : `${imported?.added.length ?? 0} documents, ${imported?.layers.length ?? 0} layers`,
  };
}

/**
 * Time an API call once cold (the warm-up) and then a few times more, or only once when it is
 * slow; nulls when the API lacks the method.
 */
async function measureCall(method: ApiMethod, call: () => Promise<unknown>, effort: Effort): Promise<{ cold: number | null; warm: number[] | null; note?: string }> {
  if (!isApiMethod(method)) return { cold: null, warm: null, note: `${method} API not present yet` };
  const cold = (await timed(call)).ms;
  if (cold > SLOW_CALL_MS) return { cold, warm: [cold], note: 'measured once: it is slow' };
  return { cold, warm: await repeat({ warmups: 0, runs: Math.min(3, effort.runs) }, async () => (await timed(call)).ms) };
}
