/**
 * Pattern rules for the labels whose mentions follow a grammar: DATE (calendar dates, weekdays,
 * parts of months, relative expressions) and CASUALTY (a count of people). Each match carries
 * the attributes the parsers in shared/attributes read from it.
 */
import { QUALIFIER_PATTERN, proposeCasualty } from '../attributes/casualty';
import { DAY_OF_MONTH, MONTH_NAME, MONTH_OR_ABBREVIATION, WEEKDAY_NAME, YEAR } from '../attributes/calendar';
import { normalizeDate } from '../attributes/dates';
import { COUNT_PATTERN, VAGUE_COUNT_PATTERN, longestFirst } from '../attributes/numbers';
import { rangesOverlap } from '../spans';
import type { AttributeValues } from '../types';
import { analyseText, sentenceAround, type TextAnalysis } from './analysis';
import { withoutOverlaps, type Suggestion } from './suggestion';

export const DATE_RULE_SOURCE = 'rule:date';
export const CASUALTY_RULE_SOURCE = 'rule:casualty';
/** The labels of the default schema these rules and their attributes are written for. */
const DATE_LABEL = 'DATE';
const CASUALTY_LABEL = 'CASUALTY';

const WORD_BEFORE = String.raw`(?<![\p{L}\p{N}])`;
const WORD_AFTER = String.raw`(?![\p{L}\p{N}])`;
/** Words after which a bare year or month is a date: "in 2019", "during March". */
const TIME_PREPOSITION = '(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Bb]etween|[Ee]arly|[Ll]ate|[Oo]f)';

interface Rule {
  pattern: RegExp;
  score: number;
}

function rule(source: string, score: number, flags = 'gu'): Rule {
  return { pattern: new RegExp(`${WORD_BEFORE}(?:${source})${WORD_AFTER}`, flags), score };
}

/** Case matters for most date rules: "may" and "march" are verbs, "May" and "March" months. */
const DATE_RULES: Rule[] = [
  rule(`${YEAR}-[01][0-9]-[0-3][0-9]`, 0.9),
  rule(`(?:[Ss]ince\\s+)?${MONTH_OR_ABBREVIATION}\\s+${DAY_OF_MONTH}(?:,?\\s+${YEAR})?(?![\\p{N}:])`, 0.9),
  rule(`(?:[Ss]ince\\s+)?${DAY_OF_MONTH}\\s+(?:of\\s+)?${MONTH_NAME}(?:,?\\s+${YEAR})?`, 0.9),
  rule(`(?:[Ss]ince\\s+)?(?:(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-|\\s+)|(?:[Tt]he\\s+)?(?:start|beginning|end|middle)\\s+of\\s+)${MONTH_NAME}(?:,?\\s+${YEAR})?`, 0.85),
  rule(`(?:[Ss]ince\\s+)?${MONTH_NAME},?\\s+(?:of\\s+)?${YEAR}`, 0.85),
  rule(`(?:(?:[Ll]ast|[Pp]ast|[Tt]his|[Nn]ext|[Ss]ince)\\s+)?${WEEKDAY_NAME}`, 0.85),
  rule('[Yy]esterday|[Tt]onight', 0.75),
  rule('[Tt]oday', 0.5),
  rule(`(?:${COUNT_PATTERN}|an?)\\s+(?:days?|weeks?|months?|years?)\\s+(?:after|later|before|earlier|ago)`, 0.7, 'giu'),
  rule(`(?:[Ll]ast|[Tt]his|[Nn]ext|(?:[Ee]arlier|[Ll]ater)\\s+this)\\s+(?:week|month|year)`, 0.7),
  rule('[Tt]he\\s+(?:following|next|previous|same)\\s+(?:day|week|month|morning|evening|night)|[Tt]he\\s+day\\s+(?:before|after)', 0.6),
  rule(`[Ss]ince\\s+${YEAR}|(?<=${WORD_BEFORE}${TIME_PREPOSITION}\\s)${YEAR}(?![,.]?[\\p{N}])`, 0.6),
  rule(`[Ss]ince\\s+${MONTH_NAME}|(?<=${WORD_BEFORE}${TIME_PREPOSITION}\\s)${MONTH_NAME}`, 0.6),
];

