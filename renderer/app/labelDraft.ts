/**
 * The label schema as the label editor holds it while it is being changed: text fields as
 * typed, each label remembering the name it was saved under (so a new name is a rename, not a
 * new label), and what is wrong with it before anything is sent.
 */
import { labelSchemaSchema } from '../../shared/apiSchemas';
import { planLabelChange, spareColor } from '../../shared/labelSchema';
import type { AttributeDef, LabelDef } from '../../shared/types';

export interface DraftAttribute {
  key: string;
  name: string;
  type: AttributeDef['type'];
  /** Enum values as typed, separated by commas. */
  values: string;
  description: string;
}

export interface DraftLabel {
  /** Stable while the row exists, for React. */
  key: string;
  /** The name in the saved schema; null for a label added in the editor. */
  original: string | null;
  name: string;
  color: string;
  /** Hotkeys as typed, separated by spaces or commas. */
  hotkeys: string;
  definition: string;
  attributes: DraftAttribute[];
}

let nextKey = 0;
const newKey = () => `draft-${++nextKey}`;

/** Editable copies of the saved labels. */
export function draftsOf(labels: readonly LabelDef[]): DraftLabel[] {
  return labels.map((label) => ({
    key: newKey(),
    original: label.name,
    name: label.name,
    color: label.color,
    hotkeys: label.hotkeys.join(' '),
    definition: label.definition,
    attributes: (label.attributes ?? []).map((attribute) => ({
      key: newKey(),
      name: attribute.name,
      type: attribute.type,
      values: (attribute.values ?? []).join(', '),
      description: attribute.description ?? '',
    })),
  }));
}

/** A label added in the editor, in a colour no other label has yet if one is free. */
export function newDraftLabel(existing: readonly DraftLabel[]): DraftLabel {
  const color = spareColor(existing.map((label) => label.color));
  return { key: newKey(), original: null, name: '', color, hotkeys: '', definition: '', attributes: [] };
}

export function newDraftAttribute(): DraftAttribute {
  return { key: newKey(), name: '', type: 'text', values: '', description: '' };
}

/** The labels the drafts stand for, as the API takes them. */
export function labelsOf(drafts: readonly DraftLabel[]): LabelDef[] {
  return drafts.map((draft) => ({
    name: draft.name.trim(),
    color: draft.color,
    hotkeys: [...new Set(draft.hotkeys.split(/[\s,]+/u).filter((key) => key !== ''))],
    definition: draft.definition.trim(),
    attributes: draft.attributes.map((attribute) => ({
      name: attribute.name.trim(),
      type: attribute.type,
      ...(attribute.type === 'enum' ? { values: attribute.values.split(',').map((value) => value.trim()).filter((value) => value !== '') } : {}),
      ...(attribute.description.trim() ? { description: attribute.description.trim() } : {}),
    })),
  }));
}

/** Saved name → new name, for each saved label whose name changed. */
export function renamesOf(drafts: readonly DraftLabel[]): Record<string, string> {
  return Object.fromEntries(
    drafts.filter((draft) => draft.original !== null && draft.original !== draft.name.trim()).map((draft) => [draft.original!, draft.name.trim()]),
  );
}

/** Everything wrong with the drafts, each message naming the label; empty when they can be saved. */
export function draftProblems(drafts: readonly DraftLabel[], saved: readonly LabelDef[]): string[] {
  const labels = labelsOf(drafts);
  const parsed = labelSchemaSchema.safeParse(labels);
  if (!parsed.success) {
    // One message per field: an empty name is "empty", not also "not letters".
    const byField = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.');
      const message = issue.code === 'too_small' && issue.origin === 'string' ? 'must not be empty' : issue.message;
      if (!byField.has(where)) byField.set(where, describeIssue(issue.path, message, labels));
    }
    return [...new Set(byField.values())];
  }
  const plan = planLabelChange(saved, labels, renamesOf(drafts));
  return plan.ok ? [] : [plan.message];
}

/** An issue of the schema check in words: whose label, which field. */
function describeIssue(path: PropertyKey[], message: string, labels: readonly LabelDef[]): string {
  if (path.length === 0) return message;
  const [index, field, ...rest] = path;
  const label = typeof index === 'number' ? labels[index] : undefined;
  const who = label?.name ? label.name : `Label ${Number(index) + 1}`;
  if (field === 'attributes' && typeof rest[0] === 'number') {
    const attribute = label?.attributes?.[rest[0]];
    return `${who}: attribute ${attribute?.name ? `"${attribute.name}"` : rest[0] + 1} ${String(rest[1] ?? '')} ${message}`.replace(/\s+/gu, ' ');
  }
  if (field === 'hotkeys') return `${who}: a hotkey ${message}`;
  return `${who}: ${String(field ?? '')} ${message}`.replace(/\s+/gu, ' ');
}

/** Whether the drafts differ from the saved labels. */
export function isDirty(drafts: readonly DraftLabel[], saved: readonly LabelDef[]): boolean {
  return JSON.stringify(labelsOf(drafts)) !== JSON.stringify(labelsOf(draftsOf(saved)));
}
