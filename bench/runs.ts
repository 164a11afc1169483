/** Repeating a measurement: warm-up runs first, then measured runs, within a time allowance. */

/** How many runs each kind of measure gets: a full benchmark, or `--quick` for trying it out. */
export interface Effort {
  /** Measured runs (after one warm-up) of opening a page or project, and of each API call. */
  runs: number;
  /** Keyboard tags in each tagging series (after two warm-ups). */
  tags: number;
  /** Passes scrolling through the article and through the document list. */
  scrolls: number;
}

export const FULL_EFFORT: Effort = { runs: 5, tags: 9, scrolls: 3 };
/** Enough to see every measure work, not to trust its figures. */
export const QUICK_EFFORT: Effort = { runs: 2, tags: 3, scrolls: 1 };

export interface RunPlan {
  warmups: number;
  runs: number;
  /** Stop starting new runs after this many ms (at least one measured run is always made). */
  allowanceMs?: number;
}

/**
 * Run `measure` `warmups` times unrecorded, then up to `runs` times recorded; `measure` gets the
 * index of the run (warm-ups count from 0 too) so each run can take a fresh input.
 */
export async function repeat<T>(plan: RunPlan, measure: (index: number) => Promise<T>): Promise<T[]> {
  const started = performance.now();
  let index = 0;
  for (let w = 0; w < plan.warmups; w++) await measure(index++);
  const results: T[] = [];
  while (results.length < plan.runs) {
    if (results.length > 0 && plan.allowanceMs !== undefined && performance.now() - started > plan.allowanceMs) break;
    results.push(await measure(index++));
  }
  return results;
}

/** The time `task` takes, in ms. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}

/** Print a progress line to stderr, so stdout holds only the table. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
