import { useEffect, useRef } from 'react';
import { AccessNotice } from './components/AccessNotice.js';
import { ConfirmDialog } from './components/ConfirmDialog.js';
import { DemoBanner } from './components/DemoBanner.js';
import { Header } from './components/Header.js';
import { NavBar } from './components/NavBar.js';
import { StoreNotice } from './components/StoreNotice.js';
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

/** Moves focus to a page's heading when the page changes, so keyboard and screen reader users land on it. */
function useFocusOnPageChange(page: string) {
  const main = useRef<HTMLElement>(null);
  const shown = useRef(page);
  useEffect(() => {
    if (shown.current === page) return;
    shown.current = page;
    const heading = main.current?.querySelector<HTMLElement>('h2');
    const target = heading ?? main.current;
    if (!target) return;
    target.tabIndex = -1;
    target.focus({ preventScroll: false });
  }, [page]);
  return main;
}

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
  const leaveGuard = useRelayStore((state) => state.leaveGuard);
  const pendingPage = useRelayStore((state) => state.pendingPage);
  const answerLeave = useRelayStore((state) => state.answerLeave);
  const main = useFocusOnPageChange(page);

  useEffect(() => void start(), [start]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (leaveGuard === undefined) return;
    // closing the tab or reloading asks too
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [leaveGuard]);
  // keep polling after a network error (the relay may come back), not after a 401
  const polling = hasToken && access !== 'unauthorized';
  usePolling(loadRequests, requestsRefreshMs, polling && page === 'overview');
  usePolling(loadStatus, statusRefreshMs, polling);

  if (access === 'unauthorized') return <AccessNotice />;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="top">
        <Header endpoint={status ? `${status.endpoint}/v1` : undefined} version={status?.version} />
        <NavBar />
      </div>
      <main className="page" id="main" ref={main} tabIndex={-1}>
        {status?.demoProviders && <DemoBanner providers={status.demoProviders} />}
        <StoreNotice status={status} />
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
        {/* the pages load with the admin token: asked without it, each would get a 401 first */}
        {hasToken && (
          <>
            {page === 'overview' && <OverviewPage />}
            {page === 'models' && <ModelsPage />}
            {page === 'playground' && <PlaygroundPage />}
            {page === 'routing' && <RoutingPage />}
            {page === 'history' && <HistoryPage />}
            {page === 'providers' && <ProvidersPage />}
            {page === 'clients' && <ClientsPage />}
          </>
        )}
      </main>
      {pendingPage !== undefined && leaveGuard !== undefined && (
        <ConfirmDialog
          title="Leave without saving?"
          confirm="Leave without saving"
          cancel="Stay"
          onAnswer={answerLeave}
        >
          <p>{leaveGuard}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
