import { ChartFrame, Gridlines } from './ChartFrame.js';

/** One line: a value per bucket (gaps where undefined). */
export interface Line {
  name: string;
  color: string;
  values: Array<number | undefined>;
}

/** Lines over time buckets on a shared y axis from 0, with axes and a point's value on hover. */
export function LineChart({
  buckets,
  bucketLabel,
  xLabels,
  lines,
  label,
  format,
  height = 140,
}: {
  buckets: number[];
  bucketLabel(at: number): string;
  xLabels: string[];
  lines: Line[];
  label: string;
  format(value: number): string;
  height?: number;
}) {
  const max = Math.max(
    1e-12,
    ...lines.flatMap((line) => line.values.filter((value): value is number => value !== undefined)),
  );
  const width = Math.max(300, buckets.length * 24);
  const x = (index: number) =>
    buckets.length <= 1 ? width / 2 : (index / (buckets.length - 1)) * (width - 8) + 4;
  const y = (value: number) => height - 4 - (value / max) * (height - 8);
  if (buckets.length === 0) return <p className="muted">No requests in this range.</p>;
  return (
    <ChartFrame
      label={label}
      max={max}
      format={format}
      xLabels={xLabels}
      legend={
        <ul className="legend">
          {lines.map((line) => (
            <li key={line.name}>
              <span className="swatch" style={{ background: line.color }} /> {line.name}
            </li>
          ))}
        </ul>
      }
    >
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
        <Gridlines width={width} height={height} />
        {lines.map((line) => {
          // a line through the buckets that have a value; a quiet bucket is a gap, not a zero
          const segments: string[][] = [[]];
          line.values.forEach((value, index) => {
            if (value === undefined) segments.push([]);
            else segments.at(-1)!.push(`${x(index)},${y(value)}`);
          });
          return (
            <g key={line.name}>
              {segments
                .filter((points) => points.length > 1)
                .map((points, index) => (
                  <polyline
                    key={index}
                    points={points.join(' ')}
                    fill="none"
                    stroke={line.color}
                    strokeWidth={2}
                    vectorEffect="non-scaling-stroke"
                  />
                ))}
              {line.values.map((value, index) =>
                value === undefined ? null : (
                  <circle key={index} cx={x(index)} cy={y(value)} r={2.5} fill={line.color}>
                    <title>{`${bucketLabel(buckets[index]!)} ${line.name}: ${format(value)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
