import type { RequestDetail } from '../api/admin-types.js';
import { formatCost, formatDuration, formatFitNote, formatStatus, formatTokens } from '../format.js';
import { useAdminQuery } from '../hooks/use-admin.js';

/** One request with its attempt timeline: each upstream try as a bar on a shared time axis. */
export function RequestDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { data, error } = useAdminQuery<RequestDetail>(`/admin/history/request?id=${encodeURIComponent(id)}`);
  const start = data ? Math.min(data.createdAt, ...data.attempts.map((attempt) => attempt.startedAt)) : 0;
  const end = data
    ? Math.max(
        data.createdAt + (data.latencyMs ?? 0),
        ...data.attempts.map((attempt) => attempt.startedAt + (attempt.latencyMs ?? 0)),
      )
    : 1;
  const span = Math.max(1, end - start);
  return (
    <aside
      className="drawer"
      role="dialog"
      aria-label="Request details"
      data-testid="request-drawer"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <div className="page-head">
        <h3>Request</h3>
        <button type="button" onClick={onClose} autoFocus>
          Close (Esc)
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <dl className="facts">
            <dt>Id</dt>
            <dd>
              <code>{data.id}</code>
            </dd>
            <dt>Time</dt>
            <dd>{new Date(data.createdAt).toLocaleString()}</dd>
            <dt>Client</dt>
            <dd>{data.client ?? '—'}</dd>
            <dt>Model</dt>
            <dd>
              {data.requestedModel}
              {data.route && ` (route ${data.route})`}
            </dd>
            <dt>Answered by</dt>
            <dd>{data.provider ? `${data.provider}/${data.upstreamModel ?? ''}` : '—'}</dd>
            <dt>Status</dt>
            <dd>{formatStatus(data)}</dd>
            <dt>Tokens</dt>
            <dd>
              {formatTokens(data)}{' '}
              {data.usageEstimated ? '(estimated by the relay)' : '(reported by the provider)'}
            </dd>
            <dt>Cost</dt>
            <dd>{formatCost(data)}</dd>
            <dt>Cache</dt>
            <dd>{data.cache}</dd>
          </dl>
          <h4>Attempt timeline</h4>
          {data.attempts.length === 0 ? (
            <p className="muted">No upstream attempt (answered from the cache, or refused before routing).</p>
          ) : (
            <ol className="timeline" data-testid="attempt-timeline">
              {data.attempts.map((attempt) => (
                <li
                  key={attempt.attemptIndex}
                  data-testid="attempt"
                  className={attempt.status === 'ok' ? 'ok' : 'failed'}
                >
                  <div className="attempt-label">
                    #{attempt.attemptIndex + 1} {attempt.provider}/{attempt.upstreamModel} · {attempt.status}
                    {attempt.httpStatus ? ` ${attempt.httpStatus}` : ''}
                    {attempt.errorCode ? ` ${attempt.errorCode}` : ''} · {formatDuration(attempt.latencyMs)}
                    {attempt.ttftMs !== undefined && ` (first token ${formatDuration(attempt.ttftMs)})`}
                  </div>
                  {attempt.fitted && (
                    <ul className="fitted" data-testid="attempt-fitted">
                      {attempt.fitted.map((note, index) => (
                        <li key={`${note.param}-${index}`}>{formatFitNote(note)}</li>
                      ))}
                    </ul>
                  )}
                  <div className="bar-track">
                    <div
                      className="bar"
                      style={{
                        marginLeft: `${((attempt.startedAt - start) / span) * 100}%`,
                        width: `${Math.max(1, ((attempt.latencyMs ?? 0) / span) * 100)}%`,
                      }}
                    />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </aside>
  );
}
