/**
 * The corpus search: documents whose text holds a phrase, or spans of a label (holding a
 * phrase) in one layer or in all. Pages never split a document, so `next` is a position in the
 * document list. A text search reads documents until the page is full; a span search reads
 * only the layer files whose summary says they hold spans, and a document only when it has a hit.
 */
import { containsText, findTextMatches, snippetAround, type SearchHit, type SearchQuery, type SearchResult } from '../shared/search';
import type { CatalogEntry, DocumentRecord, LayerInfo, Span } from '../shared/types';
import { CorruptFileError, StoreError } from './errors';
import type { Project } from './project';

/**
 * Search the project. `ownLayer` is the layer searched when the query names none (the
 * annotator's own); null when there is no annotator yet.
 */
export async function searchCorpus(project: Project, ownLayer: string | null, query: SearchQuery): Promise<SearchResult> {
  const text = query.text ?? '';
  if (text.trim() === '' && query.label === undefined) {
    throw new StoreError('bad-request', 'Give a text or a label to search for.');
  }
  const entries = project.catalog.entries();
  const hits: SearchHit[] = [];
  const search = query.label === undefined ? textHits(project, query, text) : spanHits(project, searchedLayers(project, ownLayer, query), query, text);
  const start = Math.min(query.from ?? 0, entries.length);
  for (let position = start; position < entries.length; position++) {
    const found = await search(entries[position]!, query.limit);
    if (hits.length > 0 && hits.length + found.length > query.limit) {
      return { hits, next: position, searched: position - start };
    }
    hits.push(...found.slice(0, query.limit));
    if (hits.length >= query.limit && position + 1 < entries.length) {
      return { hits, next: position + 1, searched: position + 1 - start };
    }
  }
  return { hits, searched: entries.length - start };
}

type DocumentSearch = (entry: CatalogEntry, limit: number) => Promise<SearchHit[]>;

function textHits(project: Project, query: SearchQuery, text: string): DocumentSearch {
  return async (entry, limit) => {
    const doc = await readable(project, entry.id);
    if (!doc) return [];
    return findTextMatches(doc.text, text, { caseSensitive: query.caseSensitive, limit }).map((range) => ({
      docId: doc.id,
      title: doc.title,
      ...range,
      snippet: snippetAround(doc.text, range),
    }));
  };
}

function spanHits(project: Project, layers: LayerInfo[], query: SearchQuery, text: string): DocumentSearch {
  return async (entry) => {
    const found: Array<{ span: Span; layer: LayerInfo }> = [];
    for (const layer of layers) {
      const summary = await project.layers.summary(layer.id);
      if ((summary.get(entry.id)?.spanCount ?? 0) === 0) continue;
      const stored = await project.layers.read(layer.id, entry.id).catch((error: unknown) => {
        if (error instanceof CorruptFileError) return null;
        throw error;
      });
      // Offsets made for another version of the text would point at the wrong words.
      if (!stored || stored.textHash !== entry.textHash) continue;
      for (const span of stored.spans) {
        if (span.label === query.label && (text.trim() === '' || containsText(span.text, text, query.caseSensitive))) {
          found.push({ span, layer });
        }
      }
    }
    if (found.length === 0) return [];
    const doc = await readable(project, entry.id);
    if (!doc) return [];
    found.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.layer.name.localeCompare(b.layer.name));
    return found.map(({ span, layer }) => ({
      docId: doc.id,
      title: doc.title,
      start: span.start,
      end: span.end,
      snippet: snippetAround(doc.text, span),
      span: { id: span.id, label: span.label, layer: layer.id, layerName: layer.name },
    }));
  };
}

/** The layers a span search looks in: all of them, the one asked for, or the annotator's own. */
function searchedLayers(project: Project, ownLayer: string | null, query: SearchQuery): LayerInfo[] {
  if (query.allLayers) return project.layers.list();
  const id = query.layer ?? ownLayer;
  if (id === null) throw new StoreError('bad-request', 'Enter your name first, or name the layer to search.');
  const info = project.layers.info(id);
  if (info) return [info];
  // The annotator's own layer does not exist until their first save: nothing to find yet.
  if (id === ownLayer) return [];
  throw new StoreError('not-found', `This project has no layer "${id}".`);
}

/** The document, or null when it cannot be read (it is then named as a problem of the project). */
async function readable(project: Project, docId: string): Promise<DocumentRecord | null> {
  try {
    return await project.document(docId);
  } catch (error) {
    if (error instanceof StoreError) return null;
    throw error;
  }
}
