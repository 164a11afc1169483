/**
 * The counts the statistics screen and `spanwise stats` show: corpus progress, documents done
 * and spans per label for each layer, spans made per day, and time spent per document. Pure
 * functions over layer documents; electron/project-stats.ts reads the files.
 */
import type { DocumentStatus, FileProblem, LayerDocument, LayerInfo, LayerKind } from './types';

export interface LayerStats {
  layer: string;
  /** The layer's display name (an annotator's name); its id when it has none. */
  name: string;
  kind: LayerKind;
  spans: number;
  /** The project's labels in schema order, then any label a span has that the schema lacks. */
  spansByLabel: Record<string, number>;
  /** Every document of the project counts once: a document the layer never touched is `new`. */
  documentsByStatus: Record<DocumentStatus, number>;
  /** Spans made per day (the UTC date of `createdAt`, YYYY-MM-DD), oldest first. */
  spansByDay: Record<string, number>;
  /** Milliseconds of active work in the editor, over all documents. */
  timeSpentMs: number;
}

export interface DocumentTime {
  docId: string;
  title: string;
  /** Summed over every layer. */
  timeSpentMs: number;
}

export interface ProjectStats {
  dir: string;
  name: string;
  documents: number;
  /**
   * The corpus as a whole, over the annotator layers: a document is done when an annotator
   * marked it done, in progress when someone has worked on it, and new otherwise.
   */
  progress: Record<DocumentStatus, number>;
  /** Summed over the layers, in the order of `LayerStats.spansByLabel`. */
  spansByLabel: Record<string, number>;
  layers: LayerStats[];
  /** Documents someone spent time on, the longest first. */
  documentTimes: DocumentTime[];
  /** Files that could not be read; what they hold is not counted. */
  problems: FileProblem[];
}

/** What the statistics are computed from: the project, and each layer with its documents. */
export interface StatsInput {
  dir: string;
  name: string;
  /** Label names in schema order. */
  labels: readonly string[];
  /** The documents of the project, in list order. */
  documents: ReadonlyArray<{ id: string; title: string }>;
  /**
   * Each layer with the layer documents it has (documents it never touched may be missing), and
   * how many of its files could not be read: those documents are not counted at all.
   */
  layers: ReadonlyArray<{ info: Pick<LayerInfo, 'id' | 'name' | 'kind'>; documents: readonly LayerDocument[]; unreadable?: number }>;
  problems: readonly FileProblem[];
}

const STATUS_RANK: Record<DocumentStatus, number> = { new: 0, 'in-progress': 1, done: 2 };

/**
 * Count one layer's work over a project of `documentCount` documents, of which `unreadable`
 * have a layer file that could not be read.
 */
export function layerStats(
  info: Pick<LayerInfo, 'id' | 'name' | 'kind'>,
  documents: readonly LayerDocument[],
  labels: readonly string[],
  documentCount: number,
  unreadable = 0,
): LayerStats {
  const spansByLabel = new Map(labels.map((label) => [label, 0]));
  const days = new Map<string, number>();
  const documentsByStatus: Record<DocumentStatus, number> = { new: Math.max(0, documentCount - documents.length - unreadable), 'in-progress': 0, done: 0 };
  let spans = 0;
  let timeSpentMs = 0;
  for (const document of documents) {
    documentsByStatus[document.status]++;
    timeSpentMs += document.timeSpentMs;
    for (const span of document.spans) {
      spansByLabel.set(span.label, (spansByLabel.get(span.label) ?? 0) + 1);
      const day = dayOf(span.createdAt);
      if (day) days.set(day, (days.get(day) ?? 0) + 1);
      spans++;
    }
  }
  return {
    layer: info.id,
    name: info.name || info.id,
    kind: info.kind,
    spans,
    spansByLabel: Object.fromEntries(spansByLabel),
    documentsByStatus,
    spansByDay: Object.fromEntries([...days].sort(([a], [b]) => (a < b ? -1 : 1))),
    timeSpentMs,
  };
}

