import { describe, expect, it } from 'vitest';
import { ageText, backupRow, sizeText } from './backups';

describe('sizeText', () => {
  it('counts bytes under a kilobyte, one decimal under ten units, whole units above', () => {
    expect(sizeText(1)).toBe('1 byte');
    expect(sizeText(812)).toBe('812 bytes');
    expect(sizeText(1024)).toBe('1.0 KB');
    expect(sizeText(4300)).toBe('4.2 KB');
    expect(sizeText(20_000)).toBe('20 KB');
    expect(sizeText(1_363_149)).toBe('1.3 MB');
    expect(sizeText(50 * 1024 * 1024)).toBe('50 MB');
  });
});

describe('ageText', () => {
  it('names the largest whole unit, singular for one', () => {
    expect(ageText(59_000)).toBe('just now');
    expect(ageText(60_000)).toBe('1 minute ago');
    expect(ageText(5 * 60_000 + 59_000)).toBe('5 minutes ago');
    expect(ageText(3_600_000)).toBe('1 hour ago');
    expect(ageText(23 * 3_600_000)).toBe('23 hours ago');
    expect(ageText(3 * 86_400_000 + 5)).toBe('3 days ago');
  });

  it('says "just now" for a time in the future, as a skewed clock gives', () => {
    expect(ageText(-5_000)).toBe('just now');
  });
});

describe('backupRow', () => {
  it('shows the saved time in the given zone, its age and its size', () => {
    const row = backupRow({ n: 2, savedAt: '2026-12-03T18:40:05.123Z', size: 2048 }, new Date('2026-12-03T18:52:00Z'), {
      locale: 'en-GB',
      timeZone: 'UTC',
    });
    expect(row).toEqual({ n: 2, when: '3 Dec 2026, 18:40:05', age: '11 minutes ago', size: '2.0 KB' });
  });
});
