/**
 * The statistics screen's charts, drawn as plain SVG. Each has a text alternative, and the
 * numbers they show are also in the tables beside them.
 */
import { formatCount } from '../../shared/statistics';
import type { DocumentStatus, LabelDef } from '../../shared/types';
import { labelClass } from '../editor/labelStyles';

const STATUS_ORDER: DocumentStatus[] = ['done', 'in-progress', 'new'];
const STATUS_NAME: Record<DocumentStatus, string> = { done: 'done', 'in-progress': 'in progress', new: 'new' };

/** The corpus as one bar: done, in progress and new documents side by side. */
export function ProgressBar({ progress }: { progress: Record<DocumentStatus, number> }) {
  const total = STATUS_ORDER.reduce((sum, status) => sum + progress[status], 0);
  const width = 600;
  let x = 0;
  const summary = STATUS_ORDER.map((status) => `${formatCount(progress[status])} ${STATUS_NAME[status]}`).join(', ');
  return (
    <figure className="sw-chart sw-progress" data-testid="corpus-progress">
      <svg viewBox={`0 0 ${width} 18`} role="img" aria-label={`Documents: ${summary}`} preserveAspectRatio="none">
        <rect className="sw-progress-track" x={0} y={0} width={width} height={18} rx={4} />
        {total > 0 &&
          STATUS_ORDER.map((status) => {
            const w = (progress[status] / total) * width;
            const segment = <rect key={status} className={`sw-progress-${status}`} x={x} y={0} width={w} height={18} />;
            x += w;
            return segment;
          })}
      </svg>
      <figcaption className="sw-legend">
        {STATUS_ORDER.map((status) => (
          <span key={status} className={`sw-legend-item sw-legend-${status}`}>
            <span className="sw-legend-swatch" aria-hidden="true" />
            {formatCount(progress[status])} {STATUS_NAME[status]}
            {total > 0 && <span className="sw-muted"> ({Math.round((progress[status] / total) * 100)}%)</span>}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** One bar per label, in its colour, longest to scale. */
export function LabelBars({ counts, labels }: { counts: Record<string, number>; labels: readonly LabelDef[] }) {
  const rows = Object.entries(counts);
  const most = Math.max(1, ...rows.map(([, count]) => count));
  const rowHeight = 26;
  const nameWidth = 130;
  const barWidth = 400;
  const height = rows.length * rowHeight;
  return (
    <svg
      className="sw-chart"
      data-testid="label-chart"
      viewBox={`0 0 ${nameWidth + barWidth + 60} ${height}`}
      role="img"
      aria-label={`Spans per label: ${rows.map(([label, count]) => `${label} ${formatCount(count)}`).join(', ')}`}
    >
      {rows.map(([label, count], index) => {
        const y = index * rowHeight;
        return (
          <g key={label} className={labelClass(labels, label)}>
            <text className="sw-chart-name" x={nameWidth - 8} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="central">
              {label}
            </text>
            <rect className="sw-chart-bar" x={nameWidth} y={y + 4} width={Math.max(count > 0 ? 2 : 0, (count / most) * barWidth)} height={rowHeight - 8} rx={3} />
            <text className="sw-chart-value" x={nameWidth + (count / most) * barWidth + 6} y={y + rowHeight / 2} dominantBaseline="central">
              {formatCount(count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const MAX_COLUMN_WIDTH = 28;
/** Half the width of a date below the chart, in chart units. */
const TICK_ROOM = 34;

/** A column per day: spans made that day. */
export function DayColumns({ series }: { series: ReadonlyArray<{ day: string; spans: number }> }) {
  const width = 600;
  const chartHeight = 140;
  const axis = 22;
  const most = Math.max(1, ...series.map((point) => point.spans));
  const step = width / Math.max(1, series.length);
  const gap = Math.min(4, step * 0.2);
  // A few days must not make columns as wide as the chart.
  const columnWidth = Math.min(MAX_COLUMN_WIDTH, Math.max(1, step - gap));
  // A tick at each end and, when there is room, one at every first of a month between.
  const ticks = series.filter((point, index) => index === 0 || index === series.length - 1 || (series.length > 20 && point.day.endsWith('-01')));
  const total = series.reduce((sum, point) => sum + point.spans, 0);
  return (
    <svg
      className="sw-chart"
      data-testid="day-chart"
      viewBox={`0 0 ${width} ${chartHeight + axis}`}
      role="img"
      aria-label={`Spans made per day: ${formatCount(total)} over ${series.length} days, at most ${formatCount(most)} in a day`}
    >
      <line className="sw-chart-axis" x1={0} x2={width} y1={chartHeight + 0.5} y2={chartHeight + 0.5} />
      <text className="sw-chart-value" x={0} y={10}>
        {formatCount(most)}
      </text>
      {series.map((point, index) => {
        const h = (point.spans / most) * (chartHeight - 16);
        return (
          <rect key={point.day} className="sw-chart-column" x={index * step + (step - columnWidth) / 2} y={chartHeight - h} width={columnWidth} height={h}>
            <title>{`${point.day}: ${formatCount(point.spans)} spans`}</title>
          </rect>
        );
      })}
      {ticks.map((point) => {
        const x = series.indexOf(point) * step + step / 2;
        // Dates near an edge are aligned to it, so they are not cut off.
        const anchor = x < TICK_ROOM ? 'start' : x > width - TICK_ROOM ? 'end' : 'middle';
        return (
          <text key={point.day} className="sw-chart-tick" x={anchor === 'start' ? 0 : anchor === 'end' ? width : x} y={chartHeight + 16} textAnchor={anchor}>
            {point.day}
          </text>
        );
      })}
    </svg>
  );
}
