import { describe, expect, it } from 'vitest';
import { findOccurrences } from './occurrences';

const covered = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

describe('findOccurrences', () => {
  it('finds every other whole-word occurrence, skipping the one already tagged', () => {
    const text = 'Idlib was shelled. Idlibi traders left Idlib, and IDLIB residents fled idlib.';
    const found = findOccurrences(text, { needle: 'Idlib', label: 'LOCATION' }, [{ start: 0, end: 5, label: 'LOCATION' }]);
    expect(found.map((s) => [s.start, s.end, s.text])).toEqual([[39, 44, 'Idlib']]);
    expect(found[0]).toMatchObject({ label: 'LOCATION', source: 'occurrences' });
  });

  it('ignores case when asked', () => {
    const text = 'Idlib was shelled. IDLIB residents fled idlib.';
    const found = findOccurrences(text, { needle: 'Idlib', label: 'LOCATION', ignoreCase: true }, []);
    expect(found.map((s) => s.text)).toEqual(['Idlib', 'IDLIB', 'idlib']);
  });

  it('skips places where that label already overlaps, but not other labels', () => {
    const text = 'White Helmets said the White Helmets rescued White Helmets volunteers.';
    const existing = [
      { start: 0, end: 13, label: 'ACTOR' },
      { start: 18, end: 28, label: 'ACTOR' }, // "the White" overlaps the second mention
      { start: 45, end: 69, label: 'CASUALTY' },
    ];
    const found = findOccurrences(text, { needle: 'White Helmets', label: 'ACTOR' }, existing);
    expect(found.map((s) => s.start)).toEqual([45]);
  });

  it('keeps whole words: no match inside a hyphenated word or a longer word', () => {
    const text = 'Assad, pro-Assad and Assadist forces';
    expect(findOccurrences(text, { needle: 'Assad', label: 'ACTOR' }, []).map((s) => s.start)).toEqual([0]);
  });

  it('finds an occurrence that starts inside a rejected near-match', () => {
    const text = 'xab ab ab';
    expect(findOccurrences(text, { needle: 'ab ab', label: 'X' }, []).map((s) => s.start)).toEqual([4]);
  });

  it('counts offsets in code points after emoji', () => {
    const text = '🔥🔥 Idlib 👍🏽 Idlib — Idlib';
    const found = findOccurrences(text, { needle: 'Idlib', label: 'LOCATION' }, []);
    expect(found.map((s) => s.start)).toEqual([3, 12, 20]);
    for (const suggestion of found) expect(covered(text, suggestion.start, suggestion.end)).toBe('Idlib');
  });

  it('matches Arabic whole words, with and without diacritics kept apart', () => {
    const text = 'قصفت الطائرات إدلب، ونزح سكان إدلب إلى الشمال. إدلبي ليس إدلب. إِدْلِب';
    const found = findOccurrences(text, { needle: 'إدلب', label: 'LOCATION' }, []);
    expect(found).toHaveLength(3);
    for (const suggestion of found) expect(covered(text, suggestion.start, suggestion.end)).toBe('إدلب');
    expect(found[0].start).toBe([...'قصفت الطائرات '].length);
  });

  it('treats regex characters in the needle literally', () => {
    const text = 'Base (46) and Base 46 and Base (46)';
    expect(findOccurrences(text, { needle: 'Base (46)', label: 'LOCATION' }, []).map((s) => s.start)).toEqual([0, 26]);
  });

  it('finds nothing for a blank needle', () => {
    expect(findOccurrences('some text', { needle: '  ', label: 'X' }, [])).toEqual([]);
  });
});
