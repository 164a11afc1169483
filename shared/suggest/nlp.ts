/**
 * People, organisations and places (ACTOR, LOCATION) found with compromise's part-of-speech
 * tags plus a grammar of the domain: runs of capitalised words are names, classified by their
 * head word ("Zawiya Mountain", "White Helmets"), the words around them ("in Saraqib", "the
 * town of Kafr Nabl", "Turkey has") and compromise's lexicon (countries, cities, first names);
 * a nationality or "pro-X" before a word for armed forces is a described actor
 * ("Russian warplanes", "Syrian government forces", "pro-Assad troops").
 */
import type nlp from 'compromise';
import { MONTH_NAME, WEEKDAY_NAME } from '../attributes/calendar';
import { analyseText } from './analysis';
import type { Suggestion } from './suggestion';

export const NAME_SOURCE = 'nlp:name';
export const FORCE_SOURCE = 'nlp:force';
const ACTOR = 'ACTOR';
const LOCATION = 'LOCATION';

interface Tagger {
  nlp: typeof nlp;
  /**
   * The default compute steps up to and including the pre-tagger. The post-tagger's corrections
   * and the chunker cost about three times as much (≈ 110 ms more for 1,500 words here) and
   * the lexicon's tags are all the name grammar below reads.
   */
  steps: string[];
}

/**
 * compromise, loaded on first use: loading its lexicon takes most of a second, which every
 * start of the service (and of each CLI command) would otherwise wait for.
 */
let tagger: Promise<Tagger> | undefined;

function loadTagger(): Promise<Tagger> {
  tagger ??= import('compromise').then(({ default: loaded }) => ({
    nlp: loaded,
    steps: loaded.hooks().slice(0, loaded.hooks().indexOf('preTagger') + 1),
  }));
  return tagger;
}

/** A word as compromise tagged it, with hyphenated parts ("al-Ghab") joined; UTF-16 offsets. */
interface Word {
  start: number;
  end: number;
  text: string;
  /** Lower case. */
  lower: string;
  tags: Set<string>;
  /** First word of a sentence or line, or after an opening quote: where a capital says nothing. */
  opensSentence: boolean;
  /** Only spaces separate it from the word before: no punctuation, no line break. */
  spaceBefore: boolean;
}

