import type { ReactNode } from 'react';

/**
 * A chart's axes around its plot: values at the left (0, half, the maximum), bucket labels below
 * (first, middle, last), and the plot itself (an SVG stretched to the frame) with its gridlines.
 */
export function ChartFrame({
  label,
  max,
  format,
  xLabels,
  children,
  legend,
}: {
  label: string;
  max: number;
  format(value: number): string;
  xLabels: string[];
  children: ReactNode;
  legend: ReactNode;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{label}</figcaption>
      <div className="chart-body">
        <div className="y-axis" aria-hidden="true">
          <span>{format(max)}</span>
          <span>{format(max / 2)}</span>
          <span>{format(0)}</span>
        </div>
        <div className="plot">{children}</div>
        <span aria-hidden="true" />
        <div className="x-axis" aria-hidden="true">
          {xLabels.map((text, index) => (
            <span key={`${text}-${index}`}>{text}</span>
          ))}
        </div>
      </div>
      {legend}
    </figure>
  );
}

/** Horizontal gridlines at 0, half and the top of a plot `height` high. */
export function Gridlines({ width, height }: { width: number; height: number }) {
  return (
    <g className="grid">
      {[0, 0.5, 1].map((share) => (
        <line
          key={share}
          x1={0}
          x2={width}
          y1={4 + share * (height - 8)}
          y2={4 + share * (height - 8)}
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </g>
  );
}
