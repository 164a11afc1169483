/**
 * The layout of the review text: each line of the document cut into chunks, and under every
 * chunk one bar per track — a track being one row of one lane (an annotator, or gold). Spans of
 * a lane that nest or overlap go to separate rows of it, so every span has a bar of its own.
 * Chunks end at every span boundary and after every run of spaces; a run of chunks up to a space
 * is a word, which never breaks across lines. Offsets are code points, as in the stored text.
 */
import type { Span } from '../../shared/types';
import { rangesOverlap } from '../../shared/spans';

/** One bar under a chunk: the span it belongs to, and whether the chunk begins it. */
export interface Bar {
  span: Span;
  first: boolean;
}

export interface Chunk {
  start: number;
  end: number;
  text: string;
  /** One entry per track of the line (see `Line.tracks`); null where no span covers the chunk. */
  bars: Array<Bar | null>;
}

/** A track: one row of one lane. */
export interface Track {
  lane: number;
  /** The track's place within its lane, from 0. */
  row: number;
}

export interface Line {
  start: number;
  end: number;
  /**
   * Where any span touches the line, every lane has at least one track, so an annotator with
   * nothing there shows as an empty lane; a line no span touches has no tracks at all.
   */
  tracks: Track[];
  /** Words: runs of chunks that end with a space (or the end of the line). */
  words: Chunk[][];
}

/** The lines of `text` with the spans of each lane laid out under them. */
export function layoutLines(text: string, lanes: ReadonlyArray<readonly Span[]>): Line[] {
  const points = [...text];
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= points.length; i++) {
    if (i < points.length && points[i] !== '\n') continue;
    lines.push(layoutLine(points, start, i, lanes));
    start = i + 1;
  }
  return lines;
}

function layoutLine(points: readonly string[], start: number, end: number, lanes: ReadonlyArray<readonly Span[]>): Line {
  const line = { start, end };
  // Each lane's spans on this line, in rows where none overlaps another.
  const rowsPerLane = lanes.map((spans) => packRows(spans.filter((s) => rangesOverlap(s, line))));
  const tracks: Track[] = [];
  const trackSpans: Span[][] = [];
  const touched = rowsPerLane.some((rows) => rows.length > 0);
  rowsPerLane.forEach((rows, lane) => {
    if (!touched) return;
    (rows.length > 0 ? rows : [[]]).forEach((spans, row) => {
      tracks.push({ lane, row });
      trackSpans.push(spans);
    });
  });

  const cuts = new Set<number>([start, end]);
  for (const spans of trackSpans) {
    for (const s of spans) {
      if (s.start > start && s.start < end) cuts.add(s.start);
      if (s.end > start && s.end < end) cuts.add(s.end);
    }
  }
  // A word ends after a run of spaces: cut where a space is followed by anything else.
  for (let i = start + 1; i < end; i++) if (/\s/u.test(points[i - 1]) && !/\s/u.test(points[i])) cuts.add(i);
  const edges = [...cuts].sort((x, y) => x - y);

  const words: Chunk[][] = [];
  let word: Chunk[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const [from, to] = [edges[k], edges[k + 1]];
    const bars = trackSpans.map((spans): Bar | null => {
      const span = spans.find((s) => s.start < to && from < s.end);
      return span ? { span, first: from === Math.max(span.start, start) } : null;
    });
    word.push({ start: from, end: to, text: points.slice(from, to).join(''), bars });
    if (/\s/u.test(points[to - 1])) {
      words.push(word);
      word = [];
    }
  }
  if (word.length > 0) words.push(word);
  return { ...line, tracks, words };
}

/** Spans in rows where no two overlap: each goes to the first row whose last span ends before it starts. */
function packRows(spans: readonly Span[]): Span[][] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  const rows: Span[][] = [];
  for (const span of sorted) {
    const row = rows.find((r) => r[r.length - 1].end <= span.start);
    if (row) row.push(span);
    else rows.push([span]);
  }
  return rows;
}

/**
 * The label as a bar can hold it after the lane's mark: the whole name when the span is about as
 * long as both, else its first letter (the bar's title gives the whole name).
 */
export function barLabel(span: Span, mark: string): string {
  const room = [...span.text].length;
  return room >= (mark.length + 1 + span.label.length) * 0.85 ? span.label : [...span.label][0];
}
