import { describe, expect, it } from 'vitest';
import { MONTH_NAME, MONTH_OR_ABBREVIATION, WEEKDAY_NAME, monthNumber, weekdayNumber } from './calendar';

describe('monthNumber', () => {
  it.each([
    ['January', 1],
    ['march', 3],
    ['Sept.', 9],
    ['Sept', 9],
    ['Sep.', 9],
    ['DEC', 12],
    ['May', 5],
  ])('%s → %d', (name, month) => {
    expect(monthNumber(name)).toBe(month);
  });

  it.each(['Mayo', 'Ju', '__proto__', 'Constructor', ''])('knows no month "%s"', (name) => {
    expect(monthNumber(name)).toBeUndefined();
  });
});

describe('weekdayNumber', () => {
  it('numbers Sunday 0 to Saturday 6, in any case', () => {
    expect(['sunday', 'Monday', 'SATURDAY'].map(weekdayNumber)).toEqual([0, 1, 6]);
    expect(weekdayNumber('Tues')).toBeUndefined();
  });
});

describe('patterns', () => {
  it('match whole names, longest first', () => {
    expect(new RegExp(`^${MONTH_NAME}$`, 'u').test('September')).toBe(true);
    expect(new RegExp(`^${MONTH_OR_ABBREVIATION}$`, 'u').exec('Sept.')?.[0]).toBe('Sept.');
    expect(new RegExp(`^${WEEKDAY_NAME}$`, 'u').test('tuesday')).toBe(false);
  });
});
