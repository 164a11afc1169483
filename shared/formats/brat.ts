/**
 * brat standoff: a `.txt` file with the text and an `.ann` file beside it with one annotation
 * per line. Read: `T` text-bound annotations, discontinuous ones included
 * (`T1<TAB>LABEL 0 5;10 15<TAB>text`), `A`/`M` attributes onto their span's attributes, and
 * `#` AnnotatorNotes onto its note. Relations (R), events (E), normalisations (N) and
 * equivalences (*) have no place in Spanwise: they are counted and reported, never imported
 * silently. Offsets are code points into the `.txt` as brat's Python server reads it (a `\r\n`
 * counts two), mapped onto the normalised text; each `T` line's text must match them.
 *
 * Written: the `.txt` (the stored text), the `.ann`, and `annotation.conf` declaring the labels
 * and the enum attributes of the label schema. brat values cannot hold spaces, so spaces in
 * attribute values are written as `_` (read back exactly when the schema lists the value), and
 * line breaks in span texts and notes as spaces.
 */
import type { LabelDef } from '../types';
import {
  FormatProblem,
  parseGuarded,
  type ExportDocument,
  type ExportFile,
  type ExportResult,
  type ImportedDocument,
  type ImportedSpan,
  type ParseResult,
} from './model';
import { show, SourceText, unreadableTextReason } from './source';

export interface BratOptions {
  /** The `.txt` content the `.ann` belongs to. */
  text: string;
  /** The label schema, to give attribute values their types (integers, enum values with spaces). */
  labels?: readonly LabelDef[];
}

const SKIPPED_KINDS: Record<string, string> = {
  R: 'relation',
  E: 'event',
  N: 'normalization',
  '*': 'equivalence',
};

interface BratLine {
  line: number;
  id: string;
  fields: string[];
}

/** Read one `.ann` with its `.txt`; the document's spans come from the `T`, `A`, `M` and `#` lines. */
export function parseBrat(ann: string, annFile: string, options: BratOptions): ParseResult {
  return parseGuarded(annFile, () => {
    const reason = ann.trim() === '' ? null : unreadableTextReason(ann);
    if (reason) throw new FormatProblem(reason);
    const textReason = unreadableTextReason(options.text);
    if (textReason) throw new FormatProblem(`its text file ${textReason}`);
    const source = new SourceText(options.text);
    const { spans, warnings } = readAnnotations(ann, source, options.labels ?? []);
    const document: ImportedDocument = { text: source.text, meta: {}, spans };
    return { ok: true, documents: [document], warnings };
  });
}

/**
 * Read a brat folder given as files: each `name.ann` with its `name.txt`. A `.txt` without an
 * `.ann` is a document without spans; an `.ann` without its `.txt` is an error. Other files
 * (annotation.conf, visual.conf, ...) are not documents and are passed over.
 */
export function parseBratFolder(files: ReadonlyArray<{ name: string; content: string }>, labels?: readonly LabelDef[]): ParseResult {
  const byName = new Map(files.map((file) => [file.name, file.content]));
  const documents: ImportedDocument[] = [];
  const warnings: string[] = [];
  for (const { name, content } of files) {
    const base = name.replace(/\.(txt|ann)$/, '');
    if (base === name) continue;
    const textFile = `${base}.txt`;
    const text = byName.get(textFile);
    if (name.endsWith('.ann') && text === undefined) {
      return { ok: false, error: { file: name, message: `has no text file ${textFile} beside it` } };
    }
    if (name.endsWith('.txt')) {
      const reason = unreadableTextReason(content);
      if (reason) return { ok: false, error: { file: name, message: reason } };
      if (byName.has(`${base}.ann`)) continue;
    }
    const result = name.endsWith('.ann') ? parseBrat(content, name, { text: text ?? '', labels }) : parseBrat('', name, { text: content, labels });
    if (!result.ok) return result;
    for (const document of result.documents) documents.push({ ...document, id: base, meta: { ...document.meta, source: textFile } });
    warnings.push(...result.warnings.map((warning) => `${name}: ${warning}`));
  }
  return { ok: true, documents, warnings };
}