const LOCATION_HEADS = new Set([
  'mountain', 'mountains', 'mount', 'plain', 'plains', 'highway', 'road', 'street', 'square', 'province',
  'governorate', 'district', 'subdistrict', 'region', 'city', 'town', 'village', 'camp', 'base',
  'airbase', 'airport', 'valley', 'river', 'hill', 'hills', 'heights', 'crossing', 'checkpoint',
  'neighbourhood', 'neighborhood', 'dam', 'bridge', 'lake', 'island', 'desert', 'gulf', 'sea',
  'hospital', 'school', 'mosque', 'prison', 'stadium', 'market', 'station', 'plateau', 'jabal',
]);
const ACTOR_HEADS = new Set([
  'army', 'forces', 'force', 'front', 'helmets', 'council', 'ministry', 'agency', 'committee',
  'organization', 'organisation', 'brigade', 'brigades', 'movement', 'party', 'coalition',
  'observatory', 'press', 'news', 'nations', 'union', 'command', 'division', 'regiment',
  'battalion', 'corps', 'guard', 'guards', 'group', 'network', 'office', 'government',
  'authority', 'authorities', 'militia', 'militias', 'unit', 'units', 'watch', 'crescent',
  'cross', 'room', 'team', 'commission', 'department', 'institute', 'centre', 'center',
  'league', 'alliance', 'bank', 'court', 'parliament', 'assembly', 'police', 'service', 'services',
  'association', 'society', 'foundation', 'federation', 'fund', 'programme', 'program', 'mission',
  'initiative', 'directorate', 'administration', 'secretariat', 'forum',
]);
/** Heads after which "of"/"for" continues an organisation's name ("Ministry of Defence"). */
const JOINING_HEADS = new Set([...ACTOR_HEADS].filter((head) => !['forces', 'force', 'guards', 'units'].includes(head)));
/** Lower-case generic words that end a place's name ("Jabal al-Zawiya region", "Idlib province"). */
const GENERIC_PLACE_HEADS = new Set([
  'region', 'province', 'governorate', 'district', 'subdistrict', 'countryside', 'city', 'mountain',
  'mountains', 'plain', 'valley', 'river', 'camp', 'airport', 'highway',
]);
/** Heads a number may follow as part of the name ("Base 46"). */
const NUMBERED_HEADS = new Set(['base', 'route', 'highway', 'road', 'camp', 'hill', 'point', 'checkpoint', 'division', 'brigade', 'regiment', 'sector']);
const TITLES = new Set([
  'president', 'minister', 'prime', 'general', 'gen.', 'col.', 'colonel', 'commander', 'spokesman',
  'spokeswoman', 'spokesperson', 'envoy', 'secretary-general', 'secretary', 'sheikh', 'king',
  'prince', 'governor', 'mayor', 'ambassador', 'chief', 'director', 'head', 'leader', 'emir',
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'lt.', 'maj.', 'capt.', 'sgt.',
]);
/** Lower-case words inside a name: Arabic articles and "of"/"for" in organisations. */
const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'at', 'az', 'bin', 'ibn', 'abu', 'bani', 'de', 'of', 'for', 'the']);
const ARABIC_ARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an|adh|ath)[-‐]\p{Lu}/u;
const LOCATIVE_WORDS = new Set([
  'in', 'on', 'near', 'at', 'from', 'to', 'towards', 'toward', 'into', 'outside', 'across', 'around',
  'inside', 'through', 'throughout', 'via', 'within', 'nearby', 'reached', 'entered', 'shelled',
  'struck', 'bombed', 'hit', 'targeted', 'stormed', 'besieged', 'recaptured', 'seized',
]);
/** Nouns before "of" that make what follows a place: "the town of Kafr Nabl". */
const PLACE_NOUNS = new Set([
  'town', 'towns', 'village', 'villages', 'city', 'cities', 'province', 'provinces', 'governorate',
  'region', 'countryside', 'outskirts', 'area', 'areas', 'district', 'neighbourhood', 'neighborhood',
  'suburb', 'suburbs', 'north', 'south', 'east', 'west', 'parts', 'vicinity', 'centre', 'center',
  'capital', 'port', 'municipality', 'subdistrict', 'camp',
]);
const VERB_TAGS = ['Verb', 'Modal', 'Auxiliary', 'Copula', 'PastTense', 'PresentTense'];
const NAME_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization', 'Demonym', 'Acronym'];
const NOT_NAME_TAGS = ['Date', 'Month', 'WeekDay', 'Determiner', 'Pronoun', 'Preposition', 'Conjunction'];
/** The tagger misses some months ("in March"); dates are the rules' business. */
const CALENDAR_WORD = new RegExp(`^(?:${MONTH_NAME}|${WEEKDAY_NAME})$`, 'u');

/** Verbs that make a place named before them a state or government acting: "Ankara has said". */
const AGENT_VERBS = new Set([
  'said', 'says', 'announced', 'agreed', 'denied', 'accused', 'warned', 'rejected', 'demanded',
  'claimed', 'condemned', 'insisted', 'signed', 'threatened', 'vowed', 'refused', 'urged',
  'launched', 'sent', 'deployed', 'responded', 'retaliated', 'pledged', 'called', 'blamed',
]);
const AUXILIARIES = new Set(['has', 'have', 'had', 'will', 'would', 'is', 'was', 'also', 'later']);

