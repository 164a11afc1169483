/**
 * The same article with the same spans in the peers, in the same Chromium: Recogito's text
 * annotator and Label Studio's frontend. For each, the time from navigation to painted
 * highlights and the time to add one span, next to Spanwise's. A peer that cannot render the
 * whole article within the time limit is bisected on the paragraph count to the largest part of
 * it that it renders in time.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { heapUsedMb, type BenchBrowser } from './browser';
import { BIG_ARTICLE } from './corpus';
import type { Inputs } from './inputs';
import { firstParagraphs, type PageServer } from './page-server';
import { summarise, type Row } from './report';
import { progress } from './runs';

const SECTION = 'Side by side with peers: the same article, same spans, same Chromium';

export interface Peer {
  name: string;
  page: 'recogito' | 'label-studio';
  /** An element each drawn highlight has. */
  highlight: string;
  /**
   * Whether every span gets its element up front (so all must be there), or only those on
   * screen (so one is enough to see the highlights painted).
   */
  drawsAll: boolean;
}

export const PEERS: Peer[] = [
  { name: 'Recogito text-annotator 4.1.1', page: 'recogito', highlight: '.r6o-annotation', drawsAll: false },
  { name: 'Label Studio frontend 1.4.0', page: 'label-studio', highlight: '.htx-highlight', drawsAll: true },
];

export interface PeerLimits {
  /** How long one rendering may take before the peer counts as unable to render that size. */
  renderLimitMs: number;
  /** How long measuring one peer may take in all, bisection included. */
  allowanceMs: number;
}

export const DEFAULT_LIMITS: PeerLimits = { renderLimitMs: 120_000, allowanceMs: 300_000 };
/** `--quick`: a peer slower than this counts as unable, and the bisection is short. */
export const QUICK_LIMITS: PeerLimits = { renderLimitMs: 20_000, allowanceMs: 120_000 };

/** Spanwise's own figures from the same run. */
export interface SpanwiseFigures {
  openMs: number[];
  addSpanMs: number[];
}

export async function measurePeers(browser: BenchBrowser, inputs: Inputs, pages: PageServer, spanwise: SpanwiseFigures, limits = DEFAULT_LIMITS): Promise<Row[]> {
  const median = (values: number[]) => summarise(values).median;
  const rows: Row[] = [
    { section: SECTION, measure: 'Spanwise: open to painted highlights', unit: 'ms', budget: null, values: spanwise.openMs },
    { section: SECTION, measure: 'Spanwise: add one span (keydown to painted frame)', unit: 'ms', budget: null, values: spanwise.addSpanMs },
  ];
  for (const peer of PEERS) {
    progress(`rendering the article in ${peer.name}`);
    const result = await measurePeer(browser, inputs, pages, peer, limits).catch(
      (error: unknown): PeerResult => ({ paragraphs: BIG_ARTICLE.paragraphs, openMs: null, addSpanMs: null, heapMb: null, note: `failed: ${String(error).split('\n')[0]}` }),
    );
    const ratio = (values: number[] | null, ours: number[]) => (values ? `${(median(values) / median(ours)).toFixed(1)}× Spanwise’s time` : undefined);
    const whole = result.paragraphs === BIG_ARTICLE.paragraphs;
    const size = whole ? '' : ` (first ${result.paragraphs} of ${BIG_ARTICLE.paragraphs} paragraphs)`;
    rows.push(
      {
        section: SECTION,
        measure: `${peer.name}: open to painted highlights${size}`,
        unit: 'ms',
        budget: null,
        values: result.openMs,
        note: [whole ? ratio(result.openMs, spanwise.openMs) : undefined, result.note].filter(Boolean).join('; ') || undefined,
      },
      {
        section: SECTION,
        measure: `${peer.name}: add one span (call to painted frame)${size}`,
        unit: 'ms',
        budget: null,
        values: result.addSpanMs,
        note: whole ? ratio(result.addSpanMs, spanwise.addSpanMs) : undefined,
      },
      { section: SECTION, measure: `${peer.name}: JS heap with the article open${size}`, unit: 'MB', budget: null, values: result.heapMb },
    );
  }
  return rows;
}

interface PeerResult {
  /** The paragraphs the figures are for: the whole article, or the largest part rendered in time. */
  paragraphs: number;
  openMs: number[] | null;
  addSpanMs: number[] | null;
  heapMb: number[] | null;
  note?: string;
}

