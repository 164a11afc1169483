/**
 * How the service process grows its JavaScript heap. V8 sizes its next collection by a factor
 * chosen from the machine's memory: on a 24 GB machine it lets the heap grow up to 4× before
 * collecting, so every project opened and closed (catalog, summaries, review figures: tens of
 * MB each time, dropped on close) stays resident until a full collection happens to run. A
 * fixed, smaller factor keeps resident memory near what is live, at the cost of more frequent
 * (incremental, mostly concurrent) old-generation marking. It is a growth factor, not a limit:
 * a project that needs more memory still gets it.
 */
import { setFlagsFromString } from 'node:v8';

/** Percent the old generation may grow past what the last full collection kept. */
export const HEAP_GROWING_PERCENT = 50;

/** Apply the growth factor to this process; read by V8 at each collection, so it takes effect from the next. */
export function keepHeapTight(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
