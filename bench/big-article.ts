/**
 * The big article in Spanwise: opening it, the same text as plain paragraphs for comparison,
 * tagging by keypress, scrolling through it, and the page's JS heap.
 */
import type { Page } from '@playwright/test';
import { heapUsedMb, type BenchBrowser } from './browser';
import type { Inputs } from './inputs';
import type { PageServer } from './page-server';
import type { Row } from './report';
import { progress, repeat, type Effort } from './runs';
import { startServer } from './server';

const SECTION = 'The 100,000-word article (5,000 spans, 1 in 6 nested)';
const SECTION_BARE = 'The same article with the service answering no suggestions (the editor on its own; no budgets)';
const HIGHLIGHT = '.ProseMirror [data-span-id]';
const EDITOR_SCROLLER = '.sw-editor-scroll';
const OPEN_TIMEOUT_MS = 120_000;
/** The app is idle once no API call has been made for this long: more than its own delays (250–400 ms). */
const QUIET_MS = 600;
/** Pixels scrolled per frame: a brisk fling, a third of a screen each frame. */
const SCROLL_STEP_PX = 300;
const SCROLL_MAX_FRAMES = 1_200;

export interface BigArticleResults {
  rows: Row[];
  /** Spanwise's own figures, for the side-by-side with the peers. */
  openMs: number[];
  addSpanMs: number[];
}

