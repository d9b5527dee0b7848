import type { RequestDetail } from '../api/admin-types.js';
import {
  formatCost,
  formatDuration,
  formatFitNote,
  formatStatus,
  formatTokens,
  formatUsd,
} from '../format.js';
import { useAdminQuery } from '../hooks/use-admin.js';
import { CapturedBodiesView } from './CapturedBodiesView.js';

/** Tokens as the drawer says them: a cache hit used none upstream, and says what it saved. */
function tokensOf(data: RequestDetail): string {
  if (data.cache.startsWith('hit'))
    return `none upstream: answered from the cache${data.savedUsd !== undefined ? ` (saved ${formatUsd(data.savedUsd)})` : ''}`;
  if (data.inputTokens === undefined && data.outputTokens === undefined)
    return data.status === 'ok' ? '—' : 'none: no answer was bought';
  return `${formatTokens(data)} ${data.usageEstimated ? '(estimated by the relay)' : '(reported by the provider)'}`;
}

/**
 * One request: what happened (with the upstream's own words when it failed), its attempt timeline
 * on a shared time axis, and its captured request and answer when capture was on.
 */
export function RequestDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { data, error, reload } = useAdminQuery<RequestDetail>(
    `/admin/history/request?id=${encodeURIComponent(id)}`,
  );
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
            <dd>
              {data.provider ? `${data.provider}/${data.upstreamModel ?? ''}` : '—'}
              {data.keyName && ` (key ${data.keyName})`}
            </dd>
            <dt>Status</dt>
            <dd className={data.status === 'ok' ? undefined : 'error'}>{formatStatus(data)}</dd>
            {data.errorMessage && (
              <>
                <dt>Message</dt>
                <dd className="error-message" data-testid="request-error">
                  {data.errorMessage}
                </dd>
              </>
            )}
            <dt>Tokens</dt>
            <dd data-testid="drawer-tokens">{tokensOf(data)}</dd>
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
                    #{attempt.attemptIndex + 1} {attempt.provider}/{attempt.upstreamModel}
                    {attempt.keyName && ` (key ${attempt.keyName})`} · {attempt.status}
                    {attempt.httpStatus ? ` ${attempt.httpStatus}` : ''}
                    {attempt.errorCode ? ` ${attempt.errorCode}` : ''} · {formatDuration(attempt.latencyMs)}
                    {attempt.ttftMs !== undefined && ` (first token ${formatDuration(attempt.ttftMs)})`}
                  </div>
                  {attempt.errorMessage && (
                    <p className="error-message" data-testid="attempt-error">
                      {attempt.errorMessage}
                    </p>
                  )}
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
          <h4>Request and answer</h4>
          {data.captured ? (
            <CapturedBodiesView id={data.id} onDeleted={reload} />
          ) : (
            <p className="muted small" data-testid="no-bodies">
              Not captured. Turn on “Capture request and answer bodies” on this page to keep them for new
              requests.
            </p>
          )}
        </>
      )}
    </aside>
  );
}
