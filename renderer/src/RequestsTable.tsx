import type { RequestRow } from './admin-api.js';

function formatCost(row: RequestRow): string {
  if (row.unpriced) return 'unpriced';
  if (row.costUsd === null) return '—';
  return `$${row.costUsd.toFixed(6)}`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(0)} ms`;
}

/** The latest requests, newest first. An unpriced model says so; it is never shown as $0. */
export function RequestsTable({ requests }: { requests: RequestRow[] }) {
  if (requests.length === 0) {
    return <p className="empty">No requests yet. Send one to the endpoint above and it appears here.</p>;
  }
  return (
    <table data-testid="requests-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Model</th>
          <th>Provider</th>
          <th>Status</th>
          <th>TTFT</th>
          <th>Latency</th>
          <th>Tokens in / out</th>
          <th>Cost</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((row) => (
          <tr key={row.id} className={row.status === 'ok' ? '' : 'failed'}>
            <td>{new Date(row.createdAt).toLocaleTimeString()}</td>
            <td>{row.requestedModel}</td>
            <td>{row.provider ?? '—'}</td>
            <td>{row.status === 'ok' ? 'ok' : `${row.status} ${row.errorCode ?? ''}`}</td>
            <td>{ms(row.ttftMs)}</td>
            <td>{ms(row.latencyMs)}</td>
            <td>
              {row.inputTokens ?? '—'} / {row.outputTokens ?? '—'}
            </td>
            <td>{formatCost(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
