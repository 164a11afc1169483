/**
 * What `spanwise suggest` does: run the suggestion engine over a project's documents, headless,
 * and print what it proposes or write it as a pre-annotation layer that annotators then confirm
 * in the editor. The gazetteer is learnt from the project's annotator and gold layers; no
 * annotator's own spans are held against the suggestions, since no one is annotating.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Suggestion } from '../shared/suggest';
import { MANIFEST_FILE, Project } from './project';
import { SuggestionEngine } from './suggestion-engine';
import { Suggestions, type DocumentSuggestions } from './suggestions';

export interface PreAnnotationOptions {
  /** Only this document. */
  docId?: string;
  /** Write the suggestions as the pre-annotation layer of this name. */
  intoLayer?: string;
}

export interface PreAnnotation {
  dir: string;
  name: string;
  documents: Array<{ docId: string; title: string; suggestions: Suggestion[] }>;
  /** The layer written, with `--into-layer`. */
  layer?: { id: string; name: string };
}

/**
 * Suggest spans for the documents of the project in `projectDir` (or the one named), and with
 * `intoLayer` write them as that pre-annotation layer, replacing what it held for them. Throws
 * when the folder is not a project, the document does not exist, or the project is open in
 * the app (it cannot be written then).
 */
export async function preAnnotate(projectDir: string, options: PreAnnotationOptions = {}): Promise<PreAnnotation> {
  const dir = path.resolve(projectDir);
  await access(path.join(dir, MANIFEST_FILE)).catch(() => {
    throw new Error(`${dir} is not a Spanwise project: it has no ${MANIFEST_FILE}.`);
  });
  const project = await Project.open(dir);
  try {
    if (options.intoLayer !== undefined) project.assertWritable();
    // One document after another and nothing else to answer meanwhile: no thread needed.
    const suggestions = new Suggestions(project, new SuggestionEngine({ threaded: false }));
    const docIds = options.docId !== undefined ? [options.docId] : project.catalog.entries().map((entry) => entry.id);
    const result: PreAnnotation = { dir, name: project.info().name, documents: [] };
    for (const docId of docIds) {
      const doc = await project.document(docId);
      const batch: DocumentSuggestions = { doc, suggestions: await suggestions.proposed(doc, null) };
      if (options.intoLayer !== undefined) {
        const layer = await suggestions.writeLayer(options.intoLayer, [batch]);
        result.layer = { id: layer.id, name: layer.name };
      }
      result.documents.push({ docId, title: doc.title, suggestions: batch.suggestions });
    }
    return result;
  } finally {
    await project.close();
  }
}

const TEXT_SHOWN = 60;

/** The suggestions as a table per document, for a terminal. */
export function formatPreAnnotation(result: PreAnnotation): string {
  const total = result.documents.reduce((sum, doc) => sum + doc.suggestions.length, 0);
  const lines = [`${result.name} (${result.dir}): ${result.documents.length} documents, ${total} suggestions`];
  if (result.layer) lines.push(`Written as the pre-annotation layer "${result.layer.name}" (layers/${result.layer.id}/)`);
  const labelWidth = Math.max(5, ...result.documents.flatMap((doc) => doc.suggestions.map((s) => s.label.length)));
  const sourceWidth = Math.max(6, ...result.documents.flatMap((doc) => doc.suggestions.map((s) => s.source.length)));
  for (const doc of result.documents) {
    lines.push('', `${doc.docId}  ${doc.title}`);
    if (doc.suggestions.length === 0) {
      lines.push('  (no suggestions)');
      continue;
    }
    lines.push(`  ${'start'.padStart(7)} ${'end'.padStart(7)}  ${'label'.padEnd(labelWidth)}  score  ${'source'.padEnd(sourceWidth)}  text`);
    for (const s of doc.suggestions) {
      lines.push(
        `  ${String(s.start).padStart(7)} ${String(s.end).padStart(7)}  ${s.label.padEnd(labelWidth)}  ${s.score.toFixed(2)}   ${s.source.padEnd(sourceWidth)}  ${shorten(s.text)}`,
      );
    }
  }
  return lines.join('\n');
}

function shorten(text: string): string {
  const oneLine = [...text.replace(/\s+/g, ' ')];
  return oneLine.length > TEXT_SHOWN ? `${oneLine.slice(0, TEXT_SHOWN - 1).join('')}…` : oneLine.join('');
}
