import { useEffect } from 'react';
import { AccessNotice } from './components/AccessNotice.js';
import { GettingStarted } from './components/GettingStarted.js';
import { Header } from './components/Header.js';
import { ProviderCards } from './components/ProviderCards.js';
import { RequestsTable } from './components/RequestsTable.js';
import { usePolling } from './hooks/use-polling.js';
import { useRelayStore } from './store/use-relay-store.js';

const requestsRefreshMs = 3_000;
const statusRefreshMs = 15_000;
/** Shown in the snippets until the status answers. */
const defaultBase = 'http://127.0.0.1:4141';

export function App() {
  const access = useRelayStore((state) => state.access);
  const hasToken = useRelayStore((state) => state.token !== undefined);
  const error = useRelayStore((state) => state.error);
  const status = useRelayStore((state) => state.status);
  const requests = useRelayStore((state) => state.requests);
  const requestsLoaded = useRelayStore((state) => state.requestsLoaded);
  const start = useRelayStore((state) => state.start);
  const loadStatus = useRelayStore((state) => state.loadStatus);
  const loadRequests = useRelayStore((state) => state.loadRequests);

  useEffect(() => void start(), [start]);
  // keep polling after a network error (the relay may come back), not after a 401
  const polling = hasToken && access !== 'unauthorized';
  usePolling(loadRequests, requestsRefreshMs, polling);
  usePolling(loadStatus, statusRefreshMs, polling);

  if (access === 'unauthorized') return <AccessNotice />;
  const base = status?.endpoint ?? defaultBase;
  const noRequestsYet = requestsLoaded && requests.length === 0;
  return (
    <>
      <Header endpoint={status ? `${status.endpoint}/v1` : undefined} version={status?.version} />
      <main className="page">
        {error && (
          <p className="banner" role="alert">
            {error}
          </p>
        )}
        <section>
          <h2>Providers</h2>
          {status && <ProviderCards providers={status.providers} />}
        </section>
        <section>
          <h2>Requests</h2>
          {noRequestsYet ? (
            <>
              <p className="empty">No requests yet. Connect a tool and its requests show up here.</p>
              <GettingStarted base={base} clientKeys={status?.clientKeys} />
            </>
          ) : (
            <>
              <details className="connect">
                <summary>Connect a tool</summary>
                <GettingStarted base={base} clientKeys={status?.clientKeys} />
              </details>
              {requestsLoaded && <RequestsTable requests={requests} />}
            </>
          )}
        </section>
      </main>
    </>
  );
}
