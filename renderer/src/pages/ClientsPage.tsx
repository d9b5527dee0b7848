import { useState } from 'react';
import type {
  ClientKeyRow,
  ClientLimits,
  ClientSpend,
  ConfigEditResult,
  ToolsView,
} from '../api/admin-types.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { CopyButton } from '../components/CopyButton.js';
import { GettingStarted } from '../components/GettingStarted.js';
import { ToolConnections } from '../components/ToolConnections.js';
import { formatTime, formatUsd } from '../format.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { usePolling } from '../hooks/use-polling.js';
import { defaultBase, toolsRefreshMs } from './OverviewPage.js';
import { useRelayStore } from '../store/use-relay-store.js';

/**
 * Client keys for tools (created here, shown once, revocable), their budgets, coding tools connected
 * in one click (each with a key of its own), and setup snippets.
 */
export function ClientsPage() {
  const { post } = useAdminApi();
  const status = useRelayStore((state) => state.status);
  const { data, error, reload } = useAdminQuery<{
    keys: ClientKeyRow[];
    limits: ClientLimits[];
    spend: ClientSpend[];
  }>('/admin/clients');
  const created = useRelayStore((state) => state.createdClientKey);
  const rememberClientKey = useRelayStore((state) => state.rememberClientKey);
  const [revoking, setRevoking] = useState<string>();
  const spendOf = (name: string) => data?.spend.find((entry) => entry.name === name);
  const tools = useAdminQuery<ToolsView>('/admin/tools');
  usePolling(async () => tools.reload(), toolsRefreshMs, true);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [budget, setBudget] = useState({ name: '', perDay: '', perMonth: '', rpm: '' });
  const active = (data?.keys ?? []).filter((key) => key.revokedAt === undefined);
  const limitsOf = (keyName: string) => data?.limits.find((entry) => entry.name === keyName);
  const describeLimits = (limits: ClientLimits | undefined) =>
    [
      limits?.spend_per_day_usd !== undefined && `$${limits.spend_per_day_usd}/day`,
      limits?.spend_per_month_usd !== undefined && `$${limits.spend_per_month_usd}/month`,
      limits?.requests_per_minute !== undefined && `${limits.requests_per_minute} req/min`,
      limits?.models && `models: ${limits.models.join(', ')}`,
    ]
      .filter(Boolean)
      .join(' · ') || 'none';
  const editLimits = (keyName: string) => {
    const limits = limitsOf(keyName);
    const text = (value: number | undefined) => (value === undefined ? '' : String(value));
    setBudget({
      name: keyName,
      perDay: text(limits?.spend_per_day_usd),
      perMonth: text(limits?.spend_per_month_usd),
      rpm: text(limits?.requests_per_minute),
    });
  };
  const act = async (action: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await action() });
    } catch (failure) {
      setMessage({ ok: false, text: (failure as Error).message });
    }
    reload();
    tools.reload();
  };
  const create = () =>
    act(async () => {
      const reply = await post<{ key: string; record: ClientKeyRow }>('/admin/clients/create', { name });
      rememberClientKey({ name: reply.record.name, key: reply.key });
      setName('');
      return `Created '${reply.record.name}'. Copy the key now: it is not shown again.`;
    });
  const revoke = (keyName: string) =>
    act(async () => {
      await post('/admin/clients/revoke', { name: keyName });
      if (created?.name === keyName) rememberClientKey(undefined);
      return `Revoked '${keyName}'; tools using it get 401 from now on.`;
    });
  const saveBudget = () =>
    act(async () => {
      const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
      const reply = await post<ConfigEditResult>('/admin/clients/limits', {
        name: budget.name,
        spend_per_day_usd: number(budget.perDay),
        spend_per_month_usd: number(budget.perMonth),
        requests_per_minute: number(budget.rpm),
      });
      if (!reply.ok)
        throw new Error(reply.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
      return `Limits for '${budget.name}' saved to config.yaml.`;
    });
  return (
    <section>
      <div className="page-head">
        <h2>Clients</h2>
        <span className="muted">One key per tool or machine; only a hash is stored.</span>
      </div>
      {error && (
        <p className="banner" role="alert">
          {error}
        </p>
      )}
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <input
          aria-label="Client name"
          placeholder="laptop, claude-code, ci…"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create client key
        </button>
      </form>
      {created && (
        <div className="secret-once" data-testid="created-key">
          <strong>{created.name}</strong>: <code>{created.key}</code> <CopyButton text={created.key} />
          <p className="muted small">
            Shown once. Paste it into the tool now; revoke and re-create it if it is lost.
          </p>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {data && active.length === 0 ? (
        <p className="empty">No client keys yet. Create one for each tool, then follow the snippets below.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Client keys">
          <table data-testid="client-keys">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key starts</th>
                <th>Created</th>
                <th>Last used</th>
                <th className="number" title="UTC day and month, as budgets count them">
                  Spent today
                </th>
                <th className="number" title="UTC day and month, as budgets count them">
                  This month
                </th>
                <th>Limits</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {active.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{formatTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatTime(key.lastUsedAt) : 'never'}</td>
                  <td className="number" data-testid="spent-today">
                    {formatUsd(spendOf(key.name)?.todayUsd ?? 0)}
                  </td>
                  <td className="number">{formatUsd(spendOf(key.name)?.monthUsd ?? 0)}</td>
                  <td>{describeLimits(limitsOf(key.name))}</td>
                  <td>
                    <button type="button" onClick={() => editLimits(key.name)}>
                      Edit limits
                    </button>{' '}
                    <button type="button" onClick={() => setRevoking(key.name)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the key '${revoking}'?`}
          confirm="Revoke key"
          onAnswer={(yes) => {
            const keyName = revoking;
            setRevoking(undefined);
            if (yes) void revoke(keyName);
          }}
        >
          <p>
            Tools using it get 401 from the next request on. It cannot be brought back; create a new one
            instead.
          </p>
        </ConfirmDialog>
      )}
      <h3>Budgets and limits</h3>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void saveBudget();
        }}
      >
        <input
          aria-label="Budget client"
          list="client-names"
          placeholder="client name"
          value={budget.name}
          onChange={(event) => setBudget({ ...budget, name: event.target.value })}
        />
        <datalist id="client-names">
          {active.map((key) => (
            <option key={key.id} value={key.name} />
          ))}
        </datalist>
        <input
          aria-label="USD per day"
          placeholder="$ per day"
          inputMode="decimal"
          value={budget.perDay}
          onChange={(event) => setBudget({ ...budget, perDay: event.target.value })}
          size={8}
        />
        <input
          aria-label="USD per month"
          placeholder="$ per month"
          inputMode="decimal"
          value={budget.perMonth}
          onChange={(event) => setBudget({ ...budget, perMonth: event.target.value })}
          size={8}
        />
        <input
          aria-label="Requests per minute"
          placeholder="req/min"
          inputMode="numeric"
          value={budget.rpm}
          onChange={(event) => setBudget({ ...budget, rpm: event.target.value })}
          size={8}
        />
        <button type="submit" disabled={!budget.name.trim()}>
          Save limits
        </button>
      </form>
      <h3>Coding tools</h3>
      <p className="muted">
        Connect writes the tool’s own settings file with a client key of its own (named after the tool),
        keeping a backup; Disconnect gives the file back as it was.
      </p>
      <ToolConnections
        view={tools.data}
        error={tools.error}
        reload={() => {
          tools.reload();
          reload();
        }}
        detailed
      />
      <h3>Set up anything else</h3>
      <GettingStarted
        base={status?.endpoint ?? defaultBase}
        clientKeys={status?.clientKeys}
        model={tools.data?.tools[0]?.working[0]?.name}
        onClientsPage
      />
    </section>
  );
}
