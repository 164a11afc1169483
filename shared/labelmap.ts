/**
 * Foreign label sets onto the project's. Imported files name entities their own way (spaCy's
 * PERSON and GPE, CoNLL's PER and LOC); before spans enter a project each label is mapped to a
 * project label or its spans are dropped — and counted, so the import report can say so.
 */
import type { ImportedDocument } from './formats/model';
import type { LabelDef } from './types';

/** OntoNotes (spaCy) and CoNLL-2003 entity types onto the default conflict-reporting labels. */
export const DEFAULT_LABEL_MAPPING: Readonly<Record<string, string>> = {
  PER: 'ACTOR',
  PERSON: 'ACTOR',
  ORG: 'ACTOR',
  NORP: 'ACTOR',
  GPE: 'LOCATION',
  LOC: 'LOCATION',
  FAC: 'LOCATION',
  DATE: 'DATE',
  TIME: 'DATE',
};

export interface MappedDocuments {
  docs: ImportedDocument[];
  /** Spans dropped because their label maps to no project label, by original label. */
  dropped: Record<string, number>;
  /** The labels that mapped to nothing, sorted. */
  unmapped: string[];
}

/**
 * Give every span a project label. A label is kept when the project has it (matched exactly,
 * then ignoring case); otherwise `mapping` (looked up as written, then upper-cased) must name a
 * project label. Spans of any other label are dropped and counted. Documents are copied, never
 * changed in place; spans in layers are mapped the same way.
 */
export function mapLabels(
  docs: readonly ImportedDocument[],
  mapping: Readonly<Record<string, string>>,
  projectLabels: readonly LabelDef[],
): MappedDocuments {
  const names = new Set(projectLabels.map((label) => label.name));
  const byUpperCase = new Map(projectLabels.map((label) => [label.name.toUpperCase(), label.name]));
  const resolved = new Map<string, string | null>();
  const resolve = (label: string): string | null => {
    if (!resolved.has(label)) {
      const target = names.has(label) ? label : (byUpperCase.get(label.toUpperCase()) ?? mapping[label] ?? mapping[label.toUpperCase()]);
      resolved.set(label, target !== undefined && names.has(target) ? target : null);
    }
    return resolved.get(label) ?? null;
  };
  const dropped: Record<string, number> = {};
  const mapSpans = <T extends { label: string }>(spans: readonly T[]): T[] =>
    spans.flatMap((span) => {
      const label = resolve(span.label);
      if (label === null) {
        dropped[span.label] = (dropped[span.label] ?? 0) + 1;
        return [];
      }
      return [label === span.label ? span : { ...span, label }];
    });
  const mapped = docs.map((doc): ImportedDocument => {
    const copy: ImportedDocument = { ...doc, spans: mapSpans(doc.spans) };
    if (doc.layers) {
      copy.layers = Object.fromEntries(Object.entries(doc.layers).map(([id, layer]) => [id, { ...layer, spans: mapSpans(layer.spans) }]));
    }
    return copy;
  });
  return { docs: mapped, dropped, unmapped: Object.keys(dropped).sort() };
}
