/** One line: a value per day (gaps where undefined). */
export interface Line {
  name: string;
  color: string;
  values: Array<number | undefined>;
}

/** Lines over days on a shared y axis from 0, with the maximum labelled. */
export function LineChart({
  days,
  lines,
  label,
  format,
  height = 140,
}: {
  days: string[];
  lines: Line[];
  label: string;
  format(value: number): string;
  height?: number;
}) {
  const max = Math.max(
    1e-12,
    ...lines.flatMap((line) => line.values.filter((value): value is number => value !== undefined)),
  );
  const width = Math.max(300, days.length * 24);
  const x = (index: number) => (days.length <= 1 ? width / 2 : (index / (days.length - 1)) * (width - 8) + 4);
  const y = (value: number) => height - 4 - (value / max) * (height - 8);
  if (days.length === 0) return <p className="muted">No requests in this range.</p>;
  return (
    <figure className="chart">
      <figcaption>
        {label} <span className="muted">(max {format(max)})</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        {lines.map((line) => {
          const points = line.values
            .map((value, index) => (value === undefined ? undefined : `${x(index)},${y(value)}`))
            .filter(Boolean)
            .join(' ');
          return (
            <g key={line.name}>
              <polyline
                points={points}
                fill="none"
                stroke={line.color}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
              {line.values.map((value, index) =>
                value === undefined ? null : (
                  <circle key={index} cx={x(index)} cy={y(value)} r={2.5} fill={line.color}>
                    <title>{`${days[index]} ${line.name}: ${format(value)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {lines.map((line) => (
          <li key={line.name}>
            <span className="swatch" style={{ background: line.color }} /> {line.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
