import { describe, expect, it } from 'vitest';
import { proposeCasualty, type CasualtyProposal } from './casualty';

describe('proposeCasualty', () => {
  const cases: Array<[string, string, CasualtyProposal]> = [
    ['At least two civilians', 'At least two civilians were killed in the strike.', { kind: 'killed', count: 2, qualifier: 'at least' }],
    ['5,834', 'The death toll has reached 5,834.', { kind: 'killed', count: 5834, qualifier: 'exact' }],
    ['more than 400,000', 'The offensive has displaced more than 400,000 since December.', { kind: 'displaced', count: 400000, qualifier: 'more than' }],
    ['16 pro-Assad troops', 'Opposition fighters killed 16 pro-Assad troops near the town.', { kind: 'killed', count: 16, qualifier: 'exact' }],
    ['1.2 million people', 'About 1.2 million people have fled.', { kind: 'displaced', count: 1_200_000, qualifier: 'exact' }],
    ['about 1.2 million people', 'Officials said about 1.2 million people have fled.', { kind: 'displaced', count: 1_200_000, qualifier: 'about' }],
    ['Nearly 300 people', 'Nearly 300 people were injured.', { kind: 'wounded', count: 300, qualifier: 'about' }],
    ['some 40 residents', 'Militants abducted some 40 residents.', { kind: 'captured', count: 40, qualifier: 'about' }],
    ['roughly 90 fighters', 'roughly 90 fighters are missing', { kind: 'missing', count: 90, qualifier: 'about' }],
    ['approximately 12 soldiers', 'approximately 12 soldiers were taken prisoner', { kind: 'captured', count: 12, qualifier: 'about' }],
    ['around 70 civilians', 'around 70 civilians died', { kind: 'killed', count: 70, qualifier: 'about' }],
    ['up to 300,000 more', 'Up to 300,000 more could flee.', { kind: 'displaced', count: 300000, qualifier: 'up to' }],
    ['over 50 people', 'Over 50 people were arrested.', { kind: 'captured', count: 50, qualifier: 'more than' }],
    ['a dozen soldiers', 'A dozen soldiers were wounded.', { kind: 'wounded', count: 12, qualifier: 'exact' }],
    ['more than a dozen villagers', 'Gunmen killed more than a dozen villagers.', { kind: 'killed', count: 12, qualifier: 'more than' }],
    ['sixteen', 'sixteen were evacuated', { kind: 'displaced', count: 16, qualifier: 'exact' }],
    ['5,834 refugees', 'The strike killed two, and 5,834 refugees crossed the border.', { kind: 'displaced', count: 5834, qualifier: 'exact' }],
  ];

  it.each(cases)('%s', (span, context, expected) => {
    expect(proposeCasualty(span, context)).toEqual(expected);
  });

  it('gives a vague figure no count and so no qualifier', () => {
    expect(proposeCasualty('dozens of civilians', 'Dozens of civilians were wounded.')).toEqual({ kind: 'wounded' });
    expect(proposeCasualty('tens of thousands of people', 'Tens of thousands of people fled.')).toEqual({ kind: 'displaced' });
  });

  it('takes the kind nearest to the span when a sentence names several', () => {
    const sentence = 'Two civilians were killed and five were wounded.';
    expect(proposeCasualty('Two civilians', sentence).kind).toBe('killed');
    expect(proposeCasualty('five', sentence).kind).toBe('wounded');
  });

  it('proposes no kind when the sentence names no harm', () => {
    expect(proposeCasualty('2,000 residents', 'About 2,000 residents tried to leave the city.')).toEqual({ count: 2000, qualifier: 'exact' });
  });

  it('does not read a kind out of a longer word', () => {
    expect(proposeCasualty('12 people', '12 people watched the skilled deadlifting.').kind).toBeUndefined();
  });

  it('still reads a kind when the span is not found in the context', () => {
    expect(proposeCasualty('three soldiers', 'They were injured by shelling.').kind).toBe('wounded');
  });
});
