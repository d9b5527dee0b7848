import type { RequestRow } from '../api/admin-types.js';
import { formatCost, formatDuration, formatStatus, formatTime, formatTokens } from '../format.js';

/**
 * The latest requests, newest first, in a scroll region that keeps every column readable: long
 * model names and error codes are cut with their whole text as the tooltip. An unpriced model says
 * so; it is never shown as $0.
 */
export function RequestsTable({ requests }: { requests: RequestRow[] }) {
  const now = Date.now();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Latest requests">
      <table data-testid="requests-table" className="requests">
        <thead>
          <tr>
            <th>Time</th>
            <th>Model</th>
            <th>Provider</th>
            <th>Status</th>
            <th className="number">TTFT</th>
            <th className="number">Latency</th>
            <th className="number" title="Input / output tokens">
              Tokens
            </th>
            <th className="number">Cost</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((row) => {
            const model =
              row.upstreamModel && row.upstreamModel !== row.requestedModel
                ? `${row.requestedModel} → ${row.upstreamModel}`
                : row.requestedModel;
            const status = formatStatus(row);
            return (
              <tr key={row.id} className={row.status === 'ok' ? undefined : 'failed'}>
                <td className="muted">{formatTime(row.createdAt, now)}</td>
                <td className="cut model" title={model}>
                  {row.requestedModel}
                </td>
                <td>{row.provider ?? '—'}</td>
                <td className="status cut" title={[status, row.errorMessage].filter(Boolean).join(': ')}>
                  {status}
                </td>
                <td className="number">{formatDuration(row.ttftMs)}</td>
                <td className="number">{formatDuration(row.latencyMs)}</td>
                <td className="number">{formatTokens(row)}</td>
                <td className={row.unpriced ? 'number unpriced' : 'number'}>{formatCost(row)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
