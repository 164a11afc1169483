#!/usr/bin/env node
// `npm run soak -- --minutes N` (or `--seconds N`): simulated annotation through the HTTP API of
// the real browser-mode server at 20 operations a second — add, update, remove, undo, redo and
// status changes on the sample articles — with a SIGKILL and restart every few seconds. Prints
// the operations, kills and lost acknowledged edits; exits non-zero when any acknowledged edit
// is lost, a file no longer parses, or an answer contradicts the client's model.
// Options: --seed N (default: random, printed), --rate N (operations a second, default 20).
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { ensureBuilt } from './build.mjs';

const usage = 'Usage: npm run soak -- --minutes N | --seconds N [--seed N] [--rate N]';

/** @param {string | undefined} value @param {string} name */
function positive(value, name) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    console.error(`--${name} must be a positive number, not "${value}". ${usage}`);
    process.exit(2);
  }
  return number;
}

const { values } = parseArgs({
  options: { minutes: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' }, rate: { type: 'string' } },
});
const seconds = positive(values.seconds, 'seconds') ?? (positive(values.minutes, 'minutes') ?? 1) * 60;
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer. ${usage}`);
  process.exit(2);
}
const rate = positive(values.rate, 'rate') ?? 20;

ensureBuilt();
register();
// Exit through 'exit' handlers, which stop the server the harness started.
process.once('SIGTERM', () => process.exit(143));
process.once('SIGINT', () => process.exit(130));
const { runCrashHarness, describeReport } = await import('./crash-harness.ts');

console.log(`Soak: ${seconds} s at ${rate} operations a second, a kill every 2–6 s, seed ${seed}`);
const report = await runCrashHarness({
  seed,
  stop: { durationMs: seconds * 1000 },
  rate,
  loadMs: [2_000, 6_000],
  log: (line) => console.log(line),
});
console.log(`operations: ${report.operations}`);
console.log(`operations per second: ${report.operationsPerSecond.toFixed(1)}`);
console.log(`acknowledged edits: ${report.acknowledged}`);
console.log(`kills: ${report.kills}`);
console.log(`lost acknowledged edits: ${report.lost}`);
for (const problem of [...report.unparsable, ...report.divergences]) console.log(`  ${problem}`);
console.log(describeReport(report));
const failed = report.lost > 0 || report.unparsable.length > 0 || report.divergences.length > 0;
process.exit(failed ? 1 : 0);
