import { useEffect } from 'react';
import { RequestsTable } from './RequestsTable.js';
import { useRelayStore } from './use-relay-store.js';

const refreshMs = 3000;

export function App() {
  const { status, requests, error, unauthorized, loadStatus, loadRequests } = useRelayStore();
  useEffect(() => {
    void loadStatus();
    void loadRequests();
    const timer = setInterval(() => void loadRequests(), refreshMs);
    return () => clearInterval(timer);
  }, [loadStatus, loadRequests]);

  if (unauthorized) {
    return (
      <main>
        <h1>Switchboard</h1>
        <p className="notice">
          Open the link printed by <code>npm run relay</code>: it carries the admin token this page needs.
        </p>
      </main>
    );
  }
  const endpoint = status ? `${status.endpoint}/v1` : '';
  return (
    <main>
      <header>
        <h1>Switchboard</h1>
        <span className="endpoint" data-testid="endpoint">
          {endpoint}
        </span>
        {endpoint && (
          <button type="button" onClick={() => void navigator.clipboard.writeText(endpoint)}>
            Copy
          </button>
        )}
      </header>
      {error && <p className="notice">{error}</p>}
      <section>
        <h2>Providers</h2>
        {status && status.providers.length === 0 && (
          <p className="empty">
            No providers yet. Add one to <code>config.yaml</code> (for example <code>- id: openai</code>) and
            store its key with <code>npm run relay -- secrets set openai</code>, or start with{' '}
            <code>--demo</code>.
          </p>
        )}
        <div className="cards">
          {status?.providers.map((provider) => (
            <div className="card" key={provider.id} data-testid="provider-card">
              <strong>{provider.id}</strong>
              <span>{provider.baseUrl}</span>
              <span>region {provider.region}</span>
              <span className={provider.hasKey ? 'ok' : 'missing'}>
                {provider.hasKey ? `key: ${provider.keySource}` : 'no key'}
              </span>
            </div>
          ))}
        </div>
      </section>
      <section>
        <h2>Getting started</h2>
        <pre>{`OPENAI_BASE_URL=${endpoint || 'http://127.0.0.1:4141/v1'} OPENAI_API_KEY=<client key>
ANTHROPIC_BASE_URL=${status?.endpoint ?? 'http://127.0.0.1:4141'} ANTHROPIC_API_KEY=<client key>   # Claude Code
npm run relay -- keys create <name>   # a client key`}</pre>
      </section>
      <section>
        <h2>Requests</h2>
        <RequestsTable requests={requests} />
      </section>
    </main>
  );
}
