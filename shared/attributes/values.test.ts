import { describe, it, expect } from 'vitest';
import { DEFAULT_LABELS } from '../labels';
import { sampleArticles } from '../samples';
import type { LabelDef } from '../types';
import { fitsAttribute, isIsoDate, parseAttributeInput, proposedAttributes, setValues, valuesFor } from './values';

const labelNamed = (name: string) => DEFAULT_LABELS.find((label) => label.name === name)!;
const CASUALTY = labelNamed('CASUALTY');
const DATE = labelNamed('DATE');
const [kind, count] = CASUALTY.attributes!;
const value = DATE.attributes![0]!;

/** The span of the first occurrence of `phrase` in `text`, in code points. */
function spanOf(text: string, phrase: string, label: string) {
  const start = [...text.slice(0, text.indexOf(phrase))].length;
  return { start, end: start + [...phrase].length, label, text: phrase };
}

describe('isIsoDate', () => {
  it.each(['2024', '2024-03', '2024-03-12', '2024-02-29', '1999-12-31'])('accepts %s', (text) => {
    expect(isIsoDate(text)).toBe(true);
  });
  it.each(['24', '2024-3', '2024-13', '2023-02-29', '2024-04-31', '2024-00', '12 March', '2024-03-12T10:00'])('refuses %s', (text) => {
    expect(isIsoDate(text)).toBe(false);
  });
});

describe('parseAttributeInput', () => {
  it('reads an empty field as no value', () => {
    expect(parseAttributeInput(count!, '  ')).toEqual({ ok: true, value: null });
  });

  it('reads whole numbers and refuses anything else, naming the field', () => {
    expect(parseAttributeInput(count!, ' 5834 ')).toEqual({ ok: true, value: 5834 });
    for (const bad of ['5,834', '2.5', '-3', 'nine', '1e3']) {
      expect(parseAttributeInput(count!, bad)).toEqual({ ok: false, message: 'count must be a whole number, such as 12.' });
    }
  });

  it('checks dates and enum values', () => {
    expect(parseAttributeInput(value, '2024-03')).toEqual({ ok: true, value: '2024-03' });
    expect(parseAttributeInput(value, 'March')).toEqual({ ok: false, message: expect.stringContaining('ISO date') });
    expect(parseAttributeInput(kind!, 'killed')).toEqual({ ok: true, value: 'killed' });
    expect(parseAttributeInput(kind!, 'dead')).toEqual({ ok: false, message: expect.stringContaining('killed, wounded') });
    expect(parseAttributeInput({ name: 'source', type: 'text' }, ' UN ')).toEqual({ ok: true, value: 'UN' });
  });
});

describe('fitsAttribute and setValues', () => {
  it('checks stored values against their definition', () => {
    expect(fitsAttribute(count!, 9)).toBe(true);
    expect(fitsAttribute(count!, '9')).toBe(false);
    expect(fitsAttribute(kind!, 'killed')).toBe(true);
    expect(fitsAttribute(kind!, 'dead')).toBe(false);
    expect(fitsAttribute(value, '2024-02-30')).toBe(false);
    expect(fitsAttribute(value, null)).toBe(true);
  });

  it('keeps only the values a label defines', () => {
    const values = { kind: 'killed', count: 9, value: '2024-03' };
    expect(valuesFor(CASUALTY, values)).toEqual({ kind: 'killed', count: 9 });
    expect(valuesFor(DATE, values)).toEqual({ value: '2024-03' });
    expect(valuesFor(undefined, values)).toEqual({});
  });

  it('keeps only values that are set', () => {
    expect(setValues({ kind: 'killed', count: null, qualifier: '' })).toEqual({ kind: 'killed' });
    expect(setValues(undefined)).toEqual({});
  });
});

describe('proposedAttributes', () => {
  const [first, second] = sampleArticles();

  it('proposes kind, count and qualifier for a casualty figure of the samples', () => {
    const span = spanOf(first!.text, 'At least nine civilians', 'CASUALTY');
    expect(proposedAttributes(CASUALTY, span, first!.text, first!.meta!.publishedAt)).toEqual({
      kind: 'killed',
      count: 9,
      qualifier: 'at least',
    });
    const displaced = spanOf(second!.text, '5,834 people', 'CASUALTY');
    expect(proposedAttributes(CASUALTY, displaced, second!.text, undefined)).toEqual({ kind: 'displaced', count: 5834, qualifier: 'exact' });
  });

  it('resolves a weekday against the publication date', () => {
    const span = spanOf(first!.text, 'Tuesday', 'DATE');
    expect(proposedAttributes(DATE, span, first!.text, '2024-03-12')).toEqual({ value: '2024-03-12' });
    expect(proposedAttributes(DATE, span, first!.text, undefined)).toEqual({});
  });

  it('proposes only what the label defines, with values that fit it', () => {
    const span = spanOf(first!.text, 'At least nine civilians', 'CASUALTY');
    const narrow: LabelDef = { ...CASUALTY, attributes: [{ name: 'kind', type: 'enum', values: ['wounded'] }, count!] };
    expect(proposedAttributes(narrow, span, first!.text, undefined)).toEqual({ count: 9 });
    expect(proposedAttributes(labelNamed('ACTOR'), { ...span, label: 'ACTOR' }, first!.text, undefined)).toEqual({});
  });
});
