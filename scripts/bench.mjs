#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --no-peers] [-- --keep]`: build if needed, then run the benchmark
// (bench/main.ts, under tsx). Not part of `npm test`; see docs/benchmarks.md.
import { ensureBuilt, ROOT } from './build.mjs';
import { runAndExit } from './run.mjs';

ensureBuilt();
runAndExit(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...process.argv.slice(2)], { cwd: ROOT });
