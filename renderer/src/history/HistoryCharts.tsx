import { useState } from 'react';
import type { HistoryStats } from '../api/admin-types.js';
import { axisLabels, bucketStarts, formatBucket } from '../charts/chart-axis.js';
import { LineChart } from '../charts/LineChart.js';
import { StackedBars } from '../charts/StackedBars.js';
import { formatDuration, formatUsd } from '../format.js';

/**
 * Cost per bucket by model or provider, latency p50/p95, error rate and cache savings, over every
 * bucket of the range (an hour for the last day, a day for longer ranges).
 */
export function HistoryCharts({
  stats,
  from,
  now,
}: {
  stats: HistoryStats;
  from: number | undefined;
  now: number;
}) {
  const [split, setSplit] = useState<'model' | 'provider'>('model');
  const { bucketMs } = stats;
  const start = from ?? stats.days[0]?.at ?? now;
  const buckets = stats.days.length === 0 ? [] : bucketStarts(start, now, bucketMs);
  const byBucket = new Map(stats.days.map((day) => [day.at, day]));
  const atOf = new Map(stats.days.map((day) => [day.day, day.at]));
  const cost = (split === 'model' ? stats.costByModel : stats.costByProvider).map((point) => ({
    at: atOf.get(point.day) ?? 0,
    key: point.key,
    value: point.costUsd,
  }));
  const per =
    bucketMs >= 86_400_000
      ? 'day'
      : bucketMs >= 3_600_000
        ? 'hour'
        : `${Math.round(bucketMs / 60_000)} minutes`;
  const xLabels = axisLabels(buckets, bucketMs);
  const bucketLabel = (at: number) => formatBucket(at, bucketMs);
  const requests = stats.days.reduce((sum, day) => sum + day.requests, 0);
  const errors = stats.days.reduce((sum, day) => sum + day.errors, 0);
  const hits = stats.days.reduce((sum, day) => sum + day.cacheHits, 0);
  const saved = stats.days.reduce((sum, day) => sum + day.cacheSavedUsd, 0);
  const spent = stats.days.reduce((sum, day) => sum + day.costUsd, 0);
  const values = (read: (day: HistoryStats['days'][number]) => number | undefined) =>
    buckets.map((at) => {
      const day = byBucket.get(at);
      return day ? read(day) : undefined;
    });
  return (
    <div className="charts" data-testid="history-charts">
      <div className="stat-row">
        <div className="stat">
          <span className="label">Requests</span>
          <span className="value">{requests.toLocaleString('en-US')}</span>
        </div>
        <div className="stat">
          <span className="label">Spent</span>
          <span className="value">{formatUsd(spent)}</span>
        </div>
        <div className="stat">
          <span className="label">Error rate</span>
          <span className="value">{requests ? `${((errors / requests) * 100).toFixed(1)}%` : '—'}</span>
        </div>
        <div className="stat">
          <span className="label">Cache hits</span>
          <span className="value" data-testid="cache-hits">
            {hits.toLocaleString('en-US')}
          </span>
        </div>
        <div className="stat">
          <span className="label">Saved by the cache</span>
          <span className="value" data-testid="cache-saved">
            {formatUsd(saved)}
          </span>
        </div>
      </div>
      <div className="chart-grid">
        <div>
          <div className="toolbar">
            <label>
              Cost per {per} by
              <select
                aria-label="Split cost by"
                value={split}
                onChange={(event) => setSplit(event.target.value as 'model' | 'provider')}
              >
                <option value="model">model</option>
                <option value="provider">provider</option>
              </select>
            </label>
          </div>
          <StackedBars
            buckets={buckets}
            bucketLabel={bucketLabel}
            xLabels={xLabels}
            points={cost}
            format={formatUsd}
            label={`Cost per ${per} by ${split}`}
          />
        </div>
        <LineChart
          buckets={buckets}
          bucketLabel={bucketLabel}
          xLabels={xLabels}
          label={`Latency per ${per}`}
          format={(value) => formatDuration(value)}
          lines={[
            { name: 'p50', color: '#4e79a7', values: values((day) => day.latencyP50Ms) },
            { name: 'p95', color: '#e15759', values: values((day) => day.latencyP95Ms) },
          ]}
        />
        <LineChart
          buckets={buckets}
          bucketLabel={bucketLabel}
          xLabels={xLabels}
          label={`Error rate per ${per}`}
          format={(value) => `${(value * 100).toFixed(0)}%`}
          lines={[
            {
              name: 'errors',
              color: '#f28e2b',
              values: values((day) => (day.requests ? day.errors / day.requests : undefined)),
            },
          ]}
        />
      </div>
    </div>
  );
}
