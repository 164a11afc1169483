/**
 * The project's label schema as the label editor changes it: which keys a label may take, what
 * is wrong with a schema, and what a change (renames, removals) does to one layer document's
 * spans and undo history. Pure; electron/schema.ts applies it to every layer file.
 */
import type { FileProblem, LabelDef, LayerDocument, SpanEdit } from './types';

/**
 * Single keys that the app's own shortcuts use without a modifier where label keys work (the
 * annotation screen), so no label may take them. The key table (renderer/app/keys.ts) is tested
 * to use exactly these. Letters count in either case.
 */
export const RESERVED_HOTKEYS: readonly string[] = ['[', ']', '?', 'n', 'o', 'x'];

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Colours that read well as tints and chips, for labels added after the defaults. */
const SPARE_COLORS = ['#7c3aed', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#475569', '#9333ea', '#0f766e'];

/** A colour for a new label: the first spare one none of `used` is, or the first when all are taken. */
export function spareColor(used: readonly string[]): string {
  const taken = new Set(used.map((color) => color.toLowerCase()));
  return SPARE_COLORS.find((candidate) => !taken.has(candidate)) ?? SPARE_COLORS[0];
}

/** What a schema change does to spans: old name → new name, and the labels whose spans go. */
export interface LabelChange {
  renames: Record<string, string>;
  removed: string[];
}

/** What a schema change did (or, previewed, would do) to the spans of every layer. */
export interface LabelChangeSummary {
  renamed: Array<{ from: string; to: string; spans: number }>;
  removed: Array<{ label: string; spans: number }>;
  /** Layer documents changed. */
  files: number;
  /** Layer documents that could not be read, left as they were. */
  skipped: FileProblem[];
}

/** What relabelling one layer document did. */
export interface RelabelOutcome {
  /** The same object when nothing in it changed, so the caller can skip the write. */
  layer: LayerDocument;
  /** Spans renamed, by their old label. */
  renamed: Record<string, number>;
  /** Spans removed, by label. */
  removed: Record<string, number>;
}

/**
 * What is wrong with a label schema, one message per problem, each naming the label: names
 * used twice (in any case), colours that are not `#rrggbb`, hotkeys that are not one
 * character, that two labels share or that the app's own shortcuts use, and attributes that
 * are named twice or are enums without values. Empty when the schema is fine.
 */
export function labelSchemaProblems(labels: readonly LabelDef[]): string[] {
  const problems: string[] = [];
  if (labels.length === 0) problems.push('The project needs at least one label.');
  const names = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const label of labels) {
    const name = label.name || '(unnamed)';
    const folded = label.name.toLowerCase();
    const twin = names.get(folded);
    if (twin !== undefined) problems.push(`${name}: another label is already called ${twin}.`);
    else names.set(folded, label.name);
    if (!HEX_COLOR.test(label.color)) problems.push(`${name}: the colour must look like #1d4ed8, not "${label.color}".`);
    for (const key of label.hotkeys) {
      const problem = hotkeyProblem(key, label.name, keys);
      if (problem) problems.push(`${name}: ${problem}`);
      else keys.set(key.toLowerCase(), label.name);
    }
    problems.push(...attributeProblems(label).map((problem) => `${name}: ${problem}`));
  }
  return problems;
}

/** Why `key` cannot be a hotkey of `owner`, given the keys other labels took (lower case → label). */
function hotkeyProblem(key: string, owner: string, taken: ReadonlyMap<string, string>): string | undefined {
  if ([...key].length !== 1 || /\s/u.test(key)) return `a hotkey must be one character, not "${key}".`;
  if (RESERVED_HOTKEYS.includes(key.toLowerCase())) {
    return `"${key}" is one of the app's own shortcut keys (${RESERVED_HOTKEYS.join(' ')}); choose another.`;
  }
  const holder = taken.get(key.toLowerCase());
  if (holder === owner) return `the hotkey "${key}" is listed twice.`;
  if (holder !== undefined) return `the hotkey "${key}" already belongs to ${holder}.`;
  return undefined;
}

function attributeProblems(label: LabelDef): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const attribute of label.attributes ?? []) {
    if (seen.has(attribute.name)) problems.push(`the attribute "${attribute.name}" is defined twice.`);
    seen.add(attribute.name);
    if (attribute.type === 'enum') {
      const values = attribute.values ?? [];
      if (values.length === 0) problems.push(`the attribute "${attribute.name}" needs at least one value to choose from.`);
      if (new Set(values).size !== values.length) problems.push(`the attribute "${attribute.name}" lists a value twice.`);
    }
  }
  return problems;
}

