import { describe, it, expect } from 'vitest';
import { reviewAnnotators } from './annotators';

describe('reviewAnnotators', () => {
  it('sorts by name then id and gives unique initials', () => {
    expect(
      reviewAnnotators([
        { id: 'omar-2', name: 'Omar Said' },
        { id: 'amira-9', name: 'Amira' },
        { id: 'amira-1', name: 'Amira' },
        { id: 'x-1', name: 'ليلى حداد' },
        { id: 'nameless-7', name: ' ' },
      ]),
    ).toEqual([
      { id: 'nameless-7', name: ' ', initials: 'N7' },
      { id: 'amira-1', name: 'Amira', initials: 'AM' },
      { id: 'amira-9', name: 'Amira', initials: 'AM2' },
      { id: 'omar-2', name: 'Omar Said', initials: 'OS' },
      { id: 'x-1', name: 'ليلى حداد', initials: 'لح' },
    ]);
  });
});
