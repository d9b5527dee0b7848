import { useState } from 'react';
import type { HistoryStats } from '../api/admin-types.js';
import { LineChart } from '../charts/LineChart.js';
import { StackedBars } from '../charts/StackedBars.js';
import { formatDuration, formatUsd } from '../format.js';

/** Cost per day by model or provider, latency p50/p95, error rate and cache savings. */
export function HistoryCharts({ stats }: { stats: HistoryStats }) {
  const [split, setSplit] = useState<'model' | 'provider'>('model');
  const days = stats.days.map((day) => day.day);
  const cost = (split === 'model' ? stats.costByModel : stats.costByProvider).map((point) => ({
    day: point.day,
    key: point.key,
    value: point.costUsd,
  }));
  const requests = stats.days.reduce((sum, day) => sum + day.requests, 0);
  const errors = stats.days.reduce((sum, day) => sum + day.errors, 0);
  const hits = stats.days.reduce((sum, day) => sum + day.cacheHits, 0);
  const saved = stats.days.reduce((sum, day) => sum + day.cacheSavedUsd, 0);
  const spent = stats.days.reduce((sum, day) => sum + day.costUsd, 0);
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
          <span className="label">Cache hits / saved</span>
          <span className="value">
            {hits.toLocaleString('en-US')} / {formatUsd(saved)}
          </span>
        </div>
      </div>
      <div className="chart-grid">
        <div>
          <div className="toolbar">
            <span>Cost per day by</span>
            <select
              aria-label="Split cost by"
              value={split}
              onChange={(event) => setSplit(event.target.value as 'model' | 'provider')}
            >
              <option value="model">model</option>
              <option value="provider">provider</option>
            </select>
          </div>
          <StackedBars points={cost} format={formatUsd} label={`Cost per day by ${split}`} />
        </div>
        <LineChart
          days={days}
          label="Latency per day"
          format={(value) => formatDuration(value)}
          lines={[
            { name: 'p50', color: '#4e79a7', values: stats.days.map((day) => day.latencyP50Ms) },
            { name: 'p95', color: '#e15759', values: stats.days.map((day) => day.latencyP95Ms) },
          ]}
        />
        <LineChart
          days={days}
          label="Error rate per day"
          format={(value) => `${(value * 100).toFixed(1)}%`}
          lines={[
            {
              name: 'errors',
              color: '#f28e2b',
              values: stats.days.map((day) => (day.requests ? day.errors / day.requests : undefined)),
            },
          ]}
        />
      </div>
    </div>
  );
}
