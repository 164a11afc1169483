/**
 * Where an export's batches of documents are prepared (shared/exporting `PreparedBatch`: the
 * tagging, the JSON text), here or on threads of their own. Tagging 15 million words or writing
 * 360 MB of JSON takes seconds; on two threads it runs on both cores while this thread reads the
 * next documents and writes what is ready, and the service's thread stays free to answer saves
 * in between. Batches carry no state from one to the next, so any thread may take any batch;
 * the split's renderer adds them in order here. Threads also read their batches from the
 * project's files when given their ids (`ExportRendering.read`), so that this thread only hands
 * out batches and writes. A thread sends its text back encoded as UTF-8,
 * so that this thread need not encode it either. Should no thread start (a packaging that cannot
 * load the script), batches are prepared here, byte for byte the same; should a thread fail
 * while preparing one, the export fails with what went wrong.
 */
import { availableParallelism } from 'node:os';
import { prepareBatch, type ExportFormat, type ExportItem, type PreparedBatch, type RenderContext } from '../shared/exporting';
import { readBatch, type BatchRead, type ReadBatch } from './export-items';
import { RequestThread } from './request-thread';
import { threadScript, type ThreadScript } from './thread-script';

/** A prepared batch (shared/exporting `PreparedBatch`), its text encoded as UTF-8 when it comes from a thread. */
export type Prepared = PreparedBatch<string | Uint8Array>;

/** Where an export's batches are prepared (the bulk of rendering; see shared/exporting `PreparedBatch`). */
export interface ExportRendering {
  /** How many batches it works on at once: as many as it should be given before the first is awaited. */
  readonly threads: number;
  prepare(format: ExportFormat, context: RenderContext, items: readonly ExportItem[]): Promise<Prepared>;
  /** Read a batch from the project's files and prepare it, on a thread; absent when rendering here, which reads through the service. */
  read?(format: ExportFormat, context: RenderContext, batch: ReadBatch): Promise<{ batch: Prepared; read: BatchRead }>;
  /** Let go of the threads, if any. */
  close(): Promise<void>;
}

/** Rendering on this thread. */
export function renderHere(): ExportRendering {
  return { threads: 1, prepare: async (format, context, items) => prepareBatch(format, context, items), close: async () => undefined };
}

/** A batch to prepare: its items, or the ids for the thread to read them by. */
export type RenderRequest = { id: number; format: ExportFormat; context: RenderContext } & ({ items: readonly ExportItem[] } | { read: ReadBatch });

export type RenderReply = { id: number; ok: true; batch: Prepared; read?: BatchRead } | { id: number; ok: false; message: string };

/** The most rendering threads an export starts: more would only take turns with this thread's reading. */
const MAX_THREADS = 2;
/**
 * Each thread's young generation, in MB (V8's default is 48). A batch's garbage is short-lived
 * and small, so a smaller nursery costs no time, and it keeps the service's memory down while
 * an export runs: a 10,000-article export peaked at 381 MB with the default and 348 with this,
 * in the same time (3.3–3.5 s); at 4 MB collecting took 60% longer.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * Rendering on threads of their own (one per core, two at most: this thread reads and writes
 * meanwhile), started now; on this thread when none can start.
 * @param worker how a thread is started (`new Worker(script, options)`); the built
 *   `export-worker` entry by default
 */
export async function startRendering(worker: ThreadScript = threadScript('export-worker')): Promise<ExportRendering> {
  const count = Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
  const limited = { ...worker, options: { ...worker.options, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } } };
  const started = await Promise.all(
    Array.from({ length: count }, () => RequestThread.start<DistributiveOmit<RenderRequest, 'id'>, RenderReply>(limited, "The export's rendering thread")),
  );
  const threads = started.filter((thread) => thread !== null);
  if (threads.length === 0) return renderHere();
  let next = 0;
  const request = async (request: DistributiveOmit<RenderRequest, 'id'>): Promise<Extract<RenderReply, { ok: true }>> => {
    const answer = await threads[next++ % threads.length]!.request(request);
    if (!answer.ok) throw new Error(`Rendering the export failed: ${answer.message}`);
    return answer;
  };
  return {
    threads: threads.length,
    prepare: async (format, context, items) => (await request({ format, context, items })).batch,
    read: async (format, context, batch) => {
      const answer = await request({ format, context, read: batch });
      if (!answer.read) throw new Error('The export’s rendering thread prepared a batch without reading it.');
      return { batch: answer.batch, read: answer.read };
    },
    close: async () => {
      await Promise.all(threads.map((thread) => thread.close('The export is over.')));
    },
  };
}


type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The thread's side: a request's batch read when asked, prepared, its text encoded (and handed over, not copied). */
export async function answerOnThread(request: RenderRequest): Promise<{ reply: RenderReply; transfer: ArrayBuffer[] }> {
  try {
    const { items, read } = 'read' in request ? await readBatch(request.read) : { items: request.items, read: undefined };
    const batch: Prepared = prepareBatch(request.format, request.context, items);
    const answer = { id: request.id, ok: true as const, ...(read ? { read } : {}) };
    if (batch.kind === 'items' || batch.kind === 'files') return { reply: { ...answer, batch }, transfer: [] };
    const bytes = utf8(batch.text as string);
    return { reply: { ...answer, batch: { ...batch, text: bytes } }, transfer: [bytes.buffer as ArrayBuffer] };
  } catch (error) {
    return { reply: { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, transfer: [] };
  }
}

/**
 * Text as UTF-8 in a buffer of its own, to hand over whole: Buffer's encoder is ten times as fast
 * as TextEncoder's on Node 20 (which is slower still on text with characters beyond Latin-1),
 * and writes an unpaired surrogate as U+FFFD as it does.
 */
function utf8(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}
