import { useState } from 'react';
import type { ConnectReport, DisconnectReport, FileOutcome, ToolRow, ToolsView } from '../api/admin-types.js';
import { formatTime, formatUsd } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';
import { useRelayStore } from '../store/use-relay-store.js';
import { CopyButton } from './CopyButton.js';
import { keyPlaceholder } from './GettingStarted.js';

const actions: Record<FileOutcome['action'], string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'already up to date:',
  restored: 'restored',
  deleted: 'removed',
  'kept-edits': 'kept your edits in',
};

function describeFiles(files: FileOutcome[]): string {
  return files
    .map((file) => {
      const kept = file.kept?.length ? ` (left as you changed them: ${file.kept.join(', ')})` : '';
      return `${actions[file.action]} ${file.path}${kept}`;
    })
    .join('; ');
}

function StateBadge({ tool }: { tool: ToolRow }) {
  if (tool.state === 'not-connected') return <span className="badge">Not connected</span>;
  if (tool.state === 'changed') return <span className="badge warn">Changed since connecting</span>;
  if (tool.elsewhere) return <span className="badge warn">Connected to {tool.origin}</span>;
  return <span className="badge ok">Connected</span>;
}

function Activity({ tool }: { tool: ToolRow }) {
  if (tool.lastRequestAt === undefined) return <span className="muted">No requests yet</span>;
  return (
    <span data-testid="tool-activity" title="Today is the UTC day, as client budgets count it.">
      Last request {formatTime(tool.lastRequestAt)} · today {formatUsd(tool.spentTodayUsd)} (
      {tool.requestsToday} {tool.requestsToday === 1 ? 'request' : 'requests'})
    </span>
  );
}

/** One tool: its state, activity, and the button that connects or disconnects it. */
function ToolCard({ tool, detailed, onDone }: { tool: ToolRow; detailed: boolean; onDone: () => void }) {
  const { post } = useAdminApi();
  const created = useRelayStore((state) => state.createdClientKey);
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  // connecting again keeps the tool's model unless another is picked
  const current = tool.working.some((entry) => entry.name === tool.model) ? tool.model : undefined;
  const chosen = model || current || tool.working[0]?.name;
  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ ok: true, text: await action() });
    } catch (failure) {
      setMessage({ ok: false, text: (failure as Error).message });
    }
    setBusy(false);
    onDone();
  };
  const connect = () =>
    act(async () => {
      const report = await post<ConnectReport>('/admin/tools/connect', { tool: tool.id, model: chosen });
      return `Connected with model ${report.model}: ${describeFiles(report.files)}. ${report.notes.join(' ')}`;
    });
  const disconnect = () =>
    act(async () => {
      const report = await post<DisconnectReport>('/admin/tools/disconnect', { tool: tool.id });
      return `Disconnected: ${describeFiles(report.files)}.${report.keyRevoked ? ` Its client key '${tool.keyName}' is revoked.` : ''}`;
    });
  const connected = tool.state !== 'not-connected';
  return (
    <li className="card tool-card" data-testid="tool-card" aria-label={tool.displayName}>
      <div className="card-title">
        <strong>{tool.displayName}</strong>
        <StateBadge tool={tool} />
      </div>
      {connected && (
        <span>
          Model <code>{tool.model}</code>
        </span>
      )}
      <Activity tool={tool} />
      <span className="muted small">{tool.files.join(', ')}</span>
      <div className="tool-actions">
        {tool.working.length === 0 ? (
          <span className="muted small">Add a provider and its key first: no model works yet.</span>
        ) : (
          (!connected || tool.state === 'changed' || tool.elsewhere || detailed) && (
            <>
              {tool.working.length > 1 && (
                <select
                  aria-label={`Model for ${tool.displayName}`}
                  value={chosen}
                  onChange={(event) => setModel(event.target.value)}
                >
                  {tool.working.map((entry) => (
                    <option key={entry.name} value={entry.name}>
                      {entry.name}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                className={connected ? '' : 'primary'}
                disabled={busy}
                onClick={() => void connect()}
              >
                {connected ? 'Connect again' : 'Connect'}
              </button>
            </>
          )
        )}
        {connected && (
          <button type="button" disabled={busy} onClick={() => void disconnect()}>
            Disconnect
          </button>
        )}
      </div>
      {message && (
        <p className={message.ok ? 'ok small' : 'error small'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {detailed && tool.snippets.length > 0 && (
        <details>
          <summary>Set it up by hand</summary>
          {tool.snippets.map((snippet) => {
            const text = created ? snippet.text.replaceAll(keyPlaceholder, created.key) : snippet.text;
            return (
              <div className="snippet" key={snippet.path}>
                <div className="snippet-head">
                  <code>{snippet.path}</code>
                  <CopyButton text={text} />
                </div>
                <pre tabIndex={0}>
                  <code>{text}</code>
                </pre>
              </div>
            );
          })}
          <p className="muted small">
            {created
              ? `With the key '${created.name}' you just created.`
              : 'Replace <client key> with a key created above.'}
          </p>
        </details>
      )}
    </li>
  );
}

/**
 * Coding tools with a Connect or Disconnect button each: connecting writes the tool's own
 * settings file (kept as a backup first) with a client key of its own.
 */
export function ToolConnections({
  view,
  error,
  reload,
  detailed = false,
}: {
  view: ToolsView | undefined;
  error: string | undefined;
  reload: () => void;
  detailed?: boolean;
}) {
  if (error)
    return (
      <p className="banner" role="alert">
        {error}
      </p>
    );
  if (!view) return <p className="muted">Loading coding tools…</p>;
  return (
    <ul className="cards tools" data-testid="tool-connections">
      {view.tools.map((tool) => (
        <ToolCard key={tool.id} tool={tool} detailed={detailed} onDone={reload} />
      ))}
    </ul>
  );
}
