import type { ToolsView } from '../api/admin-types.js';
import { GettingStarted } from '../components/GettingStarted.js';
import { ProviderCards } from '../components/ProviderCards.js';
import { RequestsTable } from '../components/RequestsTable.js';
import { ToolConnections } from '../components/ToolConnections.js';
import { useAdminQuery } from '../hooks/use-admin.js';
import { usePolling } from '../hooks/use-polling.js';
import { useRelayStore } from '../store/use-relay-store.js';

/** Shown in the snippets until the status answers. */
export const defaultBase = 'http://127.0.0.1:4141';
/** Each tool's last request and spend today, refreshed while the page is open. */
export const toolsRefreshMs = 15_000;

/** The first page: providers, coding tools with their Connect buttons, the latest requests. */
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
      <section>
        <h2>Providers</h2>
        {status && <ProviderCards providers={status.providers} />}
      </section>
      <section>
        <h2>Coding tools</h2>
        <ToolConnections view={tools.data} error={tools.error} reload={tools.reload} />
      </section>
      <section>
        <h2>Requests</h2>
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
