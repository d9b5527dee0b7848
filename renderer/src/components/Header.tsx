import { CopyButton } from './CopyButton.js';

/** The app bar: name, relay version and the endpoint to paste into tools. */
export function Header({ endpoint, version }: { endpoint: string | undefined; version: string | undefined }) {
  return (
    <header className="app-header">
      <h1>Switchboard</h1>
      {version && <span className="version">relay {version}</span>}
      <div className="endpoint-box">
        <span className="label">Endpoint</span>
        <code data-testid="endpoint">{endpoint ?? '…'}</code>
        {endpoint && <CopyButton text={endpoint} />}
      </div>
    </header>
  );
}