export async function measureBigArticle(browser: BenchBrowser, inputs: Inputs, pages: PageServer, effort: Effort): Promise<BigArticleResults> {
  const server = await startServer(inputs.article.dataDir, inputs.article.projectDir);
  const { context, page: first } = await browser.newPage();
  try {
    // The token is traded for a cookie once; later pages open the app as a reload would.
    await first.goto(server.url);
    await first.evaluate(([selector, timeout]) => window.__bench.painted(selector, 1, timeout), [HIGHLIGHT, OPEN_TIMEOUT_MS] as const);
    await first.close();
    const appUrl = `${new URL(server.url).origin}/`;

    progress('opening the big article in Spanwise');
    let page: Page | null = null;
    const heapMb: number[] = [];
    const busyAfterMs: number[] = [];
    const openMs = await repeat({ warmups: 1, runs: effort.runs }, async () => {
      await page?.close();
      page = await context.newPage();
      await page.goto(appUrl);
      const ms = await page.evaluate(([selector, timeout]) => window.__bench.painted(selector, 1, timeout), [HIGHLIGHT, OPEN_TIMEOUT_MS] as const);
      // What the app asks for after opening (suggestions) must be done before the next run.
      busyAfterMs.push((await apiIdle(page)) - ms);
      heapMb.push(await heapUsedMb(page));
      return ms;
    });

    progress('the same text as plain paragraphs');
    const plainMs = await measurePlain(browser, pages, effort);

    progress('tagging by keypress');
    const open = page as Page | null;
    if (!open) throw new Error('No page is open');
    // Three series (quick, paced, with no suggestions), each with two warm-up tags.
    const series = effort.tags + 2;
    const words = tagWords(inputs, 3 * series);
    const tags = await measureTagging(open, inputs, words.slice(0, series), { pauseMs: null });
    progress(`tagging by keypress, one tag every ${PACE_MS / 1000} s`);
    const pacedTags = await measureTagging(open, inputs, words.slice(series, 2 * series), { pauseMs: PACE_MS });

    progress('scrolling through the article');
    await apiIdle(open);
    const scroll = await repeat({ warmups: 0, runs: effort.scrolls }, () => scrollThrough(open));
    const frames = scroll.flatMap((run) => run.frames);
    const longestTask = Math.max(...scroll.map((run) => run.longestTaskMs));

    // The same with the service answering "no suggestions": what the editor costs on its own.
    progress('tagging and scrolling with no suggestions');
    await open.close();
    const bare = await context.newPage();
    await bare.route('**/api/call', (route) =>
      /"method":"getSuggestions"/.test(route.request().postData() ?? '') ? route.fulfill({ json: { ok: true, result: [] } }) : route.continue(),
    );
    await bare.goto(appUrl);
    const bareOpenMs = await bare.evaluate(([selector, timeout]) => window.__bench.painted(selector, 1, timeout), [HIGHLIGHT, OPEN_TIMEOUT_MS] as const);
    await apiIdle(bare);
    const bareTags = await measureTagging(bare, inputs, words.slice(2 * series), { pauseMs: null });
    const bareScroll = await scrollThrough(bare);

    const medianPlain = [...plainMs].sort((a, b) => a - b)[plainMs.length >> 1]!;
    const rows: Row[] = [
      { section: SECTION, measure: 'open: navigation to highlighted text painted', unit: 'ms', budget: { limit: 500, statistic: 'median' }, values: openMs },
      { section: SECTION, measure: 'the same text as plain paragraphs, no editor', unit: 'ms', budget: null, values: plainMs },
      {
        section: SECTION,
        measure: 'after opening: painted to the last API call answered',
        unit: 'ms',
        budget: null,
        values: busyAfterMs.slice(1),
        note: 'the calls the app makes once the text is on screen (suggestions)',
      },
      {
        section: SECTION,
        measure: 'open, as a ratio to plain paragraphs (each run / plain median)',
        unit: '×',
        budget: { limit: 3, statistic: 'median' },
        values: openMs.map((ms) => ms / medianPlain),
      },
      { section: SECTION, measure: 'tag by keypress: keydown to highlight laid out in the DOM', unit: 'ms', budget: { limit: 16, statistic: 'median' }, values: tags.map((t) => t.dom) },
      { section: SECTION, measure: 'tag by keypress: keydown to the next frame painted', unit: 'ms', budget: { limit: 50, statistic: 'median' }, values: tags.map((t) => t.frame) },
      {
        section: SECTION,
        measure: 'tag durable on disk: keydown to the store’s answer',
        unit: 'ms',
        budget: { limit: 100, statistic: 'median' },
        ...acks(tags),
      },
      {
        section: SECTION,
        measure: `the same, tagging every ${PACE_MS / 1000} s (the app’s calls after each tag still running)`,
        unit: 'ms',
        budget: null,
        ...acks(pacedTags),
      },
      {
        section: SECTION,
        measure: 'after a tag: the store’s answer to the last API call answered',
        unit: 'ms',
        budget: null,
        values: tags.map((t) => t.busyAfterMs ?? 0),
        note: 'the calls the app makes after each edit (suggestions again)',
      },
      {
        section: SECTION,
        measure: `scroll through it (${SCROLL_STEP_PX} px a frame): frame length`,
        unit: 'ms',
        budget: { limit: 50, statistic: 'max' },
        values: frames,
        note: `${frames.length} frames in ${scroll.length} runs; longest task ${longestTask.toFixed(0)} ms`,
      },
      { section: SECTION, measure: 'renderer JS heap with the article open (after GC)', unit: 'MB', budget: { limit: 100, statistic: 'max' }, values: heapMb },
    ];
    rows.push(
      {
        section: SECTION_BARE,
        measure: 'open (one run)',
        unit: 'ms',
        budget: null,
        values: [bareOpenMs],
      },
      { section: SECTION_BARE, measure: 'tag by keypress: keydown to highlight laid out in the DOM', unit: 'ms', budget: null, values: bareTags.map((t) => t.dom) },
      { section: SECTION_BARE, measure: 'tag by keypress: keydown to the next frame painted', unit: 'ms', budget: null, values: bareTags.map((t) => t.frame) },
      { section: SECTION_BARE, measure: 'tag durable on disk: keydown to the store’s answer', unit: 'ms', budget: null, ...acks(bareTags) },
      {
        section: SECTION_BARE,
        measure: `scroll through it (${SCROLL_STEP_PX} px a frame): frame length`,
        unit: 'ms',
        budget: null,
        values: bareScroll.frames,
        note: `longest task ${bareScroll.longestTaskMs.toFixed(0)} ms`,
      },
    );
    return { rows, openMs, addSpanMs: tags.map((t) => t.frame) };
  } finally {
    await context.close();
    await server.stop();
  }
}

