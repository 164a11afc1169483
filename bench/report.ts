/**
 * The benchmark's results: one row per measure with its budget and the figures of every run,
 * summarised as median, p95 and max, printed as a table and written as JSON. A row with a
 * budget fails when the statistic the budget speaks of is over it.
 */

/** What a budget limits: the typical run (median) or every run and frame (max). */
export type Statistic = 'median' | 'max';

export interface Budget {
  limit: number;
  statistic: Statistic;
}

export interface Row {
  /** Which group of the table it belongs to. */
  section: string;
  measure: string;
  unit: 'ms' | 's' | 'MB' | '×';
  budget: Budget | null;
  /** Every measured run (or frame); null when the measure could not be taken. */
  values: number[] | null;
  /** Why it was not measured, or what else is worth knowing about it. */
  note?: string;
}

export interface Summary {
  median: number;
  p95: number;
  max: number;
  runs: number;
}

export type Verdict = 'pass' | 'FAIL' | 'not measured' | 'info';

/** Median (the mean of the middle two for an even count), p95 by nearest rank, and max. */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('No values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
  return { median, p95, max: sorted.at(-1)!, runs: sorted.length };
}

export function verdict(row: Row): Verdict {
  if (!row.values || row.values.length === 0) return 'not measured';
  if (!row.budget) return 'info';
  const summary = summarise(row.values);
  return summary[row.budget.statistic] <= row.budget.limit ? 'pass' : 'FAIL';
}

function number(value: number, unit: Row['unit']): string {
  if (unit === '×') return `${value.toFixed(2)}×`;
  const digits = unit === 's' || Math.abs(value) < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

function budgetText(row: Row): string {
  if (!row.budget) return '—';
  const bound = `≤ ${number(row.budget.limit, row.unit)}`;
  return row.budget.statistic === 'max' ? `${bound} (every one)` : `${bound} (median)`;
}

/** The table as Markdown-compatible text, one line per row, grouped by section. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['measure', 'budget', 'median', 'p95', 'max', 'runs', 'result'];
  const lines: string[][] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push([`**${section}**`, '', '', '', '', '', '']);
    }
    const result = verdict(row);
    if (!row.values || row.values.length === 0) {
      lines.push([row.measure, budgetText(row), '—', '—', '—', '0', `${result}${row.note ? `: ${row.note}` : ''}`]);
      continue;
    }
    const summary = summarise(row.values);
    lines.push([
      row.measure,
      budgetText(row),
      number(summary.median, row.unit),
      number(summary.p95, row.unit),
      number(summary.max, row.unit),
      String(summary.runs),
      `${result}${row.note ? ` (${row.note})` : ''}`,
    ]);
  }
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

/** The rows as JSON-ready data, each with its summary and verdict. */
export function resultsJson(rows: readonly Row[], context: Record<string, unknown>): unknown {
  return {
    ...context,
    rows: rows.map((row) => ({
      section: row.section,
      measure: row.measure,
      unit: row.unit,
      budget: row.budget,
      ...(row.values && row.values.length > 0 ? summarise(row.values) : {}),
      values: row.values,
      result: verdict(row),
      ...(row.note ? { note: row.note } : {}),
    })),
  };
}

/** Whether every row with a budget that was measured is within it. */
export function allWithinBudget(rows: readonly Row[]): boolean {
  return rows.every((row) => verdict(row) !== 'FAIL');
}