/** Every statistic of a project. */
export function projectStats(input: StatsInput): ProjectStats {
  const count = input.documents.length;
  const known = new Set(input.documents.map((doc) => doc.id));
  // Work on documents the project no longer has is not part of its statistics.
  const inProject = input.layers.map((layer) => ({ ...layer, documents: layer.documents.filter((doc) => known.has(doc.docId)) }));
  const layers = inProject.map(({ info, documents, unreadable }) => layerStats(info, documents, input.labels, count, unreadable));
  const spansByLabel = new Map(input.labels.map((label) => [label, 0]));
  for (const layer of layers) {
    for (const [label, spans] of Object.entries(layer.spansByLabel)) spansByLabel.set(label, (spansByLabel.get(label) ?? 0) + spans);
  }
  const furthest = new Map<string, DocumentStatus>();
  const time = new Map<string, number>();
  for (const { info, documents } of inProject) {
    for (const document of documents) {
      time.set(document.docId, (time.get(document.docId) ?? 0) + document.timeSpentMs);
      if (info.kind !== 'annotator') continue;
      // Empty "new" files (time spent only) are no work; any span is.
      const status = document.status === 'new' && document.spans.length > 0 ? 'in-progress' : document.status;
      const before = furthest.get(document.docId) ?? 'new';
      if (STATUS_RANK[status] > STATUS_RANK[before]) furthest.set(document.docId, status);
    }
  }
  const progress: Record<DocumentStatus, number> = { new: count, 'in-progress': 0, done: 0 };
  for (const status of furthest.values()) {
    progress.new--;
    progress[status]++;
  }
  const titles = new Map(input.documents.map((doc) => [doc.id, doc.title]));
  const documentTimes = [...time]
    .filter(([, ms]) => ms > 0)
    .map(([docId, timeSpentMs]) => ({ docId, title: titles.get(docId) ?? docId, timeSpentMs }))
    .sort((a, b) => b.timeSpentMs - a.timeSpentMs || (a.docId < b.docId ? -1 : 1));
  return {
    dir: input.dir,
    name: input.name,
    documents: count,
    progress,
    spansByLabel: Object.fromEntries(spansByLabel),
    layers,
    documentTimes,
    problems: [...input.problems],
  };
}

/** The longest stretch of days `spansPerDay` fills in; older days are left out. */
const MOST_DAYS = 366;

/**
 * Spans made per day over the layers given, every day from the first to the last included
 * (days without work count 0), the last `MOST_DAYS` days at most.
 */
export function spansPerDay(layers: ReadonlyArray<Pick<LayerStats, 'spansByDay'>>): Array<{ day: string; spans: number }> {
  const totals = new Map<string, number>();
  for (const layer of layers) {
    for (const [day, spans] of Object.entries(layer.spansByDay)) totals.set(day, (totals.get(day) ?? 0) + spans);
  }
  if (totals.size === 0) return [];
  const days = [...totals.keys()].sort();
  const last = Date.parse(`${days.at(-1)}T00:00:00Z`);
  const first = Math.max(Date.parse(`${days[0]}T00:00:00Z`), last - (MOST_DAYS - 1) * DAY_MS);
  const series: Array<{ day: string; spans: number }> = [];
  for (let time = first; time <= last; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    series.push({ day, spans: totals.get(day) ?? 0 });
  }
  return series;
}

const DAY_MS = 86_400_000;

/** A count for people, its thousands grouped whatever the machine's locale: "350,126". */
export function formatCount(count: number): string {
  // Grouped here rather than by Intl.NumberFormat, whose making costs ≈ 20 ms: the document
  // list shows a count on the way to the window's first paint.
  const [whole = '', fraction] = String(count).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A duration for people: "45 s", "12 min", "1 h 05 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The UTC calendar day of an ISO timestamp, or null when it is not one. */
function dayOf(timestamp: string): string | null {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}
