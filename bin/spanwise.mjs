#!/usr/bin/env node
// The `spanwise` command: the CLI built into dist/main/cli.js, built first when needed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../scripts/build.mjs';

ensureBuilt();
await import(pathToFileURL(join(ROOT, 'dist/main/cli.js')).href);