/** Nouns for people, the heads of a casualty figure ("16 pro-Assad troops", "5,834 people"). */
const PEOPLE_NOUNS = [
  'civilians', 'civilian', 'people', 'persons', 'person', 'individuals', 'soldiers', 'soldier',
  'troops', 'servicemen', 'fighters', 'fighter', 'militants', 'militant', 'rebels', 'rebel',
  'gunmen', 'insurgents', 'jihadists', 'militiamen', 'mercenaries', 'recruits', 'members',
  'personnel', 'officers', 'officer', 'policemen', 'guards', 'pilots', 'officials', 'staff',
  'children', 'child', 'kids', 'minors', 'babies', 'infants', 'women', 'woman', 'men', 'man',
  'girls', 'boys', 'residents', 'villagers', 'inhabitants', 'citizens', 'refugees', 'migrants',
  'families', 'students', 'workers', 'doctors', 'medics', 'nurses', 'paramedics', 'rescuers',
  'volunteers', 'journalists', 'patients', 'protesters', 'demonstrators', 'detainees',
  'prisoners', 'hostages', 'captives', 'victims', 'casualties', 'dead', 'wounded', 'injured',
  'bodies', 'IDPs', 'Syrians', 'Kurds', 'Turks', 'Russians', 'Iranians', 'Iraqis',
  'Palestinians', 'Afghans', 'suspects', 'inmates', 'worshippers', 'passengers', 'pilgrims',
  'teachers', 'farmers', 'shepherds', 'fishermen', 'traders', 'employees', 'crew',
];
/** Lower-case words that may stand between a count and its people ("five more civilians"). */
const PEOPLE_MODIFIERS = new Set([
  'more', 'other', 'unarmed', 'innocent', 'armed', 'civilian', 'young', 'elderly', 'old', 'local',
  'displaced', 'wounded', 'injured', 'government', 'opposition', 'rebel', 'regime', 'army',
  'security', 'military', 'police', 'aid', 'medical', 'rescue', 'relief', 'humanitarian',
  'foreign', 'allied', 'militia', 'family', 'additional', 'further', 'female', 'male', 'school',
  'syrian', 'kurdish', 'turkish', 'russian', 'iranian',
]);
/** Verbs of harm that let a count stand without its noun: "more than 400,000 have fled". */
const HARM_AFTER = '(?:(?:be\\s+)?(?:displaced|killed|wounded|injured|evacuated|arrested|detained|abducted|kidnapped|captured)|fled|flee|died|die|missing|lost\\s+their\\s+lives)';
/** What may stand between a bare figure and its verb: "have been", "could", "were reportedly". */
const AUXILIARY = '(?:have|has|had|were|was|are|is|been|being|could|may|might|will|would|reportedly|already|now|also)';
const HARM_BEFORE = '(?:displac|kill|wound|injur|uproot|evacuat|detain|arrest|abduct)(?:ed|ing)';
const FIGURE = `(?:(?:${QUALIFIER_PATTERN})\\s+)?(?:${COUNT_PATTERN}|${VAGUE_COUNT_PATTERN})`;
/** "up to 300,000 more could flee": "more" stands for the people. */
const BARE_FIGURE = `${FIGURE}(?:\\s+more)?`;
const FIGURE_BEFORE = String.raw`(?<![\p{L}\p{N}.,])`;

const PEOPLE_FIGURE = new RegExp(
  `${FIGURE_BEFORE}(?<figure>${FIGURE})(?:\\s+of)?(?<modifiers>(?:\\s+[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*){0,3}?)\\s+(?:${longestFirst(PEOPLE_NOUNS).join('|')})${WORD_AFTER}`,
  'giu',
);
const FIGURE_THEN_HARM = new RegExp(
  `${FIGURE_BEFORE}(?<figure>${BARE_FIGURE})(?=\\s+(?:${AUXILIARY}\\s+){0,3}${HARM_AFTER}${WORD_AFTER})`,
  'giu',
);
const HARM_THEN_FIGURE = new RegExp(
  `(?<=${WORD_BEFORE}${HARM_BEFORE}\\s+)(?<figure>${FIGURE})(?=\\s*(?:[.,;:)]|$)|\\s+(?:in|on|at|and|since|across|from|during|after|when|while|as|according)${WORD_AFTER})`,
  'giu',
);
const CASUALTY_RULES: Rule[] = [
  { pattern: PEOPLE_FIGURE, score: 0.85 },
  { pattern: FIGURE_THEN_HARM, score: 0.65 },
  { pattern: HARM_THEN_FIGURE, score: 0.6 },
];
/** A figure that is a year after a time word ("in 2019 civilians ...") is not a count. */
const YEAR_IN_TIME = new RegExp(`(?:${TIME_PREPOSITION}|[Ss]ince)\\s+${YEAR}$`, 'u');

