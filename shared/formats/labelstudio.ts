/**
 * Label Studio's JSON export: an array of tasks, each with its text in `data.text` and its
 * annotations, one per annotator, whose `result` lists labelled regions
 * `{ id, type: "labels", value: { start, end, text, labels: [...] } }`.
 *
 * Reading: each annotation becomes a layer of its annotator (`completed_by`), a ground-truth
 * annotation a gold layer, each `predictions` entry a suggestions layer; cancelled annotations
 * are skipped and counted. A region with several labels becomes one span per label. Results of
 * type choices, number or textarea that share a region's id become that region's attributes,
 * named by their `from_name`; a region's `meta.text` becomes its note. Other results (relations,
 * classification of the whole task) are counted and reported. Offsets are code points into
 * `data.text` (Label Studio exports Python-side offsets); a `\r\n` counts two and is mapped
 * onto the normalised text; each region's `text` must match them.
 *
 * Writing: one task per document, one annotation per layer (gold as `ground_truth`,
 * suggestions as `predictions`), attributes as per-region results as above. The annotator is
 * written as `completed_by: { id, email: "<layer id>@spanwise.invalid", first_name: <name> }`,
 * so reading the file back restores layer ids and names.
 */
import type { LayerKind, Span } from '../types';
import { arrayElementLines, isRecord, lineOfPath, parseJsonText } from './jsontext';
import { FormatProblem, parseGuarded, type ImportedDocument, type ImportedLayer, type ParseResult } from './model';
import { attributesOf, requireReadableText, show, SourceText } from './source';
import type { SpanwiseExportDocument } from './spanwise';

export interface LabelStudioOptions {
  /** The field of `data` that holds the text; `text` unless the labeling config named it otherwise. */
  textField?: string;
  /** ISO time for spans whose annotation has no `created_at`. */
  now?: string;
}

const SPANWISE_EMAIL = '@spanwise.invalid';
const ATTRIBUTE_TYPES = new Set(['choices', 'number', 'textarea', 'rating']);

interface Region {
  id: string;
  start: number;
  end: number;
  labels: string[];
  note?: string;
}

/** Read a Label Studio JSON export (an array of tasks, or one task). */
export function parseLabelStudio(content: string, file: string, options: LabelStudioOptions = {}): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const value = parseJsonText(content);
    const isList = Array.isArray(value);
    const tasks: unknown[] = isList ? value : [value];
    const taskLines = isList ? arrayElementLines(content) : [1];
    const skipped = new Map<string, number>();
    const documents = tasks.map((task, index) =>
      locate(content, isList ? [index] : [], taskLines[index], (path) => taskToDocument(task, index, path, content, options, skipped)),
    );
    const warnings = [...skipped].map(([what, count]) => `${what} not imported: ${count}`);
    return { ok: true, documents, warnings };
  });
}

/** Run body; a FormatProblem from it without a line gets the line of `path` (or `fallback`). */
function locate<T>(content: string, path: PropertyKey[], fallback: number | undefined, body: (path: PropertyKey[]) => T): T {
  try {
    return body(path);
  } catch (caught) {
    if (caught instanceof FormatProblem && caught.line === undefined) {
      throw new FormatProblem(caught.message, lineOfPath(content, path) ?? fallback);
    }
    throw caught;
  }
}

