import { describe, expect, it } from 'vitest';
import { matchRules } from './rules';

const PUBLISHED = '2020-06-05'; // a Friday

function found(text: string, label: string) {
  return matchRules(text, PUBLISHED)
    .filter((s) => s.label === label)
    .sort((a, b) => a.start - b.start)
    .map((s) => [s.text, s.attributes ?? {}]);
}

describe('DATE rules', () => {
  it.each([
    ['Jets struck on Tuesday.', 'Tuesday', { value: '2020-06-02' }],
    ['It began last Wednesday.', 'last Wednesday', { value: '2020-06-03' }],
    ['Clashes continued since Monday.', 'since Monday', { value: '2020-06-01' }],
    ['The office said on June 2 that', 'June 2', { value: '2020-06-02' }],
    ['Signed on Sept. 17, 2018 in Sochi.', 'Sept. 17, 2018', { value: '2018-09-17' }],
    ['Signed on 17 September 2018 in Sochi.', '17 September 2018', { value: '2018-09-17' }],
    ['The ceasefire of March 2020 held.', 'March 2020', { value: '2020-03' }],
    ['Russia and Turkey agreed in early March.', 'early March', { value: '2020-03' }],
    ['Fighting resumed in late April.', 'late April', { value: '2020-04' }],
    ['It was agreed at the start of September.', 'the start of September', { value: '2019-09' }],
    ['The strike came 10 days after the deal.', '10 days after', {}],
    ['Residents fled yesterday.', 'yesterday', { value: '2020-06-04' }],
    ['The war started in 2011 and', '2011', { value: '2011' }],
    ['Displacement since 2019 has', 'since 2019', { value: '2019' }],
    ['Talks failed in March, officials said.', 'March', { value: '2020-03' }],
    ['The toll rose last month.', 'last month', { value: '2020-05' }],
  ])('%s → %s', (text, span, attributes) => {
    expect(found(text, 'DATE')).toEqual([[span, attributes]]);
  });

  it.each([
    'You may leave. They march on.',
    'Resolution 2254 calls for talks.',
    'It cost 2019 dollars.',
    'Route 17 was cut.',
    'The meeting at 10:30 ended.',
  ])('finds no date in "%s"', (text) => {
    expect(found(text, 'DATE')).toEqual([]);
  });
});

describe('CASUALTY rules', () => {
  it.each([
    ['At least two civilians were killed.', 'At least two civilians', { kind: 'killed', count: 2, qualifier: 'at least' }],
    ['Rebels killed 16 pro-Assad troops near Hama.', '16 pro-Assad troops', { kind: 'killed', count: 16, qualifier: 'exact' }],
    ['The offensive has displaced more than 400,000 since December.', 'more than 400,000', { kind: 'displaced', count: 400000, qualifier: 'more than' }],
    ['More than 400,000 have fled since December.', 'More than 400,000', { kind: 'displaced', count: 400000, qualifier: 'more than' }],
    ['The count reached 5,834 people, all displaced.', '5,834 people', { kind: 'displaced', count: 5834, qualifier: 'exact' }],
    ['Shelling wounded four Syrian civilians.', 'four Syrian civilians', { kind: 'wounded', count: 4, qualifier: 'exact' }],
    ['Dozens of civilians were detained.', 'Dozens of civilians', { kind: 'captured' }],
    ['About 1.2 million people fled.', 'About 1.2 million people', { kind: 'displaced', count: 1_200_000, qualifier: 'about' }],
    ['Tens of thousands of people fled.', 'Tens of thousands of people', { kind: 'displaced' }],
    ['The strike killed 12 in Saraqib.', '12', { kind: 'killed', count: 12, qualifier: 'exact' }],
    ['Gunmen abducted a dozen students.', 'a dozen students', { kind: 'captured', count: 12, qualifier: 'exact' }],
    ['Some 40 people remain missing.', 'Some 40 people', { kind: 'missing', count: 40, qualifier: 'about' }],
  ])('%s → %s', (text, span, attributes) => {
    expect(found(text, 'CASUALTY')).toEqual([[span, attributes]]);
  });

  it.each([
    'Bombs hit 38 locations in the province.',
    'In 2019 civilians fled the area.',
    'Two days after civilians returned, the shelling resumed.',
    'One of the soldiers said so.',
    'The 3 main roads were closed.',
  ])('finds no casualty figure in "%s"', (text) => {
    expect(found(text, 'CASUALTY')).toEqual([]);
  });

  it('finds each figure of a sentence with its own kind', () => {
    expect(found('Two civilians were killed and five soldiers were wounded.', 'CASUALTY')).toEqual([
      ['Two civilians', { kind: 'killed', count: 2, qualifier: 'exact' }],
      ['five soldiers', { kind: 'wounded', count: 5, qualifier: 'exact' }],
    ]);
  });

  it('gives code point offsets after emoji', () => {
    const text = '💔💔 At least two civilians were killed on Tuesday.';
    const offsets = matchRules(text, PUBLISHED).map((s) => [s.label, s.start, s.end]).sort();
    expect(offsets).toEqual([
      ['CASUALTY', 3, 25],
      ['DATE', 41, 48],
    ]);
  });
});

describe('matchRules, asked again', () => {
  it('answers the same text the same, read against the publication date it is asked with', () => {
    const text = 'Jets struck on Tuesday, killing four civilians.';
    const first = matchRules(text, PUBLISHED);
    first.pop();
    expect(matchRules(text, PUBLISHED)).toHaveLength(first.length + 1);
    expect(matchRules(text, '2021-01-01').find((s) => s.text === 'Tuesday')?.attributes).toEqual({ value: '2020-12-29' });
    expect(matchRules(text).find((s) => s.text === 'Tuesday')?.attributes).toBeUndefined();
  });
});
