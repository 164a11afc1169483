/**
 * Writing the benchmark's projects straight to disk in the documented format (docs/format.md):
 * manifest, catalog, one file per document, one per document and layer, layer summaries, and a
 * data folder whose settings name the annotator, so browser mode opens the project at once.
 * Writing the files directly (plain writes, no fsync) makes 40,000 files in seconds; the app
 * reads them exactly as it reads its own.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LABELS } from '../shared/labels';
import type {
  Annotator,
  CatalogEntry,
  DocumentRecord,
  DocumentStatus,
  LayerDocument,
  LayerInfo,
  ProjectManifest,
  Span,
} from '../shared/types';
import type { GeneratedSpan } from './corpus';

/** Every time stamp the generated files hold, so two runs write identical bytes. */
export const BENCH_TIME = '2026-01-01T00:00:00.000Z';

export interface BenchDocument {
  id: string;
  title: string;
  text: string;
  /** Each annotator's work on it, by annotator id; annotators left out have not touched it, and
   * work of annotators who are not the project's is left out. */
  layers: Record<string, { spans: readonly GeneratedSpan[]; status: DocumentStatus }>;
}

export interface BenchProject {
  dir: string;
  name: string;
  annotators: readonly Annotator[];
  documentCount: number;
  /** The document at `index`, made on demand so a large project is never all in memory. */
  document(index: number): BenchDocument;
}

/** Write the project folder (which must not exist yet). */
export function writeProject(project: BenchProject): void {
  const { dir } = project;
  mkdirSync(path.join(dir, 'documents'), { recursive: true });
  mkdirSync(path.join(dir, 'layers'), { recursive: true });
  const summaries = new Map<string, Record<string, { status: DocumentStatus; spanCount: number }>>();
  for (const annotator of project.annotators) {
    mkdirSync(path.join(dir, 'layers', annotator.id), { recursive: true });
    const info: LayerInfo = { id: annotator.id, kind: 'annotator', name: annotator.name, createdAt: BENCH_TIME };
    writeJson(path.join(dir, 'layers', annotator.id, 'layer.json'), info);
    summaries.set(annotator.id, {});
  }

  const catalog: CatalogEntry[] = [];
  for (let index = 0; index < project.documentCount; index++) {
    const doc = project.document(index);
    const hash = createHash('sha256').update(doc.text, 'utf8').digest('hex');
    const record: DocumentRecord = { id: doc.id, title: doc.title, text: doc.text, textHash: hash, meta: { source: 'bench' }, importedAt: BENCH_TIME };
    writeJson(path.join(dir, 'documents', `${doc.id}.json`), record);
    // The text is ASCII: its length in code points is its length.
    catalog.push({ id: doc.id, title: doc.title, textHash: hash, length: doc.text.length, importedAt: BENCH_TIME });
    for (const { id: annotatorId } of project.annotators) {
      const work = doc.layers[annotatorId];
      if (!work) continue;
      const layer: LayerDocument = {
        format: 'spanwise-layer',
        version: 1,
        docId: doc.id,
        layer: annotatorId,
        textHash: hash,
        status: work.status,
        spans: work.spans.map((span) => storedSpan(span, doc.text, annotatorId)),
        updatedAt: BENCH_TIME,
        timeSpentMs: 0,
        undo: [],
        redo: [],
      };
      writeJson(path.join(dir, 'layers', annotatorId, `${doc.id}.json`), layer);
      summaries.get(annotatorId)![doc.id] = { status: work.status, spanCount: work.spans.length };
    }
  }

  for (const [layer, documents] of summaries) {
    writeJson(path.join(dir, 'layers', layer, 'summary.json'), { format: 'spanwise-summary', version: 1, layer, documents });
  }
  writeJson(path.join(dir, 'catalog.json'), { format: 'spanwise-catalog', version: 1, documents: catalog });
  const manifest: ProjectManifest = {
    format: 'spanwise-project',
    version: 1,
    id: `bench-${path.basename(dir)}`,
    name: project.name,
    createdAt: BENCH_TIME,
    labels: DEFAULT_LABELS,
  };
  // The manifest last, as the app does: a folder holding it is a whole project.
  writeJson(path.join(dir, 'spanwise-project.json'), manifest);
}

/** A data folder whose settings know the annotators, with `current` the one tagging. */
export function writeDataDir(dataDir: string, annotators: readonly Annotator[], current: Annotator): void {
  mkdirSync(dataDir, { recursive: true });
  writeJson(path.join(dataDir, 'settings.json'), {
    format: 'spanwise-settings',
    version: 1,
    annotators,
    currentAnnotator: current.id,
    recentProjects: [],
  });
}

function storedSpan(span: GeneratedSpan, text: string, annotator: string): Span {
  return { ...span, text: text.slice(span.start, span.end), annotator, createdAt: BENCH_TIME };
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value)}\n`);
}
