/**
 * Month and weekday names as news English writes them, with the regex sources the date rules
 * and the date normaliser share, so what one finds the other can read.
 */
import { longestFirst } from './numbers';

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
];
/** AP and common abbreviations; "May", "June" and "July" are never shortened in AP style. */
const MONTH_ABBREVIATIONS = new Map<string, number>([
  ['Jan', 1], ['Feb', 2], ['Mar', 3], ['Apr', 4], ['Jun', 6], ['Jul', 7], ['Aug', 8], ['Sep', 9],
  ['Sept', 9], ['Oct', 10], ['Nov', 11], ['Dec', 12],
]);
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A full month name, as regex source (capitalised, so "may" and "march" stay verbs). */
export const MONTH_NAME = `(?:${longestFirst(MONTH_NAMES).join('|')})`;
/** A full or abbreviated month name ("Sept.", "Sept", "Sep."), as regex source. */
export const MONTH_OR_ABBREVIATION = `(?:${longestFirst([...MONTH_NAMES, ...MONTH_ABBREVIATIONS.keys()]).join('|')})\\.?`;
/** A weekday name, as regex source. */
export const WEEKDAY_NAME = `(?:${WEEKDAY_NAMES.join('|')})`;
/** A day of the month with an optional ordinal suffix, as regex source. */
export const DAY_OF_MONTH = '(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?';
/** A year from 1800 to 2099, as regex source. */
export const YEAR = '(?:1[89]|20)[0-9]{2}';

/** 1–12 for a month name or abbreviation in any case, with or without its period. */
export function monthNumber(name: string): number | undefined {
  const word = capitalise(name.replace(/\.$/u, ''));
  const full = MONTH_NAMES.indexOf(word);
  return full >= 0 ? full + 1 : MONTH_ABBREVIATIONS.get(word);
}

/** 0 (Sunday) – 6 (Saturday) for a weekday name in any case. */
export function weekdayNumber(name: string): number | undefined {
  const day = WEEKDAY_NAMES.indexOf(capitalise(name));
  return day >= 0 ? day : undefined;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