/** Words that start a described actor: nationalities and alignments. */
const ALIGNMENT = /^(?:pro|anti)-\p{L}|-(?:backed|led|allied|aligned|affiliated|supported|sponsored|linked)$/iu;
const NATIONALITY_ENDING = /^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish)$/u;
/** Nationalities ending in -i: the ending alone would take "Sochi" and "Qamishli" along. */
const NATIONALITIES_IN_I = new Set([
  'iraqi', 'israeli', 'saudi', 'emirati', 'qatari', 'omani', 'yemeni', 'kuwaiti', 'bahraini',
  'somali', 'pakistani', 'bangladeshi', 'azerbaijani', 'nepali', 'thai', 'houthi', 'malawi',
]);
const FORCE_MODIFIERS = new Set([
  'government', 'opposition', 'armed', 'fighter', 'military', 'regime', 'security', 'special', 'air',
  'naval', 'rebel', 'islamist', 'jihadist', 'allied', 'coalition', 'paramilitary', 'ground',
  'elite', 'border', 'state', 'army', 'police', 'militia', 'loyalist', 'national', 'defense',
  'defence', 'intelligence', 'republican', 'extremist', 'terrorist', 'local', 'foreign', 'aid',
  'humanitarian', 'rescue', 'relief', 'medical',
]);
const FORCE_NOUNS = new Set([
  'forces', 'force', 'troops', 'soldiers', 'army', 'armies', 'military', 'warplanes', 'warplane',
  'jets', 'aircraft', 'planes', 'helicopters', 'drones', 'artillery', 'militias', 'militia',
  'militants', 'fighters', 'rebels', 'guards', 'police', 'government', 'regime', 'authorities',
  'officials', 'groups', 'group', 'factions', 'faction', 'units', 'battalions', 'brigades',
  'coalition', 'navy', 'personnel', 'servicemen', 'mercenaries', 'jihadists', 'insurgents',
  'gunmen', 'gunboats', 'warships', 'bombers', 'patrols', 'agencies', 'organisations',
  'organizations', 'workers', 'teams',
]);
/** Force words that name an actor on their own when it acts: "the army said", "police opened fire". */
const ACTING_ALONE = new Set(['army', 'military', 'police', 'government', 'regime', 'authorities', 'rebels', 'militants']);
/** Groups the guidelines name as actors on their own. */
const GROUP_ACTORS = new Set(['civilians']);

const cache = new Map<string, readonly Suggestion[]>();
const CACHE_SIZE = 8;

/**
 * ACTOR and LOCATION suggestions for a text; offsets are code points. Tagging is the slow
 * part (tens of milliseconds for an article), so the last few texts' results are kept:
 * a document asked about again after every accept or reject costs nothing more.
 */
export async function matchEntities(text: string): Promise<readonly Suggestion[]> {
  const cached = cache.get(text);
  if (cached) {
    // Refresh its place in the least-recently-used order.
    cache.delete(text);
    cache.set(text, cached);
    return cached;
  }
  const words = taggedWords(await loadTagger(), text);
  const analysis = analyseText(text);
  const found = [...nameSpans(words), ...forceSpans(words)].map((span) => {
    const start = analysis.offsets.toCodePoint(span.start);
    const end = analysis.offsets.toCodePoint(span.end);
    return { ...span, start, end, text: text.slice(span.start, span.end) };
  });
  cache.set(text, found);
  const oldest = cache.keys().next().value;
  if (cache.size > CACHE_SIZE && oldest !== undefined) cache.delete(oldest);
  return found;
}

