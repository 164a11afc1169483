#!/usr/bin/env node
// `npm run test:e2e [playwright args]`: build if needed, find a Chromium (installing
// Playwright's own only when the machine has none), then run Playwright.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { ensureBuilt, ROOT } from './build.mjs';
import { runAndExit } from './run.mjs';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** @returns {string | undefined} */
function findChromium() {
  const candidates = [process.env.SPANWISE_CHROMIUM, ...SYSTEM_CHROMIUMS, chromium.executablePath()];
  return candidates.find((path) => path && existsSync(path));
}

ensureBuilt();

let browser = findChromium();
if (!browser) {
  console.log('No Chromium on this machine; installing Playwright’s own (npx playwright install chromium).');
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  browser = findChromium();
  if (install.status !== 0 || !browser) {
    console.error('Could not install Chromium; set SPANWISE_CHROMIUM to a Chromium executable and try again.');
    process.exit(1);
  }
}

runAndExit('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: ROOT,
  env: { ...process.env, SPANWISE_CHROMIUM: browser },
  shell: process.platform === 'win32',
});
