import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allWithinBudget, formatTable, summarise, verdict, type Row } from './report';

const row = (values: number[] | null, budget: Row['budget'] = { limit: 10, statistic: 'median' }): Row => ({
  section: 'S',
  measure: 'm',
  unit: 'ms',
  budget,
  values,
});

describe('summarise', () => {
  it('gives the median, the nearest-rank p95 and the max', () => {
    expect(summarise([5, 1, 3])).toEqual({ median: 3, p95: 5, max: 5, runs: 3 });
    expect(summarise([4, 1, 3, 2])).toEqual({ median: 2.5, p95: 4, max: 4, runs: 4 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(hundred).p95).toBe(95);
  });

  it('keeps median ≤ p95 ≤ max within the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const { median, p95, max } = summarise(values);
        expect(median).toBeLessThanOrEqual(p95);
        expect(p95).toBeLessThanOrEqual(max);
        expect(max).toBe(Math.max(...values));
      }),
    );
  });
});

describe('verdict', () => {
  it('judges the statistic the budget names', () => {
    expect(verdict(row([1, 2, 30]))).toBe('pass');
    expect(verdict(row([1, 2, 30], { limit: 10, statistic: 'max' }))).toBe('FAIL');
    expect(verdict(row([11, 12, 1]))).toBe('FAIL');
    expect(verdict(row(null))).toBe('not measured');
    expect(verdict(row([1], null))).toBe('info');
  });

  it('fails the run only for a measured row over its budget', () => {
    expect(allWithinBudget([row([1]), row(null), row([99], null)])).toBe(true);
    expect(allWithinBudget([row([1]), row([11])])).toBe(false);
  });
});

describe('formatTable', () => {
  it('prints one line per row under its section, with the reason for what was not measured', () => {
    const table = formatTable([row([4, 6]), { ...row(null), measure: 'export', note: 'export API not present yet' }]);
    expect(table).toContain('| m ');
    expect(table).toContain('5.0 ms');
    expect(table).toContain('not measured: export API not present yet');
    expect(table.split('\n')).toHaveLength(5);
  });
});