function readAnnotations(ann: string, source: SourceText, labels: readonly LabelDef[]) {
  const spans = new Map<string, ImportedSpan>();
  const otherIds = new Set<string>();
  const skipped = new Map<string, number>();
  // Attributes and notes may come before the span they refer to: read them once all spans are known.
  const references: BratLine[] = [];
  ann.split('\n').forEach((raw, index) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    const [id, ...fields] = text.split('\t');
    const entry = { line: index + 1, id, fields };
    const kind = id[0];
    if (spans.has(id) || otherIds.has(id)) throw new FormatProblem(`id ${id} is used twice`, entry.line);
    if (kind === 'T') {
      spans.set(id, textBound(entry, source));
      return;
    }
    if (id !== '*') otherIds.add(id);
    if (kind === 'A' || kind === 'M' || kind === '#') references.push(entry);
    else if (kind in SKIPPED_KINDS) skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
    else throw new FormatProblem(`unknown annotation "${id}": brat lines start with T, A, M, R, E, N, * or #`, entry.line);
  });
  let orphanAttributes = 0;
  for (const entry of references) {
    const target = entry.id[0] === '#' ? note(entry) : attribute(entry, labels);
    const span = spans.get(target.id);
    if (!span) {
      if (!otherIds.has(target.id)) throw new FormatProblem(`${entry.id} refers to ${target.id}, which is not in the file`, entry.line);
      orphanAttributes++;
    } else if ('note' in target) span.note = span.note === undefined ? target.note : `${span.note}\n${target.note}`;
    else span.attributes = { ...span.attributes, [target.name]: target.value };
  }
  const warnings = [...skipped].map(
    ([kind, count]) => `${count} ${SKIPPED_KINDS[kind]} line${count === 1 ? '' : 's'} (${kind}) ${count === 1 ? 'was' : 'were'} not imported`,
  );
  if (orphanAttributes > 0) {
    warnings.push(`${orphanAttributes} attribute or note line${orphanAttributes === 1 ? '' : 's'} on relations or events ${orphanAttributes === 1 ? 'was' : 'were'} not imported`);
  }
  return { spans: [...spans.values()], warnings };
}

/** A `T` line: `T1<TAB>LABEL start end[;start end]*<TAB>text`. */
function textBound({ line, id, fields }: BratLine, source: SourceText): ImportedSpan {
  const [typeAndOffsets = '', ...textParts] = fields;
  const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(typeAndOffsets);
  if (!match || textParts.length === 0) {
    throw new FormatProblem(`${id} must read "${id}<TAB>LABEL start end<TAB>text", got ${show(fields.join('\t'))}`, line);
  }
  const label = match[1];
  const pieces = match[2]
    .split(';')
    .map((pair) => pair.split(' ').map(Number))
    .map(([start, end], index) => source.span({ start, end, label }, `${id} fragment ${index + 1}`, line))
    .sort((a, b) => a.start - b.start);
  pieces.forEach((piece, index) => {
    if (index > 0 && piece.start < pieces[index - 1].end) throw new FormatProblem(`${id}: fragments overlap`, line);
  });
  const covered = pieces.map((piece) => source.slice(piece.start, piece.end)).join(' ');
  const given = textParts.join('\t');
  // Tools write a span's line breaks (one or two characters) as spaces to keep the line whole.
  if (given.replace(/\s+/g, ' ') !== covered.replace(/\s+/g, ' ')) {
    const at = pieces.map((piece) => `${piece.start}–${piece.end}`).join(', ');
    throw new FormatProblem(`${id} (${label}) says it covers ${show(given)} but the text at ${at} is ${show(covered)}`, line);
  }
  const span: ImportedSpan = { start: pieces[0].start, end: pieces[pieces.length - 1].end, label };
  if (pieces.length > 1) span.fragments = pieces.map((piece): [number, number] => [piece.start, piece.end]);
  return span;
}

/** An `A`/`M` line: `A1<TAB>NAME T1 [VALUE]`; a binary attribute (no value) reads as "true". */
function attribute({ line, id, fields }: BratLine, labels: readonly LabelDef[]) {
  const parts = (fields[0] ?? '').split(' ');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    throw new FormatProblem(`${id} must read "${id}<TAB>NAME T1 VALUE", got ${show(fields.join('\t'))}`, line);
  }
  const [name, target, written] = parts;
  return { id: target, name, value: attributeValue(name, written, labels) };
}

function attributeValue(name: string, written: string | undefined, labels: readonly LabelDef[]): string | number {
  if (written === undefined) return 'true';
  const definitions = labels.flatMap((label) => label.attributes ?? []).filter((def) => def.name === name);
  if (definitions.some((def) => def.type === 'integer') && /^-?\d+$/.test(written)) return Number(written);
  const listed = definitions.flatMap((def) => def.values ?? []);
  return listed.includes(written) ? written : (listed.find((value) => bratValue(value) === written) ?? written);
}

/** A `#` line: `#1<TAB>AnnotatorNotes T1<TAB>text`. */
function note({ line, id, fields }: BratLine) {
  const match = /^AnnotatorNotes (\S+)$/.exec(fields[0] ?? '');
  if (!match || fields.length < 2) {
    throw new FormatProblem(`${id} must read "${id}<TAB>AnnotatorNotes T1<TAB>note", got ${show(fields.join('\t'))}`, line);
  }
  return { id: match[1], note: fields.slice(1).join('\t') };
}

/** A value as brat can hold it: no whitespace. */
function bratValue(value: string): string {
  return value.replace(/\s/g, '_');
}

/**
 * Write documents as brat: `<id>.txt` and `<id>.ann` for each, and one `annotation.conf` for
 * the labels (the schema's, then any other label the spans use).
 */