function taggedWords({ nlp, steps }: Tagger, text: string): Word[] {
  const document = nlp.tokenize(text).compute(steps).document;
  const words: Word[] = [];
  let cursor = 0;
  let previousEnd = 0;
  let joinNext = false;
  for (const sentence of document) {
    let first = true;
    for (const term of sentence) {
      if (term.text === '') continue;
      const start = locate(text, term.text, cursor + term.pre.length, cursor);
      if (start < 0) continue;
      const end = start + term.text.length;
      cursor = end + term.post.length;
      const tags = term.tags ?? new Set<string>();
      const previous = words[words.length - 1];
      if (joinNext && previous && previous.end + 1 === start) {
        previous.end = end;
        previous.text = text.slice(previous.start, end);
        previous.lower = previous.text.toLowerCase();
        for (const tag of tags) previous.tags.add(tag);
      } else {
        const gap = text.slice(previousEnd, start);
        words.push({
          start,
          end,
          text: term.text,
          lower: term.text.toLowerCase(),
          tags: new Set(tags),
          opensSentence: first || /[\n"“‘(]/u.test(gap),
          spaceBefore: /^[ \t\u00A0]+$/u.test(gap),
        });
      }
      previousEnd = end;
      joinNext = /^[-‐]$/u.test(term.post);
      first = false;
    }
  }
  return words;
}

/**
 * Where compromise's term sits in the text: its pre-whitespace and post-punctuation usually
 * add up to the original exactly; when they do not (it rewrites some contractions), search.
 */
function locate(text: string, termText: string, expected: number, cursor: number): number {
  if (text.startsWith(termText, expected)) return expected;
  const found = text.indexOf(termText, cursor);
  return found >= 0 && found - cursor < 200 ? found : -1;
}

interface FoundSpan {
  start: number;
  end: number;
  label: string;
  source: string;
  score: number;
}

function nameSpans(words: Word[]): FoundSpan[] {
  const found: FoundSpan[] = [];
  let i = 0;
  while (i < words.length) {
    const end = nameEnd(words, i);
    if (end > i) {
      const span = classifyName(words, i, end);
      if (span) found.push(span);
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

/** The end (exclusive) of the run of name words starting at `from`; `from` when there is none. */
function nameEnd(words: Word[], from: number): number {
  if (!isNameWord(words[from])) return from;
  let end = from + 1;
  while (end < words.length && joined(words[end - 1], words[end])) {
    const word = words[end];
    if (isPossessive(words[end - 1])) break;
    if (isNameWord(word) && !word.opensSentence) {
      end++;
    } else if (/^\p{N}+$/u.test(word.text) && NUMBERED_HEADS.has(words[end - 1].lower)) {
      end++;
      break;
    } else if (GENERIC_PLACE_HEADS.has(word.text)) {
      end++;
      break;
    } else if (NAME_PARTICLES.has(word.lower) && continuesName(words, from, end)) {
      end++;
    } else {
      break;
    }
  }
  // A run never ends on a particle: "Front for" is not a name.
  while (end > from + 1 && NAME_PARTICLES.has(words[end - 1].lower)) end--;
  return end;
}

/** Whether the particle at `at` sits inside a name: an Arabic article before a capital, or "of"/"for" after an organisation's head. */
function continuesName(words: Word[], from: number, at: number): boolean {
  const particle = words[at].lower;
  const next = words[at + 1];
  if (!next || !joined(words[at], next)) return false;
  if (particle === 'the') return ['of', 'for'].includes(words[at - 1].lower) && isNameWord(next);
  if (particle === 'of' || particle === 'for') return JOINING_HEADS.has(words[at - 1].lower) && at > from && isNameWord(next);
  return /^\p{Lu}/u.test(next.text);
}

function isNameWord(word: Word): boolean {
  if (NOT_NAME_TAGS.some((tag) => word.tags.has(tag)) || CALENDAR_WORD.test(word.text)) return false;
  if (!/^\p{Lu}/u.test(word.text) && !ARABIC_ARTICLE.test(word.text)) return false;
  return !word.opensSentence || NAME_TAGS.some((tag) => word.tags.has(tag));
}

function isPossessive(word: Word): boolean {
  return /['’]s$/u.test(word.text);
}

/** Whether `next` follows `word` with only spaces between: a comma, bracket, dash or line break ends a name. */
function joined(word: Word, next: Word): boolean {
  return next.start > word.end && next.spaceBefore;
}

function classifyName(words: Word[], from: number, to: number): FoundSpan | undefined {
  let start = from;
  const lastTitle = findLastIndex(words, from, to - 1, isTitle);
  const titled = lastTitle >= 0;
  if (titled) start = lastTitle + 1;
  const name = words.slice(start, to);
  if (name.every(isTitle)) return undefined;
  const last = name[name.length - 1];
  const end = isPossessive(last) ? last.end - 2 : last.end;
  const at = (label: string, score: number): FoundSpan => ({ start: name[0].start, end, label, source: NAME_SOURCE, score });
  if (name.length === 1 && isNationality(name[0])) return undefined;

  // In "Ministry of Defence" the head is the word before "of".
  const joint = name.findIndex((word) => word.lower === 'of' || word.lower === 'for');
  const head = (joint > 0 ? name[joint - 1] : last).lower.replace(/['’]s$/u, '');
  const before = words[from - 1];
  const beforeThat = words[from - 2];
  const after = isPossessive(last) ? undefined : words[to];
  const placeOf = before?.lower === 'of' && beforeThat !== undefined && PLACE_NOUNS.has(beforeThat.lower);
  const locative = before !== undefined && LOCATIVE_WORDS.has(before.lower);
  const predicate = after && joined(last, after) ? predicateAfter(words, to) : undefined;
  const verbFollows = predicate !== undefined && VERB_TAGS.some((tag) => predicate.tags.has(tag));
  const agentVerbFollows = predicate !== undefined && AGENT_VERBS.has(predicate.lower);
  const hasTag = (tag: string) => name.some((word) => word.tags.has(tag));

  if (LOCATION_HEADS.has(head) && name.length > 1) return at(LOCATION, 0.8);
  if (ACTOR_HEADS.has(head) && name.length > 1) return at(ACTOR, 0.8);
  if (placeOf) return at(LOCATION, 0.8);
  if (titled) return at(ACTOR, 0.75);
  if (locative) return at(LOCATION, 0.7);
  if ((hasTag('Country') && verbFollows) || (hasTag('City') && agentVerbFollows)) return at(ACTOR, 0.6);
  if (hasTag('Person')) return at(ACTOR, 0.65);
  if (hasTag('Place')) return at(LOCATION, 0.65);
  if (hasTag('Organization')) return at(ACTOR, 0.6);
  if (name.length === 1 && /^\p{Lu}{2,6}$/u.test(name[0].text)) return at(ACTOR, 0.55);
  if (verbFollows) return at(ACTOR, 0.5);
  return undefined;
}

function isTitle(word: Word): boolean {
  return TITLES.has(word.lower) || word.tags.has('Honorific');
}

/**
 * The verb a name is the subject of, looking past auxiliaries ("has said") and a second name
 * joined by "and" ("Russia and Turkey agreed").
 */
function predicateAfter(words: Word[], at: number): Word | undefined {
  let next = at;
  if (words[next]?.lower === 'and' && words[next + 1] && joined(words[next], words[next + 1])) {
    const end = nameEnd(words, next + 1);
    if (end === next + 1) return words[next];
    next = end;
  }
  while (words[next] && AUXILIARIES.has(words[next].lower) && words[next + 1]) next++;
  return words[next];
}

function isNationality(word: Word): boolean {
  if (word.tags.has('Demonym') || NATIONALITIES_IN_I.has(word.lower)) return true;
  return NATIONALITY_ENDING.test(word.text) && !word.tags.has('Place');
}

/** A name of a group that a force word may follow: "SDF fighters", "Hezbollah militants". */
function isGroupName(word: Word): boolean {
  if (/^\p{Lu}{2,6}$/u.test(word.text)) return true;
  if (word.opensSentence || isPossessive(word) || word.tags.has('Place') || !/^\p{Lu}/u.test(word.text)) return false;
  return word.tags.has('ProperNoun') || word.tags.has('Organization');
}

/** Described actors: nationality or alignment, then modifiers, ending on a word for a force. */
function forceSpans(words: Word[]): FoundSpan[] {
  const found: FoundSpan[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    const lastForce = forceEnd(words, i);
    if (lastForce > i) {
      found.push({ start: word.start, end: words[lastForce].end, label: ACTOR, source: FORCE_SOURCE, score: 0.7 });
      i = lastForce + 1;
      continue;
    }
    if (GROUP_ACTORS.has(word.lower) || (ACTING_ALONE.has(word.lower) && actsNext(words, i))) {
      found.push({ start: word.start, end: word.end, label: ACTOR, source: FORCE_SOURCE, score: 0.45 });
    }
    i++;
  }
  return found;
}

/** The index of the force word ending a described actor that starts at `from`; -1 if none does. */
function forceEnd(words: Word[], from: number): number {
  const first = words[from];
  const opener = isNationality(first) || ALIGNMENT.test(first.text) || isGroupName(first);
  if (!opener && !FORCE_MODIFIERS.has(first.lower)) return -1;
  let lastForce = -1;
  for (let j = from + 1; j < words.length && joined(words[j - 1], words[j]); j++) {
    const part = words[j];
    const fits = FORCE_MODIFIERS.has(part.lower) || FORCE_NOUNS.has(part.lower) || isNationality(part) || ALIGNMENT.test(part.text);
    if (!fits) break;
    if (FORCE_NOUNS.has(part.lower)) lastForce = j;
  }
  return lastForce;
}

function actsNext(words: Word[], at: number): boolean {
  const next = words[at + 1];
  if (!next || !joined(words[at], next)) return false;
  const predicate = predicateAfter(words, at + 1);
  return predicate !== undefined && VERB_TAGS.some((tag) => predicate.tags.has(tag));
}

function findLastIndex<T>(items: T[], from: number, to: number, test: (item: T) => boolean): number {
  for (let i = to - 1; i >= from; i--) if (test(items[i])) return i;
  return -1;
}