/**
 * Work out the change from the schema `current` to `next`, where `renames` maps labels of
 * `current` to their names in `next`; a label of `current` that is neither kept under its name
 * nor renamed is removed. Refused (with a message) when a rename does not fit the two schemas,
 * or would reuse a name of `current`: a swap or a chain (A → B while B → C) must be done in
 * two steps, which keeps applying the change idempotent — a layer file already converted is
 * left as it is when an interrupted change is finished.
 */
export function planLabelChange(
  current: readonly LabelDef[],
  next: readonly LabelDef[],
  renames: Readonly<Record<string, string>>,
): { ok: true; change: LabelChange } | { ok: false; message: string } {
  const currentNames = new Set(current.map((label) => label.name));
  const nextNames = new Set(next.map((label) => label.name));
  const effective = new Map<string, string>();
  const targets = new Set<string>();
  for (const [from, to] of Object.entries(renames)) {
    if (from === to) continue;
    if (!currentNames.has(from)) return { ok: false, message: `There is no label "${from}" to rename.` };
    if (!nextNames.has(to)) return { ok: false, message: `"${from}" is renamed to "${to}", which is not among the new labels.` };
    if (currentNames.has(to)) {
      return {
        ok: false,
        message: `"${from}" cannot be renamed to "${to}": a label of that name exists now. Rename in two steps (first to a name not in use).`,
      };
    }
    if (nextNames.has(from)) {
      return { ok: false, message: `"${from}" is renamed, so no new label can take its name in the same change.` };
    }
    if (targets.has(to)) return { ok: false, message: `Two labels cannot both be renamed to "${to}".` };
    targets.add(to);
    effective.set(from, to);
  }
  const removed = current.map((label) => label.name).filter((name) => !nextNames.has(name) && !effective.has(name));
  return { ok: true, change: { renames: Object.fromEntries(effective), removed } };
}

/** Whether the change touches any span at all. */
export function isEmptyChange(change: LabelChange): boolean {
  return Object.keys(change.renames).length === 0 && change.removed.length === 0;
}

/**
 * The layer document with `change` applied: spans of renamed labels carry the new name, spans
 * of removed labels are gone, and the undo and redo history follows. A history batch that
 * would bring back a removed label, or that touches a removed span, is dropped: it could never
 * be applied again. Applying the same change twice changes nothing the second time.
 */
export function relabelLayer(layer: LayerDocument, change: LabelChange): RelabelOutcome {
  // Maps, not the records themselves: a label may be called "constructor".
  const renames = new Map(Object.entries(change.renames));
  const removedLabels = new Set(change.removed);
  const renamed = new Map<string, number>();
  const removed = new Map<string, number>();
  const removedIds = new Set<string>();
  let touched = false;
  const spans = [];
  for (const span of layer.spans) {
    if (removedLabels.has(span.label)) {
      removed.set(span.label, (removed.get(span.label) ?? 0) + 1);
      removedIds.add(span.id);
      touched = true;
      continue;
    }
    const to = renames.get(span.label);
    if (to === undefined) {
      spans.push(span);
      continue;
    }
    renamed.set(span.label, (renamed.get(span.label) ?? 0) + 1);
    spans.push({ ...span, label: to });
    touched = true;
  }
  const history = (stack: SpanEdit[][]) => {
    const kept: SpanEdit[][] = [];
    for (const batch of stack) {
      if (batch.some((edit) => touchesRemoved(edit, removedLabels, removedIds))) {
        touched = true;
        continue;
      }
      const mapped = batch.map((edit) => renamedEdit(edit, renames));
      if (mapped.some((edit, i) => edit !== batch[i])) touched = true;
      kept.push(mapped);
    }
    return kept;
  };
  const undo = history(layer.undo);
  const redo = history(layer.redo);
  const counts = { renamed: Object.fromEntries(renamed), removed: Object.fromEntries(removed) };
  return { layer: touched ? { ...layer, spans, undo, redo } : layer, ...counts };
}

function touchesRemoved(edit: SpanEdit, labels: ReadonlySet<string>, ids: ReadonlySet<string>): boolean {
  switch (edit.op) {
    case 'add':
      return labels.has(edit.span.label) || ids.has(edit.span.id);
    case 'update':
      return ids.has(edit.id) || (edit.set.label !== undefined && labels.has(edit.set.label));
    case 'remove':
      return ids.has(edit.id);
  }
}

/** The edit with a renamed label put under its new name; the same object when it names none. */
function renamedEdit(edit: SpanEdit, renames: ReadonlyMap<string, string>): SpanEdit {
  if (edit.op === 'add') {
    const to = renames.get(edit.span.label);
    return to === undefined ? edit : { ...edit, span: { ...edit.span, label: to } };
  }
  if (edit.op === 'update' && edit.set.label !== undefined) {
    const to = renames.get(edit.set.label);
    return to === undefined ? edit : { ...edit, set: { ...edit.set, label: to } };
  }
  return edit;
}
