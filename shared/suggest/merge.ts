/** Suggestions from a project's pre-annotation layers and from the engine, made one list for a layer. */
import { openSuggestions, suggestionKey } from '../suggestions';
import { suggest, type SuggestInput } from './engine';
import { withoutOverlaps, type Suggestion } from './suggestion';

/**
 * Pre-annotation first (someone prepared it for this project), the engine's after: the same
 * span from both is one suggestion with both sources; of two overlapping of one label the
 * pre-annotation one stays, else the surer. Sorted by position.
 */
export function mergeSuggestions(preferred: readonly Suggestion[], others: readonly Suggestion[]): Suggestion[] {
  const merged = new Map<string, Suggestion>();
  for (const suggestion of preferred) merged.set(suggestionKey(suggestion), suggestion);
  const first = new Set(merged.values());
  for (const suggestion of others) {
    const key = suggestionKey(suggestion);
    const kept = merged.get(key);
    if (!kept) {
      merged.set(key, suggestion);
      continue;
    }
    const sources = [...new Set([...(kept.sources ?? [kept.source]), ...(suggestion.sources ?? [suggestion.source])])];
    merged.set(key, { ...kept, attributes: kept.attributes ?? suggestion.attributes, sources });
    first.add(merged.get(key)!);
  }
  const rank = (a: Suggestion, b: Suggestion) =>
    Number(first.has(b)) - Number(first.has(a)) || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;
  return withoutOverlaps([...merged.values()], rank).sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}

/** What `offer` works from: one document, the layer's spans and rejections, and the pre-annotation on it. */
export interface OfferInput extends SuggestInput {
  /** The spans of the project's pre-annotation layers on this document, as suggestions. */
  preAnnotated: readonly Suggestion[];
}

/**
 * Everything on offer to a layer's owner in one document: the pre-annotation not yet accepted
 * or turned down, merged with what the engine proposes.
 */
export async function offer(input: OfferInput): Promise<Suggestion[]> {
  const engine = await suggest(input);
  return mergeSuggestions(openSuggestions(input.preAnnotated, input.existing, input.rejected), engine);
}