function taskToDocument(
  task: unknown,
  index: number,
  path: PropertyKey[],
  content: string,
  options: LabelStudioOptions,
  skipped: Map<string, number>,
): ImportedDocument {
  const what = `task ${index + 1}`;
  if (!isRecord(task) || !isRecord(task.data)) throw new FormatProblem(`${what} has no "data" object`);
  const field = options.textField ?? 'text';
  const raw = task.data[field];
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new FormatProblem(`${what} has no text in data.${field}${options.textField ? '' : ' (name the text field if the labeling config uses another)'}`);
  }
  const source = new SourceText(raw);
  const document: ImportedDocument = { text: source.text, meta: {}, spans: [], layers: {} };
  const { id, title, ...rest } = task.data;
  if (typeof id === 'string' && id !== '') document.id = id;
  else if (typeof task.id === 'number' || typeof task.id === 'string') document.id = String(task.id);
  if (typeof title === 'string') document.title = title;
  for (const [key, item] of Object.entries(rest)) {
    if (key !== field && (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) document.meta[key] = String(item);
  }
  const layers: Record<string, ImportedLayer> = {};
  const taskId = document.id ?? String(index + 1);
  const addLayer = (layerId: string, layer: ImportedLayer) => {
    if (layers[layerId]) throw new FormatProblem(`${what} has two annotations by ${layer.name}`);
    layers[layerId] = layer;
  };
  const annotations = listField(task, 'annotations', what);
  annotations.forEach((annotation, annotationIndex) =>
    locate(content, [...path, 'annotations', annotationIndex], undefined, (at) => {
      if (!isRecord(annotation)) throw new FormatProblem(`${what}: annotation ${annotationIndex + 1} is not an object`);
      if (annotation.was_cancelled === true) {
        count(skipped, 'cancelled annotations');
        return;
      }
      const who = annotatorOf(annotation.completed_by);
      const kind: LayerKind = annotation.ground_truth === true ? 'gold' : 'annotator';
      const createdAt = stringOr(annotation.created_at, options.now ?? new Date().toISOString());
      const spans = resultToSpans(annotation.result, at, content, source, { taskId, layerId: who.id, createdAt }, skipped);
      addLayer(who.id, { name: who.name, kind, spans, status: 'done' });
    }),
  );
  listField(task, 'predictions', what).forEach((prediction, predictionIndex) =>
    locate(content, [...path, 'predictions', predictionIndex], undefined, (at) => {
      if (!isRecord(prediction)) throw new FormatProblem(`${what}: prediction ${predictionIndex + 1} is not an object`);
      const name = typeof prediction.model_version === 'string' && prediction.model_version !== '' ? prediction.model_version : 'predictions';
      const layerId = `suggestions-${slug(name)}`;
      const createdAt = stringOr(prediction.created_at, options.now ?? new Date().toISOString());
      const spans = resultToSpans(prediction.result, at, content, source, { taskId, layerId, createdAt, source: name }, skipped);
      addLayer(layerId, { name, kind: 'suggestions', spans, status: 'new' });
    }),
  );
  document.layers = layers;
  return document;
}

interface SpanContext {
  taskId: string;
  layerId: string;
  createdAt: string;
  source?: string;
}

function resultToSpans(
  result: unknown,
  path: PropertyKey[],
  content: string,
  source: SourceText,
  context: SpanContext,
  skipped: Map<string, number>,
): Span[] {
  if (result === undefined) return [];
  if (!Array.isArray(result)) throw new FormatProblem(`"result" must be a list, got ${show(result)}`);
  const regions = new Map<string, Region & { score?: number; attributes: Record<string, unknown> }>();
  const attributeResults: Array<{ item: Record<string, unknown>; index: number }> = [];
  result.forEach((item, index) =>
    locate(content, [...path, 'result', index], undefined, () => {
      if (!isRecord(item)) throw new FormatProblem(`result ${index + 1} is not an object`);
      const type = typeof item.type === 'string' ? item.type : '';
      if (type === 'labels') {
        const value = isRecord(item.value) ? item.value : {};
        const labels = value.labels;
        if (!Array.isArray(labels) || labels.length === 0 || !labels.every((label) => typeof label === 'string')) {
          throw new FormatProblem(`result ${index + 1}: value.labels must be a non-empty list of label names`);
        }
        const span = source.span({ start: value.start, end: value.end, label: labels[0], covered: value.text }, `result ${index + 1}`);
        const id = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : `r${index + 1}`;
        if (regions.has(id)) throw new FormatProblem(`result ${index + 1}: region id ${show(id)} is used twice`);
        const note = isRecord(item.meta) && Array.isArray(item.meta.text) ? item.meta.text.filter((t) => typeof t === 'string').join('\n') : undefined;
        regions.set(id, {
          id,
          start: span.start,
          end: span.end,
          labels,
          attributes: {},
          ...(note && { note }),
          ...(typeof item.score === 'number' && { score: item.score }),
        });
      } else if (ATTRIBUTE_TYPES.has(type)) attributeResults.push({ item, index });
      else count(skipped, `${type || 'untyped'} results`);
    }),
  );
  for (const { item, index } of attributeResults) {
    const region = typeof item.id === 'string' || typeof item.id === 'number' ? regions.get(String(item.id)) : undefined;
    if (!region || typeof item.from_name !== 'string') {
      count(skipped, `${String(item.type)} results not tied to a labelled region`);
      continue;
    }
    region.attributes[item.from_name] = attributeValueOf(item, index);
  }
  const spans: Span[] = [];
  for (const region of regions.values()) {
    region.labels.forEach((label, labelIndex) => {
      const suffix = region.labels.length > 1 ? `-${labelIndex + 1}` : '';
      const span: Span = {
        id: slug(`${context.layerId}-t${context.taskId}-${region.id}${suffix}`),
        start: region.start,
        end: region.end,
        label,
        text: source.slice(region.start, region.end),
        annotator: context.layerId,
        createdAt: context.createdAt,
      };
      if (Object.keys(region.attributes).length > 0) span.attributes = attributesOf(region.attributes, `region ${region.id}`, undefined);
      if (region.note) span.note = region.note;
      if (context.source) span.source = context.source;
      if (region.score !== undefined) span.score = region.score;
      spans.push(span);
    });
  }
  return spans;
}

