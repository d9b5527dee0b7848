import { ChartFrame, Gridlines } from './ChartFrame.js';

/** A series of a stacked bar chart: one value per bucket for one key (a model, a provider). */
export interface StackedPoint {
  at: number;
  key: string;
  value: number;
}

const palette = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** Bars per bucket stacked by key (the 9 largest keys, the rest as "other"), with axes and a legend. */
export function StackedBars({
  buckets,
  bucketLabel,
  xLabels,
  points,
  format,
  label,
  height = 160,
}: {
  buckets: number[];
  bucketLabel(at: number): string;
  xLabels: string[];
  points: StackedPoint[];
  format(value: number): string;
  label: string;
  height?: number;
}) {
  const totals = new Map<string, number>();
  for (const point of points) totals.set(point.key, (totals.get(point.key) ?? 0) + point.value);
  const top = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 9)
    .map(([key]) => key);
  const keyOf = (key: string) => (top.includes(key) ? key : 'other');
  const keys = [...top, ...(totals.size > top.length ? ['other'] : [])];
  const stacks = buckets.map((at) => {
    const values = new Map<string, number>();
    for (const point of points.filter((entry) => entry.at === at))
      values.set(keyOf(point.key), (values.get(keyOf(point.key)) ?? 0) + point.value);
    return { at, values };
  });
  const max = Math.max(
    1e-12,
    ...stacks.map((stack) => [...stack.values.values()].reduce((a, b) => a + b, 0)),
  );
  const width = Math.max(300, buckets.length * 24);
  const slot = width / Math.max(1, buckets.length);
  const barWidth = Math.max(2, Math.min(40, slot - 4));
  if (points.length === 0) return <p className="muted">No priced requests in this range.</p>;
  return (
    <ChartFrame
      label={label}
      max={max}
      format={format}
      xLabels={xLabels}
      legend={
        <ul className="legend">
          {keys.map((key, index) => (
            <li key={key}>
              <span className="swatch" style={{ background: palette[index % palette.length] }} /> {key}
            </li>
          ))}
        </ul>
      }
    >
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        <Gridlines width={width} height={height} />
        {stacks.map((stack, index) => {
          let y = height - 4;
          return keys.map((key) => {
            const value = stack.values.get(key) ?? 0;
            if (value === 0) return null;
            const barHeight = (value / max) * (height - 8);
            y -= barHeight;
            return (
              <rect
                key={`${stack.at}-${key}`}
                x={index * slot + (slot - barWidth) / 2}
                y={y}
                width={barWidth}
                height={barHeight}
                fill={palette[keys.indexOf(key) % palette.length]}
              >
                <title>{`${bucketLabel(stack.at)} ${key}: ${format(value)}`}</title>
              </rect>
            );
          });
        })}
      </svg>
    </ChartFrame>
  );
}
