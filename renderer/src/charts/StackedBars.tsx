/** A series of a stacked bar chart: one value per day for one key (a model, a provider). */
export interface StackedPoint {
  day: string;
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

/** Bars per day stacked by key (the 9 largest keys, the rest as "other"), with a legend. */
export function StackedBars({
  points,
  format,
  label,
  height = 160,
}: {
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
  const days = [...new Set(points.map((point) => point.day))].sort();
  const stacks = days.map((day) => {
    const values = new Map<string, number>();
    for (const point of points.filter((entry) => entry.day === day))
      values.set(keyOf(point.key), (values.get(keyOf(point.key)) ?? 0) + point.value);
    return { day, values };
  });
  const max = Math.max(
    1e-12,
    ...stacks.map((stack) => [...stack.values.values()].reduce((a, b) => a + b, 0)),
  );
  const width = Math.max(300, days.length * 24);
  const barWidth = Math.max(4, width / Math.max(1, days.length) - 4);
  if (days.length === 0) return <p className="muted">No priced requests in this range.</p>;
  return (
    <figure className="chart">
      <figcaption>
        {label} <span className="muted">(max {format(max)} a day)</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        {stacks.map((stack, index) => {
          let y = height;
          return keys.map((key) => {
            const value = stack.values.get(key) ?? 0;
            if (value === 0) return null;
            const barHeight = (value / max) * (height - 4);
            y -= barHeight;
            return (
              <rect
                key={`${stack.day}-${key}`}
                x={index * (barWidth + 4)}
                y={y}
                width={barWidth}
                height={barHeight}
                fill={palette[keys.indexOf(key) % palette.length]}
              >
                <title>{`${stack.day} ${key}: ${format(value)}`}</title>
              </rect>
            );
          });
        })}
      </svg>
      <ul className="legend">
        {keys.map((key, index) => (
          <li key={key}>
            <span className="swatch" style={{ background: palette[index % palette.length] }} /> {key}
          </li>
        ))}
      </ul>
    </figure>
  );
}