function attributeValueOf(item: Record<string, unknown>, index: number): unknown {
  const value = isRecord(item.value) ? item.value : {};
  const list = value.choices ?? value.text;
  if (Array.isArray(list)) {
    if (list.length !== 1) throw new FormatProblem(`result ${index + 1}: one value per attribute, got ${show(list)}`);
    return list[0];
  }
  return value.number ?? value.rating ?? null;
}

function annotatorOf(completedBy: unknown): { id: string; name: string } {
  if (isRecord(completedBy)) {
    const email = typeof completedBy.email === 'string' ? completedBy.email : '';
    const fullName = [completedBy.first_name, completedBy.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ');
    const userId = typeof completedBy.id === 'number' || typeof completedBy.id === 'string' ? String(completedBy.id) : '';
    const id = slug(email.endsWith(SPANWISE_EMAIL) ? email.slice(0, -SPANWISE_EMAIL.length) : `ls-user-${userId || email}`);
    return { id, name: fullName || email || `Label Studio user ${userId}` };
  }
  if (typeof completedBy === 'number' || (typeof completedBy === 'string' && completedBy !== '')) {
    return { id: slug(`ls-user-${completedBy}`), name: `Label Studio user ${completedBy}` };
  }
  return { id: 'ls-user-unknown', name: 'Label Studio user (unknown)' };
}

/**
 * One task per document, one annotation per annotator or gold layer, one prediction per
 * suggestions layer.
 */
export function serializeLabelStudio(documents: SpanwiseExportDocument[]): string {
  const task = labelStudioTasks();
  return `${JSON.stringify(documents.map(task), null, 2)}\n`;
}

/**
 * Make the tasks of `serializeLabelStudio` one document at a time, for an export written as it
 * goes: tasks are numbered in the order asked for, and each annotator keeps one number throughout.
 */
export function labelStudioTasks(): (document: SpanwiseExportDocument) => unknown {
  const layerNumbers = new Map<string, number>();
  const numberOf = (layerId: string) => {
    if (!layerNumbers.has(layerId)) layerNumbers.set(layerId, layerNumbers.size + 1);
    return layerNumbers.get(layerId) as number;
  };
  let tasks = 0;
  return ({ document, layers }) => {
    const annotations: unknown[] = [];
    const predictions: unknown[] = [];
    for (const { info, spans } of Object.values(layers)) {
      const result = spans.flatMap((span, spanIndex) => regionResults(span, spanIndex));
      if (info.kind === 'suggestions') {
        predictions.push({ model_version: info.name, created_at: info.createdAt, result });
      } else {
        annotations.push({
          id: annotations.length + 1,
          completed_by: { id: numberOf(info.id), email: `${info.id}${SPANWISE_EMAIL}`, first_name: info.name },
          ground_truth: info.kind === 'gold',
          was_cancelled: false,
          created_at: info.createdAt,
          result,
        });
      }
    }
    return {
      id: ++tasks,
      data: { ...document.meta, id: document.id, title: document.title, text: document.text },
      annotations,
      predictions,
    };
  };
}

/** The results of one span: its labelled region, then one result per attribute. */
function regionResults(span: Span, index: number): unknown[] {
  const id = `r${index + 1}`;
  const position = { start: span.start, end: span.end, text: span.text };
  const region: Record<string, unknown> = {
    id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { ...position, labels: [span.label] },
  };
  if (span.note !== undefined) region.meta = { text: [span.note] };
  if (span.score !== undefined) region.score = span.score;
  const attributes = Object.entries(span.attributes ?? {}).map(([name, value]) => ({
    id,
    from_name: name,
    to_name: 'text',
    type: typeof value === 'number' ? 'number' : 'choices',
    value: typeof value === 'number' ? { ...position, number: value } : { ...position, choices: [value] },
  }));
  return [region, ...attributes];
}

function listField(task: Record<string, unknown>, field: string, what: string): unknown[] {
  const value = task[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FormatProblem(`${what}: "${field}" must be a list, got ${show(value)}`);
  return value;
}

function count(counts: Map<string, number>, what: string): void {
  counts.set(what, (counts.get(what) ?? 0) + 1);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** A safe id: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
function slug(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return safe.slice(0, 128) || 'x';
}