async function measurePlain(browser: BenchBrowser, pages: PageServer, effort: Effort): Promise<number[]> {
  const { context } = await browser.newPage();
  try {
    return await repeat({ warmups: 1, runs: effort.runs }, async () => {
      const page = await context.newPage();
      await page.goto(pages.pageUrl('plain'));
      const ms = await page.evaluate(() => window.__bench.painted('#page p', 1, 60_000));
      await page.close();
      return ms;
    });
  } finally {
    await context.close();
  }
}

function scrollThrough(page: Page): Promise<{ frames: number[]; longestTaskMs: number }> {
  return page.evaluate(([selector, step, frames]) => window.__bench.scrollFrames(selector, step, frames), [EDITOR_SCROLLER, SCROLL_STEP_PX, SCROLL_MAX_FRAMES] as const);
}

/** Tags this far apart are a brisk annotator's pace. */
const PACE_MS = 2_000;

/** `count` untagged words spread down the article, where the tagging runs add their spans. */
function tagWords(inputs: Inputs, count: number): Array<{ start: number; end: number }> {
  const { freeWords } = inputs.bigArticle;
  const stride = Math.floor(freeWords.length / count);
  return Array.from({ length: count }, (_, i) => freeWords[i * stride]!);
}

/** When the page's app has made its last API call, on the page's clock. */
function apiIdle(page: Page): Promise<number> {
  return page.evaluate(([quiet, timeout]) => window.__bench.apiIdle(quiet, timeout), [QUIET_MS, OPEN_TIMEOUT_MS] as const);
}

function acks(tags: Array<{ ack: number | null }>): Pick<Row, 'values' | 'note'> {
  return tags.every((t) => t.ack !== null) ? { values: tags.map((t) => t.ack!) } : { values: null, note: 'no editSpans answer was seen' };
}

/**
 * Select each word with the page's selection and press `1` (ACTOR). With no pause the app is
 * left to finish what it does after each tag (its API calls) before the next; with a pause the
 * next tag comes that long after the last, whatever the app is still doing.
 */
async function measureTagging(page: Page, inputs: Inputs, words: Array<{ start: number; end: number }>, { pauseMs }: { pauseMs: number | null }) {
  const { text } = inputs.bigArticle;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => lineStarts.findLastIndex((start) => start <= offset);
  await page.locator('.ProseMirror').focus();
  let lastKeydown = 0;
  return repeat({ warmups: 2, runs: words.length - 2 }, async (index) => {
    const word = words[index]!;
    const line = lineOf(word.start);
    const inLine = [word.start - lineStarts[line]!, word.end - lineStarts[line]!] as const;
    if (pauseMs === null) await apiIdle(page);
    await page.evaluate(([l, start, end]) => window.__bench.selectInArticle(l, start, end), [line, ...inLine] as const);
    if (pauseMs !== null) await page.waitForTimeout(Math.max(0, lastKeydown + pauseMs - performance.now()));
    await page.evaluate(([selector, word]) => window.__bench.armTag(selector, word), [HIGHLIGHT, text.slice(word.start, word.end)] as const);
    lastKeydown = performance.now();
    await page.keyboard.press('1');
    const timing = await page.evaluate(() => window.__bench.collectTag(30_000));
    // How long the app goes on calling the service after the store's answer.
    const idleAt = pauseMs === null ? await apiIdle(page) : null;
    return { ...timing, busyAfterMs: idleAt === null ? null : idleAt - timing.keydownAt - (timing.ack ?? 0) };
  });
}