async function measurePeer(browser: BenchBrowser, inputs: Inputs, pages: PageServer, peer: Peer, limits: PeerLimits): Promise<PeerResult> {
  const started = performance.now();
  const left = () => limits.allowanceMs - (performance.now() - started);
  const { context } = await browser.newPage();
  try {
    // A warm-up at a small size loads the peer's code into the cache, as a second visit would.
    await render(context, pages, peer, inputs, 50, limits.renderLimitMs);

    let paragraphs = BIG_ARTICLE.paragraphs;
    let first = await render(context, pages, peer, inputs, paragraphs, limits.renderLimitMs);
    let note: string | undefined;
    if (!first.ok) {
      note = `cannot render all ${BIG_ARTICLE.paragraphs} paragraphs within ${limits.renderLimitMs / 1000} s`;
      const largest = await largestRendered(context, pages, peer, inputs, limits, left);
      if (!largest) return { paragraphs: 0, openMs: null, addSpanMs: null, heapMb: null, note: `${note}; nor any size tried` };
      ({ paragraphs, first } = largest);
      note += `; ${paragraphs} paragraphs is the largest part rendered in time`;
    }

    const openMs = [first.ms];
    const heapMb = [await heapUsedMb(first.page)];
    const addSpanMs = await addSpans(first.page, peer, inputs, paragraphs);
    await first.page.close();
    // More runs while the allowance lasts: a peer taking a minute a run gets fewer.
    while (openMs.length < 3 && left() > 2.5 * Math.max(...openMs)) {
      const again = await render(context, pages, peer, inputs, paragraphs, limits.renderLimitMs);
      if (!again.ok) break;
      openMs.push(again.ms);
      heapMb.push(await heapUsedMb(again.page));
      await again.page.close();
    }
    return { paragraphs, openMs, addSpanMs, heapMb, ...(note ? { note } : {}) };
  } finally {
    await context.close();
  }
}

type Rendering = { ok: true; ms: number; page: Page } | { ok: false };

/** Open the peer's page on the first `paragraphs` paragraphs; the page stays open when it rendered in time. */
async function render(context: BrowserContext, pages: PageServer, peer: Peer, inputs: Inputs, paragraphs: number, limitMs: number): Promise<Rendering> {
  const page = await context.newPage();
  const spans = firstParagraphs(inputs.bigArticle, paragraphs).spans.length;
  const painted = (async () => {
    await page.goto(pages.pageUrl(peer.page, paragraphs === BIG_ARTICLE.paragraphs ? undefined : paragraphs), { timeout: limitMs });
    return page.evaluate(([selector, count, limit]) => window.__bench.painted(selector, count, limit), [peer.highlight, peer.drawsAll ? spans : 1, limitMs] as const);
  })();
  // A page busy rendering cannot run its own timer: the limit is kept from out here.
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs)));
  const ms = await Promise.race([painted.catch(() => null), limit]);
  clearTimeout(timer);
  if (ms === null) {
    await page.close().catch(() => undefined);
    return { ok: false };
  }
  return { ok: true, ms, page };
}

/** Bisect the paragraph count for the largest part of the article the peer renders in time. */
async function largestRendered(
  context: BrowserContext,
  pages: PageServer,
  peer: Peer,
  inputs: Inputs,
  limits: PeerLimits,
  left: () => number,
): Promise<{ paragraphs: number; first: Extract<Rendering, { ok: true }> } | null> {
  let good: { paragraphs: number; first: Extract<Rendering, { ok: true }> } | null = null;
  let low = 0;
  let high = BIG_ARTICLE.paragraphs;
  while (high - low > BIG_ARTICLE.paragraphs / 32 && left() > limits.renderLimitMs) {
    const middle = Math.round((low + high) / 2);
    progress(`${peer.name}: trying ${middle} paragraphs`);
    const attempt = await render(context, pages, peer, inputs, middle, limits.renderLimitMs);
    if (attempt.ok) {
      if (good) await good.first.page.close();
      good = { paragraphs: middle, first: attempt };
      low = middle;
    } else {
      high = middle;
    }
  }
  return good;
}

/** Add a span on each of a few untagged words near the top of the page, timing each. */
async function addSpans(page: Page, peer: Peer, inputs: Inputs, paragraphs: number): Promise<number[]> {
  const inPart = firstParagraphs(inputs.bigArticle, paragraphs).text.length;
  const words = inputs.bigArticle.freeWords.filter((word) => word.end <= inPart).slice(0, 6);
  const times: number[] = [];
  for (const [index, word] of words.entries()) {
    const { frame } = await page.evaluate(
      ([selector, start, end]) => window.__bench.timeAdd(selector, 'addSpan', [start, end, 'ACTOR'], 60_000),
      [peer.highlight, word.start, word.end] as const,
    );
    // The first add is the warm-up.
    if (index > 0) times.push(frame);
  }
  return times;
}
