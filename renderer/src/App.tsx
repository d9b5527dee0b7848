import { useEffect } from 'react';
import { AccessNotice } from './components/AccessNotice.js';
import { Header } from './components/Header.js';
import { NavBar } from './components/NavBar.js';
import { usePolling } from './hooks/use-polling.js';
import { ClientsPage } from './pages/ClientsPage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { PlaygroundPage } from './pages/PlaygroundPage.js';
import { ProvidersPage } from './pages/ProvidersPage.js';
import { RoutingPage } from './pages/RoutingPage.js';
import { useRelayStore } from './store/use-relay-store.js';

const requestsRefreshMs = 3_000;
const statusRefreshMs = 15_000;

export function App() {
  const access = useRelayStore((state) => state.access);
  const hasToken = useRelayStore((state) => state.token !== undefined);
  const error = useRelayStore((state) => state.error);
  const status = useRelayStore((state) => state.status);
  const page = useRelayStore((state) => state.page);
  const theme = useRelayStore((state) => state.theme);
  const start = useRelayStore((state) => state.start);
  const loadStatus = useRelayStore((state) => state.loadStatus);
  const loadRequests = useRelayStore((state) => state.loadRequests);

  useEffect(() => void start(), [start]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // keep polling after a network error (the relay may come back), not after a 401
  const polling = hasToken && access !== 'unauthorized';
  usePolling(loadRequests, requestsRefreshMs, polling && page === 'overview');
  usePolling(loadStatus, statusRefreshMs, polling);

  if (access === 'unauthorized') return <AccessNotice />;
  return (
    <>
      <div className="top">
        <Header endpoint={status ? `${status.endpoint}/v1` : undefined} version={status?.version} />
        <NavBar />
      </div>
      <main className="page">
        {error && (
          <p className="banner" role="alert">
            {error}
          </p>
        )}
        {status?.configProblem && (
          <p className="banner" role="alert" data-testid="config-problem">
            config.yaml was not applied: {status.configProblem.message}. The last good config is in force.
          </p>
        )}
        {page === 'overview' && <OverviewPage />}
        {page === 'models' && <ModelsPage />}
        {page === 'playground' && <PlaygroundPage />}
        {page === 'routing' && <RoutingPage />}
        {page === 'history' && <HistoryPage />}
        {page === 'providers' && <ProvidersPage />}
        {page === 'clients' && <ClientsPage />}
      </main>
    </>
  );
}
