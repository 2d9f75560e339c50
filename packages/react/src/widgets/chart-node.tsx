import { useStrings } from '../strings/use-strings.js';
import { color } from './style-props.js';
import type { NodeProps } from './types.js';

interface Series {
  type: 'bar' | 'line' | 'area';
  dataKey: string;
  label: string;
  color: string;
}

const PALETTE = ['var(--cw-accent)', 'var(--cw-w-success)', 'var(--cw-w-warning)', 'var(--cw-w-discovery)', 'var(--cw-danger)'];
const WIDTH = 480;
const PLOT_TOP = 8;
const AXIS = 22;

function seriesOf(value: unknown): Series[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { type, dataKey, label, color: tint } = entry as Record<string, unknown>;
    if (typeof dataKey !== 'string') return [];
    const kind = type === 'line' || type === 'area' ? type : 'bar';
    return [
      {
        type: kind,
        dataKey,
        label: typeof label === 'string' ? label : dataKey,
        color: color(tint) ?? PALETTE[index % PALETTE.length]!,
      },
    ];
  });
}

const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * A bar, line or area chart of `data` rows, drawn as SVG: one group of bars or one line per
 * series over the `xAxis` categories, an optional Y scale and legend. Its name lists the series.
 */
export function ChartNode({ component }: NodeProps) {
  const strings = useStrings();
  const rows = Array.isArray(component.data)
    ? (component.data as unknown[]).filter((row) => typeof row === 'object' && row !== null)
    : [];
  const data = rows as Record<string, unknown>[];
  const series = seriesOf(component.series);
  const axis =
    typeof component.xAxis === 'object' && component.xAxis !== null ? (component.xAxis as Record<string, unknown>) : {};
  const xKey = typeof component.xAxis === 'string' ? component.xAxis : typeof axis.dataKey === 'string' ? axis.dataKey : '';
  const labels = typeof axis.labels === 'object' && axis.labels !== null ? (axis.labels as Record<string, unknown>) : {};
  const height = typeof component.height === 'number' ? Math.min(480, Math.max(80, component.height)) : 200;
  const showY = component.showYAxis !== false;
  const left = showY ? 36 : 4;
  const plotHeight = height - PLOT_TOP - (axis.hide === true ? 4 : AXIS);
  const max = Math.max(1, ...data.flatMap((row) => series.map((entry) => numberOf(row[entry.dataKey]))));
  const band = (WIDTH - left) / Math.max(1, data.length);
  const y = (value: number) => PLOT_TOP + plotHeight - (value / max) * plotHeight;
  const bars = series.filter((entry) => entry.type === 'bar');
  const barWidth = Math.max(2, (band * 0.7) / Math.max(1, bars.length));
  const xCenter = (index: number) => left + band * index + band / 2;
  const ticks = [0, max / 2, max];
  const name = strings.widgetChart(series.map((entry) => entry.label).join(', '));
  return (
    <figure className="cw-w-chart" data-widget-type="Chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={name}>
        {showY
          ? ticks.map((tick) => (
              <g key={tick}>
                <line x1={left} x2={WIDTH} y1={y(tick)} y2={y(tick)} className="cw-w-chart-grid" />
                <text x={left - 6} y={y(tick) + 4} textAnchor="end" className="cw-w-chart-label">
                  {Number.isInteger(tick) ? tick : tick.toFixed(1)}
                </text>
              </g>
            ))
          : null}
        {bars.map((entry, barIndex) =>
          data.map((row, index) => {
            const value = numberOf(row[entry.dataKey]);
            const x = xCenter(index) - (barWidth * bars.length) / 2 + barIndex * barWidth;
            return (
              <rect
                key={`${entry.dataKey}-${index}`}
                x={x}
                y={y(value)}
                width={barWidth - 2}
                height={y(0) - y(value)}
                rx={3}
                fill={entry.color}
              />
            );
          }),
        )}
        {series
          .filter((entry) => entry.type !== 'bar')
          .map((entry) => {
            const points = data.map((row, index) => `${xCenter(index)},${y(numberOf(row[entry.dataKey]))}`);
            if (points.length === 0) return null;
            return (
              <g key={entry.dataKey}>
                {entry.type === 'area' ? (
                  <polygon
                    points={`${xCenter(0)},${y(0)} ${points.join(' ')} ${xCenter(data.length - 1)},${y(0)}`}
                    fill={entry.color}
                    opacity={0.25}
                  />
                ) : null}
                <polyline points={points.join(' ')} fill="none" stroke={entry.color} strokeWidth={2.5} strokeLinejoin="round" />
              </g>
            );
          })}
        {axis.hide === true
          ? null
          : data.map((row, index) => {
              const raw = row[xKey];
              const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
              const named = labels[key];
              const label = typeof named === 'string' ? named : key;
              return (
                <text key={index} x={xCenter(index)} y={height - 6} textAnchor="middle" className="cw-w-chart-label">
                  {label}
                </text>
              );
            })}
      </svg>
      {component.showLegend !== false && series.length > 1 ? (
        <figcaption className="cw-w-chart-legend">
          {series.map((entry) => (
            <span key={entry.dataKey}>
              <i style={{ background: entry.color }} aria-hidden="true" />
              {entry.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
