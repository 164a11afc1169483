import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeDate } from './dates';

// 2020-06-05 is a Friday.
const PUBLISHED = '2020-06-05';

describe('normalizeDate', () => {
  it.each([
    ['2018-09-17', undefined, '2018-09-17', 'day'],
    ['2020-03', undefined, '2020-03', 'month'],
    ['2019', undefined, '2019', 'year'],
    ['Sept. 17, 2018', undefined, '2018-09-17', 'day'],
    ['Sept 17 2018', undefined, '2018-09-17', 'day'],
    ['September 17, 2018', undefined, '2018-09-17', 'day'],
    ['17 September 2018', undefined, '2018-09-17', 'day'],
    ['17th of September, 2018', undefined, '2018-09-17', 'day'],
    ['March 2020', undefined, '2020-03', 'month'],
    ['March of 2020', undefined, '2020-03', 'month'],
    ['early March 2020', undefined, '2020-03', 'month'],
    ['in 2019', undefined, '2019', 'year'],
    ['since 2011', undefined, '2011', 'year'],
    ['June 2', PUBLISHED, '2020-06-02', 'day'],
    ['Feb. 29', '2020-03-01', '2020-02-29', 'day'],
    ['the 3rd of May', PUBLISHED, '2020-05-03', 'day'],
    ['Tuesday', PUBLISHED, '2020-06-02', 'day'],
    ['on Tuesday', PUBLISHED, '2020-06-02', 'day'],
    ['since Monday', PUBLISHED, '2020-06-01', 'day'],
    ['Friday', PUBLISHED, '2020-06-05', 'day'],
    ['last Friday', PUBLISHED, '2020-05-29', 'day'],
    ['last Wednesday', PUBLISHED, '2020-06-03', 'day'],
    ['Last  Wednesday', PUBLISHED, '2020-06-03', 'day'],
    ['next Monday', PUBLISHED, '2020-06-08', 'day'],
    ['yesterday', PUBLISHED, '2020-06-04', 'day'],
    ['Yesterday', '2020-03-01', '2020-02-29', 'day'],
    ['today', PUBLISHED, '2020-06-05', 'day'],
    ['three days ago', PUBLISHED, '2020-06-02', 'day'],
    ['a week ago', PUBLISHED, '2020-05-29', 'day'],
    ['early March', PUBLISHED, '2020-03', 'month'],
    ['late April', PUBLISHED, '2020-04', 'month'],
    ['mid-May', PUBLISHED, '2020-05', 'month'],
    ['the start of September', PUBLISHED, '2019-09', 'month'],
    ['the end of June', PUBLISHED, '2020-06', 'month'],
    ['March', PUBLISHED, '2020-03', 'month'],
    ['last month', PUBLISHED, '2020-05', 'month'],
    ['last month', '2020-01-15', '2019-12', 'month'],
    ['earlier this year', PUBLISHED, '2020', 'year'],
    ['last year', PUBLISHED, '2019', 'year'],
    ['two years ago', PUBLISHED, '2018', 'year'],
  ] as const)('%s (published %s) → %s', (span, publishedAt, value, precision) => {
    expect(normalizeDate(span, publishedAt)).toEqual({ value, precision });
  });

  it('puts a month after the publication month in the year before', () => {
    expect(normalizeDate('December 24', '2020-03-10')).toEqual({ value: '2019-12-24', precision: 'day' });
    expect(normalizeDate('December', '2020-03-10')).toEqual({ value: '2019-12', precision: 'month' });
    expect(normalizeDate('March 30', '2020-03-10')).toEqual({ value: '2020-03-30', precision: 'day' });
  });

  it.each(['Tuesday', 'June 2', 'yesterday', 'early March', 'last month', 'three days ago'])(
    'leaves "%s" unresolved without a publication date',
    (span) => {
      expect(normalizeDate(span)).toBeNull();
      expect(normalizeDate(span, 'last spring')).toBeNull();
    },
  );

  it.each(['10 days after', 'two days later', 'the following day', 'last week', 'February 30, 2020', '2019-13-01', 'Sept. 31, 2018', 'soon', ''])(
    'leaves "%s" unresolved',
    (span) => {
      expect(normalizeDate(span, PUBLISHED)).toBeNull();
    },
  );

  it('accepts a publication date-time', () => {
    expect(normalizeDate('Tuesday', '2020-06-05T23:10:00Z')).toEqual({ value: '2020-06-02', precision: 'day' });
  });

  it('resolves a bare weekday to the latest such day on or before publication', () => {
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 6 }), (dayNumber, weekday) => {
        const published = new Date(Date.UTC(1990, 0, 1 + dayNumber));
        const result = normalizeDate(weekdays[weekday], published.toISOString());
        expect(result?.precision).toBe('day');
        const resolved = new Date(`${result?.value}T00:00:00Z`);
        const daysBack = (published.getTime() - resolved.getTime()) / 86_400_000;
        expect(resolved.getUTCDay()).toBe(weekday);
        expect(daysBack).toBeGreaterThanOrEqual(0);
        expect(daysBack).toBeLessThan(7);
      }),
    );
  });
});
