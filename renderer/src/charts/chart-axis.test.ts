import { describe, expect, it } from 'vitest';
import { axisLabels, bucketStarts } from './chart-axis.js';

const hour = 3_600_000;

describe('chart axes', () => {
  it('cover the whole range, quiet buckets included', () => {
    const from = Date.UTC(2026, 10, 2, 9, 30);
    const starts = bucketStarts(from, from + 3 * hour, hour);
    expect(starts).toEqual([0, 1, 2, 3].map((n) => Date.UTC(2026, 10, 2, 9) + n * hour));
  });

  it('keep the newest buckets when the range has more than the chart shows', () => {
    const starts = bucketStarts(0, 1000 * hour, hour, 24);
    expect(starts).toHaveLength(24);
    expect(starts.at(-1)).toBe(1000 * hour);
  });

  it('label the first, middle and last bucket', () => {
    expect(axisLabels([0, hour, 2 * hour, 3 * hour, 4 * hour], hour)).toHaveLength(3);
    expect(axisLabels([0], hour)).toHaveLength(1);
  });
});
