/**
 * Where a worker thread's script is: beside the entry points once built (in `dist/main/`, with
 * the calling module there or in `dist/main/chunks/`; electron.vite.config.ts names each such
 * entry), or the TypeScript source, loaded through tsx, when running from source (tests).
 */
import { existsSync } from 'node:fs';
import type { WorkerOptions } from 'node:worker_threads';

/** How a thread is started: `new Worker(script, options)`. */
export interface ThreadScript {
  script: URL | string;
  options: WorkerOptions;
}

/** How to start the thread whose entry is `electron/<name>.ts`. */
export function threadScript(name: string): ThreadScript {
  if (import.meta.url.endsWith('.ts')) {
    const source = new URL(`./${name}.ts`, import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
    return { script: bootstrap, options: { eval: true } };
  }
  const beside = new URL(`./${name}.js`, import.meta.url);
  return { script: existsSync(beside) ? beside : new URL(`../${name}.js`, import.meta.url), options: {} };
}
