/**
 * Test support for merge and review: projects in temporary folders where named annotators tag
 * phrases, as on their own machines, through the service as the app does.
 */
import path from 'node:path';
import { codePointLength } from '../shared/text';
import type { SpanEdit } from '../shared/types';
import { createService, type Service } from './service';
import { tempFolder } from './test-support';

export const ARTICLE = 'Shelling hit Ariha on Tuesday.\nThe Northern Front said 16 fighters were killed near Tell Hamra.';
export const OTHER_ARTICLE = 'Airstrikes hit Idlib.\nAt least two civilians were killed.';

/** Code point range of the first occurrence of `phrase` in `text`. */
export function rangeOf(text: string, phrase: string): { start: number; end: number } {
  const index = text.indexOf(phrase);
  if (index === -1) throw new Error(`"${phrase}" is not in the text`);
  const start = codePointLength(text.slice(0, index));
  return { start, end: start + codePointLength(phrase) };
}

/** A span edit adding `label` on `phrase`. */
export function tagEdit(text: string, phrase: string, label: string, id: string): SpanEdit {
  return { op: 'add', span: { id, ...rangeOf(text, phrase), label } };
}

/** One annotator's tags: [phrase, label] pairs per document id. */
export type Tags = Record<string, Array<[string, string]>>;

/** A machine: its own data folder (so its own annotator ids) and a project in it. */
export interface Machine {
  dataDir: string;
  projectDir: string;
  service: Service;
  /** The document ids of the texts imported, in order. */
  docIds: string[];
}

/** A fresh machine with a project holding `texts` (each with an explicit id if given). */
export async function machine(texts: Array<{ text: string; id?: string; title?: string }>, root?: string): Promise<Machine> {
  const base = root ?? (await tempFolder());
  const dataDir = path.join(base, `data-${Math.random().toString(16).slice(2, 8)}`);
  const projectDir = path.join(base, `project-${Math.random().toString(16).slice(2, 8)}`);
  const service = await createService({ dataDir, projectDir, mode: 'desktop' });
  const report = await service.importTexts(texts.map((t, index) => ({ name: `article-${index}.txt`, ...t })));
  if (report.errors.length > 0) throw new Error(report.errors.map((e) => e.message).join('\n'));
  const docIds = (await service.listDocuments()).map((doc) => doc.id);
  return { dataDir, projectDir, service, docIds };
}

/** Tag as the annotator `name` on this machine; returns their annotator id. */
export async function tagAs(on: Machine, name: string, tags: Tags): Promise<string> {
  await on.service.setAnnotator(name);
  const me = (await on.service.getSession()).annotator!;
  for (const [docId, pairs] of Object.entries(tags)) {
    const { document } = await on.service.getDocument(docId);
    const edits = pairs.map(([phrase, label], index) => tagEdit(document.text, phrase, label, `s-${me.id}-${docId}-${index}`));
    await on.service.editSpans(docId, edits);
  }
  return me.id;
}