/** The last text's answer: a document is asked about again after every edit, its text unchanged. */
let lastMatched: { text: string; publishedAt: string | undefined; found: Suggestion[] } | undefined;

/**
 * DATE and CASUALTY suggestions for a text, with their attributes; offsets are code points.
 * A figure inside a date ("March 9 wounded ...") is not a count.
 */
export function matchRules(text: string, publishedAt?: string): Suggestion[] {
  if (lastMatched?.text === text && lastMatched.publishedAt === publishedAt) return [...lastMatched.found];
  const found = findByRules(text, publishedAt);
  lastMatched = { text, publishedAt, found };
  return [...found];
}

function findByRules(text: string, publishedAt: string | undefined): Suggestion[] {
  const analysis = analyseText(text);
  const dates = DATE_RULES.flatMap((dateRule) => matchRule(analysis, dateRule, DATE_LABEL, DATE_RULE_SOURCE, () => true));
  const casualties = CASUALTY_RULES.flatMap((casualtyRule) =>
    matchRule(analysis, casualtyRule, CASUALTY_LABEL, CASUALTY_RULE_SOURCE, isCasualtyFigure),
  ).filter((casualty) => !dates.some((date) => rangesOverlap(date, casualty)));
  return withoutOverlaps([...dates, ...casualties], longestThenSurest).map((suggestion) => ({
    ...suggestion,
    ...attributesIfAny(proposeAttributes(analysis, suggestion, publishedAt)),
  }));
}

/**
 * The attributes the default schema gives a DATE (`value`) or CASUALTY (`kind`, `count`,
 * `qualifier`) span, read from its text and sentence; undefined for other labels or when
 * nothing could be read.
 */
export function proposeAttributes(
  analysis: TextAnalysis,
  span: { start: number; end: number; label: string; text: string },
  publishedAt?: string,
): AttributeValues | undefined {
  if (span.label === DATE_LABEL) {
    const date = normalizeDate(span.text, publishedAt);
    return date ? { value: date.value } : undefined;
  }
  if (span.label === CASUALTY_LABEL) {
    const proposal = proposeCasualty(span.text, sentenceAround(analysis, span.start, span.end));
    const values = Object.fromEntries(Object.entries(proposal).filter(([, value]) => value !== undefined));
    return Object.keys(values).length > 0 ? values : undefined;
  }
  return undefined;
}

function attributesIfAny(attributes: AttributeValues | undefined): { attributes?: AttributeValues } {
  return attributes ? { attributes } : {};
}

function matchRule(
  analysis: TextAnalysis,
  { pattern, score }: Rule,
  label: string,
  source: string,
  accept: (match: RegExpExecArray) => boolean,
): Suggestion[] {
  const found: Suggestion[] = [];
  for (const match of analysis.text.matchAll(pattern)) {
    if (!accept(match)) continue;
    const start = analysis.offsets.toCodePoint(match.index);
    const end = analysis.offsets.toCodePoint(match.index + match[0].length);
    found.push({ start, end, label, source, score, text: match[0] });
  }
  return found;
}

/** Words between count and noun must describe the people, not run on into another phrase. */
function isCasualtyFigure(match: RegExpExecArray): boolean {
  const before = match.input.slice(Math.max(0, match.index - 12), match.index) + (match.groups?.figure ?? '');
  if (YEAR_IN_TIME.test(before)) return false;
  const modifiers = (match.groups?.modifiers ?? '').trim();
  if (modifiers === '') return true;
  return modifiers.split(/\s+/u).every((word) => /^\p{Lu}/u.test(word) || word.includes('-') || PEOPLE_MODIFIERS.has(word.toLowerCase()));
}

function longestThenSurest(a: Suggestion, b: Suggestion): number {
  return b.end - b.start - (a.end - a.start) || b.score - a.score || a.start - b.start;
}
