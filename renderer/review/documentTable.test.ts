import { describe, it, expect } from 'vitest';
import type { DocumentSummary } from '../../shared/types';
import { documentRows, sortRows, type DocumentRow } from './documentTable';

const rows: DocumentRow[] = [
  { id: 'a', title: 'Beta', annotators: 2, meanF1: 0.5, review: 'reviewed' },
  { id: 'b', title: 'Alpha', annotators: 3, meanF1: null, review: 'needs-review' },
  { id: 'c', title: 'Gamma', annotators: 2, meanF1: 0.2, review: 'needs-review' },
  { id: 'd', title: 'Delta', annotators: 2, meanF1: 0.5, review: 'needs-review' },
];
const ids = (sorted: DocumentRow[]) => sorted.map((row) => row.id);

describe('sortRows', () => {
  it('sorts by mean F1 either way with unscored documents last, ties by title', () => {
    expect(ids(sortRows(rows, 'meanF1', 'ascending'))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(sortRows(rows, 'meanF1', 'descending'))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('sorts by title, annotators and review status', () => {
    expect(ids(sortRows(rows, 'title', 'ascending'))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(sortRows(rows, 'title', 'descending'))).toEqual(['c', 'd', 'a', 'b']);
    expect(ids(sortRows(rows, 'annotators', 'descending'))).toEqual(['b', 'a', 'd', 'c']);
    expect(ids(sortRows(rows, 'review', 'ascending'))).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('documentRows', () => {
  it('takes titles and review status from the document list', () => {
    const documents: DocumentSummary[] = [
      { id: 'x', title: 'Shelling', spanCount: 0, status: 'new', annotatorCount: 2, agreement: 0.4, review: 'reviewed' },
    ];
    expect(documentRows([{ id: 'x', meanF1: 0.4, annotatorCount: 2 }, { id: 'y', meanF1: null, annotatorCount: 2 }], documents)).toEqual([
      { id: 'x', title: 'Shelling', annotators: 2, meanF1: 0.4, review: 'reviewed' },
      { id: 'y', title: 'y', annotators: 2, meanF1: null, review: 'needs-review' },
    ]);
  });
});
