import type { RequestRow } from '../api/admin-types.js';
import { formatCost, formatDuration, formatStatus, formatTime, formatTokens } from '../format.js';

/** The latest requests, newest first. An unpriced model says so; it is never shown as $0. */
export function RequestsTable({ requests }: { requests: RequestRow[] }) {
  const now = Date.now();
  return (
    <div className="table-wrap">
      <table data-testid="requests-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Model</th>
            <th>Provider</th>
            <th>Status</th>
            <th className="number">TTFT</th>
            <th className="number">Latency</th>
            <th className="number">Tokens in / out</th>
            <th className="number">Cost</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((row) => (
            <tr key={row.id} className={row.status === 'ok' ? undefined : 'failed'}>
              <td className="muted">{formatTime(row.createdAt, now)}</td>
              <td>
                {row.requestedModel}
                {row.upstreamModel && row.upstreamModel !== row.requestedModel && (
                  <span className="muted"> → {row.upstreamModel}</span>
                )}
              </td>
              <td>{row.provider ?? '—'}</td>
              <td className="status">{formatStatus(row)}</td>
              <td className="number">{formatDuration(row.ttftMs)}</td>
              <td className="number">{formatDuration(row.latencyMs)}</td>
              <td className="number">{formatTokens(row)}</td>
              <td className={row.unpriced ? 'number unpriced' : 'number'}>{formatCost(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
