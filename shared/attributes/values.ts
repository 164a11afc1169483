/**
 * Attribute values as the span panel edits them: typed text read against the label's attribute
 * definitions, and the values proposed from the span's text (suggest/rules reads them) kept to
 * what the label defines.
 */
import { analyseText } from '../suggest/analysis';
import { proposeAttributes } from '../suggest/rules';
import type { AttributeDef, AttributeValues, LabelDef } from '../types';

export type AttributeValue = AttributeValues[string];

export type ParsedAttribute = { ok: true; value: AttributeValue } | { ok: false; message: string };

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const WHOLE_NUMBER = /^\d+$/;

/** Whether `text` is an ISO 8601 date at year, month or day precision that the calendar has. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  if (day === undefined) return true;
  const daysInMonth = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  return Number(day) >= 1 && Number(day) <= daysInMonth;
}

/**
 * Read what was typed (or chosen) for an attribute: an empty field is null, an integer must be
 * a whole number, a date ISO 8601 (2024, 2024-03 or 2024-03-12), an enum one of its values.
 */
export function parseAttributeInput(def: AttributeDef, input: string): ParsedAttribute {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  switch (def.type) {
    case 'integer':
      return WHOLE_NUMBER.test(text) && Number.isSafeInteger(Number(text))
        ? { ok: true, value: Number(text) }
        : { ok: false, message: `${def.name} must be a whole number, such as 12.` };
    case 'date':
      return isIsoDate(text) ? { ok: true, value: text } : { ok: false, message: `${def.name} must be an ISO date: 2024, 2024-03 or 2024-03-12.` };
    case 'enum':
      return def.values?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `${def.name} must be one of: ${(def.values ?? []).join(', ')}.` };
    case 'text':
      return { ok: true, value: text };
  }
}

/** Whether a stored or proposed value fits the attribute's definition. */
export function fitsAttribute(def: AttributeDef, value: AttributeValue): boolean {
  if (value === null) return true;
  if (def.type === 'integer') return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (typeof value !== 'string') return false;
  if (def.type === 'date') return isIsoDate(value);
  if (def.type === 'enum') return def.values?.includes(value) ?? false;
  return true;
}

/** The values among `values` that `label` defines attributes for; the others dropped. */
export function valuesFor(label: LabelDef | undefined, values: AttributeValues): AttributeValues {
  const names = new Set((label?.attributes ?? []).map((def) => def.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name)));
}

/** The values that are set (not null, not empty), by name. */
export function setValues(values: AttributeValues | undefined): AttributeValues {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== null && value !== ''));
}

/**
 * What the text proposes for a span's attributes: for a DATE span its normalised value, for a
 * CASUALTY span kind, count and qualifier (see shared/suggest/rules). Only attributes the
 * label defines, with values that fit them, are proposed; `publishedAt` anchors relative dates.
 */
export function proposedAttributes(
  label: LabelDef | undefined,
  span: { start: number; end: number; label: string; text: string },
  text: string,
  publishedAt: string | undefined,
): AttributeValues {
  const defs = label?.attributes ?? [];
  if (defs.length === 0) return {};
  const proposal = proposeAttributes(analyseText(text), span, publishedAt) ?? {};
  const fitting: AttributeValues = {};
  for (const def of defs) {
    const value = Object.hasOwn(proposal, def.name) ? proposal[def.name]! : null;
    if (value !== null && fitsAttribute(def, value)) fitting[def.name] = value;
  }
  return fitting;
}
