import type { HistoryStats, ToolsView } from '../api/admin-types.js';
import { GettingStarted } from '../components/GettingStarted.js';
import { NextStep } from '../components/NextStep.js';
import { ProviderCards } from '../components/ProviderCards.js';
import { RequestsTable } from '../components/RequestsTable.js';
import { ToolConnections } from '../components/ToolConnections.js';
import { formatUsd } from '../format.js';
import { useAdminQuery } from '../hooks/use-admin.js';
import { usePolling } from '../hooks/use-polling.js';
import { useRelayStore } from '../store/use-relay-store.js';

/** Shown in the snippets until the status answers. */
export const defaultBase = 'http://127.0.0.1:4141';
/** Each tool's last request and spend today, refreshed while the page is open. */
export const toolsRefreshMs = 15_000;

/** Local midnight: "today" as the person at the window counts it. */
function startOfToday(): number {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Today's requests, errors and spend, in large print. */
function Headline() {
  const today = useAdminQuery<HistoryStats>(`/admin/history/stats?from=${startOfToday()}`);
  usePolling(async () => today.reload(), 5_000, true);
  const days = today.data?.days ?? [];
  const sum = (read: (day: HistoryStats['days'][number]) => number) =>
    days.reduce((total, day) => total + read(day), 0);
  const requests = sum((day) => day.requests);
  const errors = sum((day) => day.errors);
  return (
    <div className="stat-row headline" data-testid="headline">
      <div className="stat">
        <span className="label">Spent today</span>
        <span className="value">{today.data ? formatUsd(sum((day) => day.costUsd)) : '…'}</span>
      </div>
      <div className="stat">
        <span className="label">Requests today</span>
        <span className="value">{today.data ? requests.toLocaleString('en-US') : '…'}</span>
      </div>
      <div className="stat">
        <span className="label">Errors today</span>
        <span className={errors > 0 ? 'value error' : 'value'}>
          {today.data
            ? `${errors.toLocaleString('en-US')}${requests ? ` (${((errors / requests) * 100).toFixed(0)}%)` : ''}`
            : '…'}
        </span>
      </div>
    </div>
  );
}

/** The first page: the next step, today's numbers, providers, coding tools, the latest requests. */
export function OverviewPage() {
  const status = useRelayStore((state) => state.status);
  const requests = useRelayStore((state) => state.requests);
  const requestsLoaded = useRelayStore((state) => state.requestsLoaded);
  const tools = useAdminQuery<ToolsView>('/admin/tools');
  usePolling(async () => tools.reload(), toolsRefreshMs, true);
  const base = status?.endpoint ?? defaultBase;
  const noRequestsYet = requestsLoaded && requests.length === 0;
  const model = tools.data?.tools[0]?.working[0]?.name;
  return (
    <>
      <div className="page-head">
        <h2>Overview</h2>
      </div>
      {status && requestsLoaded && <NextStep status={status} requests={requests.length} tools={tools.data} />}
      <Headline />
      <section>
        <h3 className="section-title">Providers</h3>
        {status && <ProviderCards providers={status.providers} />}
      </section>
      <section>
        <h3 className="section-title">Coding tools</h3>
        <ToolConnections view={tools.data} error={tools.error} reload={tools.reload} />
      </section>
      <section>
        <h3 className="section-title">Requests</h3>
        {noRequestsYet ? (
          <>
            <p className="empty">
              No requests yet. Try a model in the Playground, or connect a tool and its requests show up here.
            </p>
            <GettingStarted base={base} clientKeys={status?.clientKeys} model={model} />
          </>
        ) : (
          <>
            <details className="connect">
              <summary>Use the relay from your own code</summary>
              <GettingStarted base={base} clientKeys={status?.clientKeys} model={model} />
            </details>
            {requestsLoaded && <RequestsTable requests={requests} />}
          </>
        )}
      </section>
    </>
  );
}
