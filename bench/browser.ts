/**
 * The one Chromium every measure runs in: headless, the system build, the flags the e2e tests
 * use. Each page gets the in-page probe (bench/pages/probe.ts) before its own scripts, and may
 * reach only 127.0.0.1: every other address goes through a proxy that is not there. (Not by
 * routing requests in Playwright, which turns the HTTP cache off, so every opening would load
 * and compile the app's script as if for the first time; a browser keeps it.)
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { compilePage } from './page-server';

export const CHROMIUM = process.env.SPANWISE_CHROMIUM ?? '/usr/bin/chromium';
/** Chromium sends loopback addresses past the proxy by itself; nothing listens on port 9 (discard). */
const NO_NETWORK = '--proxy-server=http://127.0.0.1:9';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info', NO_NETWORK];
export const VIEWPORT = { width: 1280, height: 860 };

export interface BenchBrowser {
  browser: Browser;
  version: string;
  /** A fresh context and page, probe installed; close the context when done. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const probe = compilePage('probe').replace(/^export \{\};?$/m, '');
  return {
    browser,
    version: browser.version(),
    async newPage() {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript({ content: probe });
      return { context, page: await context.newPage() };
    },
    close: () => browser.close(),
  };
}

/** The JS heap the page uses after a full garbage collection, in MB. */
export async function heapUsedMb(page: Page): Promise<number> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}
