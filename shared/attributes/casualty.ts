/**
 * Reads the attributes of a CASUALTY span: what happened to the people (kind), how many
 * (count) and how sure the figure is (qualifier).
 */
import { COUNT_PATTERN, VAGUE_COUNT_PATTERN, longestFirst, parseCount } from './numbers';

export type CasualtyKind = 'killed' | 'wounded' | 'displaced' | 'captured' | 'missing';
export type CasualtyQualifier = 'exact' | 'at least' | 'about' | 'more than' | 'up to';

export interface CasualtyProposal {
  kind?: CasualtyKind;
  count?: number;
  qualifier?: CasualtyQualifier;
}

/** Words that put a figure in a qualifier's range, by qualifier. */
const QUALIFIER_PHRASES: Record<Exclude<CasualtyQualifier, 'exact'>, string[]> = {
  'at least': ['at least', 'no fewer than', 'no less than', 'a minimum of'],
  'more than': ['more than', 'over', 'upwards of', 'in excess of', 'above'],
  about: ['about', 'around', 'nearly', 'almost', 'some', 'roughly', 'approximately', 'approx.', 'an estimated', 'estimated', 'close to', 'circa'],
  'up to': ['up to', 'as many as', 'at most', 'fewer than', 'less than', 'under', 'no more than'],
};

const QUALIFIER_BY_PHRASE = new Map(
  Object.entries(QUALIFIER_PHRASES).flatMap(([qualifier, phrases]) =>
    phrases.map((phrase) => [phrase, qualifier as CasualtyQualifier] as const),
  ),
);

/** A qualifier phrase, as regex source for the `i` and `u` flags; longest first so "at least" wins over "at". */
export const QUALIFIER_PATTERN = longestFirst([...QUALIFIER_BY_PHRASE.keys()])
  .map((phrase) => phrase.replaceAll('.', '\\.').replaceAll(' ', '\\s+'))
  .join('|');

/** Words in a sentence that say what happened to the people counted, by kind. */
const KIND_WORDS: Record<CasualtyKind, string[]> = {
  killed: [
    'killed', 'kill', 'kills', 'killing', 'dead', 'death', 'deaths', 'death toll', 'died', 'die', 'dies',
    'dying', 'bodies', 'slain', 'massacred', 'massacre', 'executed', 'fatalities', 'perished',
    'lost their lives', 'martyred', 'martyrs',
  ],
  wounded: ['wounded', 'wounding', 'injured', 'injuring', 'injuries', 'injury', 'hurt', 'maimed'],
  displaced: [
    'displaced', 'displacing', 'displacement', 'fled', 'flee', 'flees', 'fleeing', 'refugees',
    'refugee', 'evacuated', 'evacuating', 'evacuation', 'homeless', 'uprooted', 'IDPs',
  ],
  captured: [
    'captured', 'capturing', 'detained', 'detaining', 'detention', 'detainees', 'arrested',
    'arresting', 'arrests', 'abducted', 'abducting', 'abduction', 'kidnapped', 'kidnapping',
    'taken prisoner', 'prisoners', 'hostages', 'hostage', 'captives',
  ],
  missing: ['missing', 'disappeared', 'unaccounted'],
};

const KIND_BY_WORD = new Map(
  Object.entries(KIND_WORDS).flatMap(([kind, words]) =>
    words.map((word) => [word.toLowerCase(), kind as CasualtyKind] as const),
  ),
);

const KIND_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${longestFirst([...KIND_BY_WORD.keys()]).map((w) => w.replaceAll(' ', '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const CLAUSE_BREAK = /[,;:]|(?<![\p{L}])(?:and|but|while|whereas)(?![\p{L}])/iu;
const QUALIFIER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${QUALIFIER_PATTERN})(?![\\p{L}\\p{N}])`, 'iu');
const COUNT = new RegExp(`(?<![\\p{L}\\p{N}.,])(?:${COUNT_PATTERN})(?![\\p{L}\\p{N}])`, 'iu');
const VAGUE_COUNT = new RegExp(`(?<![\\p{L}\\p{N}])(?:${VAGUE_COUNT_PATTERN})(?![\\p{L}\\p{N}])`, 'iu');

/**
 * Propose the attributes of a casualty figure: the count from digits or number words, the
 * qualifier from a phrase in the span ("exact" when there is none), and the kind from the
 * word of harm in `context` (the sentence around the span) nearest to the span.
 * A vague figure ("dozens of civilians") gets no count and so no qualifier: the qualifier
 * says how the count is meant, and there is none to qualify.
 */
export function proposeCasualty(spanText: string, context: string): CasualtyProposal {
  const proposal: CasualtyProposal = {};
  const kind = nearestKind(spanText, context);
  if (kind) proposal.kind = kind;
  const count = readCount(spanText);
  if (count !== undefined) {
    proposal.count = count;
    const qualifier = QUALIFIER.exec(spanText);
    proposal.qualifier = (qualifier && QUALIFIER_BY_PHRASE.get(normalisePhrase(qualifier[0]))) || 'exact';
  }
  return proposal;
}

function readCount(spanText: string): number | undefined {
  const vague = VAGUE_COUNT.exec(spanText);
  const count = COUNT.exec(spanText);
  if (!count) return undefined;
  // "more than a dozen" counts; "a dozen of the thousands" would not, nor "thousands" alone.
  if (vague && vague.index < count.index) return undefined;
  return parseCount(count[0]);
}

/**
 * The kind named by the harm word closest to the span; a word inside the span ("5,834
 * refugees") is closest of all. A word in another clause counts as far away: in "two were
 * killed and five were wounded" the five were wounded. Ties go to the word after the span.
 */
function nearestKind(spanText: string, context: string): CasualtyKind | undefined {
  const found = context.indexOf(spanText);
  const haystack = found >= 0 ? context : `${spanText} ${context}`;
  const spanStart = found >= 0 ? found : 0;
  const spanEnd = spanStart + spanText.length;
  let best: { kind: CasualtyKind; distance: number } | undefined;
  for (const match of haystack.matchAll(KIND_WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const between = end <= spanStart ? haystack.slice(end, spanStart) : start >= spanEnd ? haystack.slice(spanEnd, start) : '';
    const gap = end <= spanStart ? between.length + 0.5 : between.length;
    const distance = CLAUSE_BREAK.test(between) ? gap + haystack.length : gap;
    const kind = KIND_BY_WORD.get(normalisePhrase(match[0]));
    if (kind && (!best || distance < best.distance)) best = { kind, distance };
  }
  return best?.kind;
}

function normalisePhrase(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/gu, ' ');
}
