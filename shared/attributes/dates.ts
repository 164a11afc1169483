/**
 * Normalises a DATE span to ISO 8601 at the precision the text gives: "Sept. 17, 2018" →
 * 2018-09-17 (day), "early March" → 2020-03 (month), "2019" (year). Expressions that need a
 * reference point ("Tuesday", "yesterday", "June 2") are read against the article's
 * publication date; those that need another event ("10 days after") stay unresolved.
 */
import { MONTH_NAME, MONTH_OR_ABBREVIATION, WEEKDAY_NAME, YEAR, monthNumber, weekdayNumber } from './calendar';
import { COUNT_PATTERN, parseCount } from './numbers';

export type DatePrecision = 'day' | 'month' | 'year';

export interface NormalizedDate {
  /** "2018-09-17", "2020-03" or "2019". */
  value: string;
  precision: DatePrecision;
}

/** A calendar day; months 1–12. */
interface Day {
  year: number;
  month: number;
  day: number;
}

type Reader = (match: RegExpExecArray, published: Day | undefined) => NormalizedDate | null;

const DAY_NUMBER = '(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?';
const PART_OF_MONTH = '(?:(?:early|late|mid)(?:-|\\s+)|(?:the\\s+)?(?:start|beginning|end|middle)\\s+of\\s+)';

const DAY_WORD_OFFSET = new Map([['yesterday', -1], ['tomorrow', 1]]);
const RELATION_STEP = new Map([['last', -1], ['past', -1], ['previous', -1], ['next', 1], ['coming', 1]]);

/** Each form a DATE span can take, anchored, with how to read it. */
const FORMS: Array<[RegExp, Reader]> = [
  [anchored(`(${YEAR})-([01][0-9])(?:-([0-3][0-9]))?`), (m) => absolute(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined)],
  [anchored(`(${MONTH_OR_ABBREVIATION})\\s+${DAY_NUMBER}(?:,?\\s+(${YEAR}))?`), (m, published) => dayOfMonth(m[1], Number(m[2]), m[3], published)],
  [anchored(`${DAY_NUMBER}\\s+(?:of\\s+)?(${MONTH_OR_ABBREVIATION})(?:,?\\s+(${YEAR}))?`), (m, published) => dayOfMonth(m[2], Number(m[1]), m[3], published)],
  [anchored(`(?:${PART_OF_MONTH})?(${MONTH_NAME})(?:,?\\s+(?:of\\s+)?(${YEAR}))?`), (m, published) => wholeMonth(m[1], m[2], published)],
  [anchored(`(?:${PART_OF_MONTH})?(${YEAR})`), (m) => ({ value: pad(Number(m[1]), 4), precision: 'year' })],
  [anchored(`(?:(last|past|this|next|coming)\\s+)?(${WEEKDAY_NAME})`), (m, published) => weekday(m[2], m[1], published)],
  [anchored('(yesterday|today|tonight|tomorrow)'), (m, published) => dayRelativeTo(published, DAY_WORD_OFFSET.get(m[1].toLowerCase()) ?? 0)],
  [anchored(`(${COUNT_PATTERN}|a|an)\\s+(days?|weeks?|months?|years?)\\s+ago`), (m, published) => ago(m[1], m[2], published)],
  [anchored('(?:(last|past|previous|this|next|coming)|(?:earlier|later)\\s+this)\\s+(month|year)'), (m, published) => thisOrNeighbour(m[2], m[1], published)],
];

/**
 * The ISO 8601 value of a DATE span, or null when the text does not pin one down. Without
 * `publishedAt` (an ISO date or date-time) only dates that carry their own year resolve.
 * A month and day without a year take the publication year, or the year before when the
 * month comes after the publication month. A bare weekday is the latest such day on or
 * before publication; "last Wednesday" the latest strictly before it.
 */
export function normalizeDate(spanText: string, publishedAt?: string): NormalizedDate | null {
  const phrase = spanText.trim().replace(/\s+/gu, ' ').replace(/^(?:since|on|in|from|until|by|during) /iu, '');
  const published = publishedAt === undefined ? undefined : parseIsoDay(publishedAt);
  for (const [form, read] of FORMS) {
    const match = form.exec(phrase);
    if (match) return read(match, published);
  }
  return null;
}

function anchored(source: string): RegExp {
  return new RegExp(`^(?:the\\s+)?${source}$`, 'iu');
}

function parseIsoDay(text: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDay(year, month, day) ? { year, month, day } : undefined;
}

function absolute(year: number, month: number, day: number | undefined): NormalizedDate | null {
  if (month < 1 || month > 12) return null;
  if (day === undefined) return { value: `${pad(year, 4)}-${pad(month, 2)}`, precision: 'month' };
  return isValidDay(year, month, day) ? formatDay({ year, month, day }) : null;
}

function dayOfMonth(monthName: string, day: number, yearText: string | undefined, published: Day | undefined): NormalizedDate | null {
  const month = monthNumber(monthName);
  if (month === undefined) return null;
  const year = yearText ? Number(yearText) : inferYear(month, published);
  return year === undefined ? null : absolute(year, month, day);
}

function wholeMonth(monthName: string, yearText: string | undefined, published: Day | undefined): NormalizedDate | null {
  const month = monthNumber(monthName);
  if (month === undefined) return null;
  const year = yearText ? Number(yearText) : inferYear(month, published);
  return year === undefined ? null : absolute(year, month, undefined);
}

/** News reports the past: a month later in the year than publication belongs to the year before. */
function inferYear(month: number, published: Day | undefined): number | undefined {
  if (!published) return undefined;
  return month > published.month ? published.year - 1 : published.year;
}

function weekday(name: string, modifier: string | undefined, published: Day | undefined): NormalizedDate | null {
  const target = weekdayNumber(name);
  if (!published || target === undefined) return null;
  const today = weekdayOf(published);
  const relation = modifier?.toLowerCase();
  if (relation === 'next' || relation === 'coming') {
    return dayRelativeTo(published, (target - today + 7) % 7 || 7);
  }
  const back = (today - target + 7) % 7;
  return dayRelativeTo(published, -(relation === 'last' || relation === 'past' ? back || 7 : back));
}

function ago(countText: string, unitText: string, published: Day | undefined): NormalizedDate | null {
  if (!published) return null;
  const count = /^an?$/iu.test(countText) ? 1 : parseCount(countText);
  if (count === undefined) return null;
  const unit = unitText.toLowerCase().replace(/s$/u, '');
  if (unit === 'day') return dayRelativeTo(published, -count);
  if (unit === 'week') return dayRelativeTo(published, -7 * count);
  if (unit === 'month') return monthRelativeTo(published, -count);
  return { value: pad(published.year - count, 4), precision: 'year' };
}

function thisOrNeighbour(unit: string, relation: string | undefined, published: Day | undefined): NormalizedDate | null {
  if (!published) return null;
  const step = RELATION_STEP.get(relation?.toLowerCase() ?? '') ?? 0;
  if (unit.toLowerCase() === 'month') return monthRelativeTo(published, step);
  return { value: pad(published.year + step, 4), precision: 'year' };
}

function dayRelativeTo(published: Day | undefined, days: number): NormalizedDate | null {
  if (!published) return null;
  const date = new Date(Date.UTC(published.year, published.month - 1, published.day + days));
  return formatDay({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function monthRelativeTo(published: Day, months: number): NormalizedDate {
  const index = published.year * 12 + (published.month - 1) + months;
  return { value: `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`, precision: 'month' };
}

function weekdayOf(day: Day): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDay(day: Day): NormalizedDate {
  return { value: `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`, precision: 'day' };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