export function serializeBrat(items: ExportDocument[], labels: readonly LabelDef[]): ExportResult {
  const files: ExportFile[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const written = bratDocument(item, labels);
    files.push(...written.files);
    warnings.push(...written.warnings);
  }
  const labelsUsed = new Set(items.flatMap((item) => item.spans.map((span) => span.label)));
  files.push({ name: 'annotation.conf', content: serializeBratConfig(labels, bratExtraLabels(labelsUsed, labels)) });
  return { files, warnings, dropped: 0 };
}

/** The `.txt` and `.ann` of one document, and what its `.ann` cannot hold exactly. */
export function bratDocument(item: ExportDocument, labels: readonly LabelDef[]): { files: ExportFile[]; warnings: string[] } {
  const { document } = item;
  const ann = serializeBratAnn(item, labels);
  return {
    files: [{ name: `${document.id}.txt`, content: document.text }, { name: `${document.id}.ann`, content: ann.content }],
    warnings: ann.warnings.map((warning) => `${document.id}: ${warning}`),
  };
}

/** The labels spans use that the schema lacks, alphabetically: `annotation.conf` lists them after its own. */
export function bratExtraLabels(used: Iterable<string>, labels: readonly LabelDef[]): string[] {
  const known = new Set(labels.map((label) => label.name));
  return [...new Set(used)].filter((name) => !known.has(name)).sort();
}

/** The `.ann` of one document. Attribute values with spaces the schema cannot restore are reported. */
export function serializeBratAnn(item: ExportDocument, labels: readonly LabelDef[] = []): { content: string; warnings: string[] } {
  const { text } = item.document;
  const source = new SourceText(text);
  const lines: string[] = [];
  let attributeCount = 0;
  let noteCount = 0;
  let inexactValues = 0;
  let changedNotes = 0;
  const spans = [...item.spans].sort((a, b) => a.start - b.start || b.end - a.end);
  spans.forEach((span, index) => {
    const id = `T${index + 1}`;
    const pieces = span.fragments && span.fragments.length > 0 ? span.fragments : [[span.start, span.end] as [number, number]];
    const covered = pieces.map(([start, end]) => source.slice(start, end)).join(' ').replace(/\s/g, ' ');
    lines.push(`${id}\t${span.label} ${pieces.map(([start, end]) => `${start} ${end}`).join(';')}\t${covered}`);
    for (const [name, value] of Object.entries(span.attributes ?? {})) {
      if (value === null) continue;
      const written = bratValue(String(value));
      if (written === '' || attributeValue(name, written, labels) !== value) inexactValues++;
      if (written === '') continue;
      lines.push(`A${++attributeCount}\t${name} ${id} ${written}`);
    }
    if (span.note !== undefined) {
      if (/[\r\n]/.test(span.note)) changedNotes++;
      lines.push(`#${++noteCount}\tAnnotatorNotes ${id}\t${span.note.replace(/\r?\n|\r/g, ' ')}`);
    }
  });
  const warnings: string[] = [];
  if (inexactValues > 0) {
    warnings.push(
      `${inexactValues} attribute value${inexactValues === 1 ? '' : 's'} will not read back exactly: brat writes spaces as _, ` +
        'leaves out empty values, and reads numbers as text unless the schema says the attribute is an integer',
    );
  }
  if (changedNotes > 0) warnings.push(`${changedNotes} note${changedNotes === 1 ? '' : 's'} with line breaks ${changedNotes === 1 ? 'was' : 'were'} written on one line`);
  return { content: lines.map((line) => `${line}\n`).join(''), warnings };
}

/**
 * `annotation.conf` for a label schema: every label an entity, every enum attribute declared
 * with its values. Attributes with free values (integer, date, text) cannot be declared in
 * brat; they are named in a comment and still written to the `.ann` files.
 */
export function serializeBratConfig(labels: readonly LabelDef[], extraLabels: readonly string[] = []): string {
  const attributes = new Map<string, { labels: string[]; values: Set<string>; free: boolean; type: string }>();
  for (const label of labels) {
    for (const def of label.attributes ?? []) {
      const entry = attributes.get(def.name) ?? { labels: [], values: new Set<string>(), free: false, type: def.type };
      entry.labels.push(label.name);
      for (const value of def.values ?? []) entry.values.add(bratValue(value));
      if (def.type !== 'enum') entry.free = true;
      attributes.set(def.name, entry);
    }
  }
  const declared: string[] = [];
  const free: string[] = [];
  for (const [name, entry] of attributes) {
    if (entry.free) free.push(`# ${name} (${entry.type}, on ${entry.labels.join(', ')}) takes free values, which brat cannot declare`);
    else declared.push(`${name}\tArg:${entry.labels.join('|')}, Value:${[...entry.values].join('|')}`);
  }
  return [
    '# brat configuration written by Spanwise',
    '[entities]',
    ...labels.map((label) => label.name),
    ...extraLabels,
    '',
    '[relations]',
    '',
    '[events]',
    '',
    '[attributes]',
    ...declared,
    ...free,
    '',
  ].join('\n');
}
