import { useState } from 'react';
import type { ConfigEditResult, ConfigView, ProviderStatus } from '../api/admin-types.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { useRelayStore } from '../store/use-relay-store.js';

const keySources: Record<string, string> = {
  keychain: 'OS keychain',
  env: 'environment variable',
  'encrypted-file': 'encrypted file',
  memory: 'memory (this run only)',
  'none needed': 'none needed',
};

type Outcome = { ok: boolean; message: string };

/** One provider: key (add, test, remove; only its last four characters are ever shown), region, base URL, health. */
function ProviderCard({ provider, onChanged }: { provider: ProviderStatus; onChanged(): void }) {
  const { post } = useAdminApi();
  const [key, setKey] = useState('');
  const [region, setRegion] = useState(provider.region);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl);
  const [outcome, setOutcome] = useState<Outcome>();
  const run = async (action: () => Promise<Outcome>) => {
    try {
      setOutcome(await action());
    } catch (error) {
      setOutcome({ ok: false, message: (error as Error).message });
    }
    onChanged();
  };
  const saveKey = () =>
    run(async () => {
      const reply = await post<{ source: string; keyHint: string }>('/admin/keys/set', {
        provider: provider.id,
        key,
      });
      setKey('');
      return {
        ok: true,
        message: `Key ${reply.keyHint} stored in the ${keySources[reply.source] ?? reply.source}.`,
      };
    });
  const removeKey = () =>
    run(async () => {
      const reply = await post<{ deleted: boolean; stillFrom?: string }>('/admin/keys/delete', {
        provider: provider.id,
      });
      if (reply.stillFrom)
        return {
          ok: false,
          message: `A key is still found in the ${keySources[reply.stillFrom] ?? reply.stillFrom}; remove it there.`,
        };
      return { ok: true, message: reply.deleted ? 'Key removed.' : 'There was no stored key.' };
    });
  const test = () => run(() => post<Outcome>('/admin/keys/test', { provider: provider.id }));
  const saveEndpoint = () =>
    run(async () => {
      const reply = await post<ConfigEditResult>('/admin/providers/update', {
        id: provider.id,
        region,
        base_url: baseUrl,
      });
      return reply.ok
        ? { ok: true, message: 'Saved to config.yaml.' }
        : { ok: false, message: reply.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') };
    });
  const remove = () =>
    run(async () => {
      const reply = await post<ConfigEditResult>('/admin/providers/remove', { id: provider.id });
      return reply.ok
        ? { ok: true, message: 'Removed from config.yaml.' }
        : { ok: false, message: reply.issues.map((issue) => issue.message).join('; ') };
    });
  const keyless = provider.keySource === 'none needed';
  return (
    <li className="card" data-testid="provider-admin-card" data-provider={provider.id}>
      <div className="card-title">
        <strong>{provider.id}</strong>
        {provider.displayName && <span className="muted">{provider.displayName}</span>}
        <span
          className={`badge ${provider.circuit === 'open' ? 'bad' : provider.circuit === 'half-open' ? 'warn' : 'ok'}`}
          title="Circuit breaker"
        >
          {provider.circuit === 'open'
            ? `circuit open (${provider.failingTargets})`
            : provider.circuit === 'half-open'
              ? 'probing'
              : 'healthy'}
        </span>
      </div>
      <p data-testid="provider-key-status">
        {provider.hasKey
          ? keyless
            ? 'No key needed'
            : `Key ${provider.keyHint ?? ''} from the ${keySources[provider.keySource ?? ''] ?? provider.keySource}`
          : 'No key yet'}
      </p>
      {!keyless && (
        <form
          className="toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            void saveKey();
          }}
        >
          <input
            type="password"
            autoComplete="off"
            aria-label={`API key for ${provider.id}`}
            placeholder={provider.hasKey ? 'Replace the key' : 'Paste the API key'}
            value={key}
            onChange={(event) => setKey(event.target.value)}
          />
          <button type="submit" disabled={!key.trim()}>
            Save key
          </button>
          <button type="button" onClick={() => void test()} disabled={!provider.hasKey}>
            Test
          </button>
          <button type="button" onClick={() => void removeKey()} disabled={!provider.hasKey}>
            Remove key
          </button>
        </form>
      )}
      <details>
        <summary>Region and base URL</summary>
        <div className="toolbar">
          <input
            aria-label={`Region of ${provider.id}`}
            value={region}
            onChange={(event) => setRegion(event.target.value)}
          />
          <input
            aria-label={`Base URL of ${provider.id}`}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            size={40}
          />
          <button type="button" onClick={() => void saveEndpoint()}>
            Save
          </button>
          <button type="button" onClick={() => void remove()}>
            Remove provider
          </button>
        </div>
      </details>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'error'} role="status" data-testid="provider-outcome">
          {outcome.message}
        </p>
      )}
    </li>
  );
}

/** Providers and their keys, plus a form to add a provider from a preset. */
export function ProvidersPage() {
  const status = useRelayStore((state) => state.status);
  const loadStatus = useRelayStore((state) => state.loadStatus);
  const { post } = useAdminApi();
  const { data: config } = useAdminQuery<ConfigView>('/admin/config');
  const [id, setId] = useState('');
  const [preset, setPreset] = useState('openai');
  const [baseUrl, setBaseUrl] = useState('');
  const [region, setRegion] = useState('');
  const [message, setMessage] = useState<Outcome>();
  const add = async () => {
    try {
      const reply = await post<ConfigEditResult>('/admin/providers/add', {
        id: id.trim() || preset,
        ...(id.trim() && id.trim() !== preset ? { preset } : {}),
        base_url: baseUrl,
        region,
      });
      setMessage(
        reply.ok
          ? { ok: true, message: `Added ${id.trim() || preset}. Now store its key below.` }
          : { ok: false, message: reply.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') },
      );
      if (reply.ok) {
        setId('');
        setBaseUrl('');
        setRegion('');
      }
    } catch (error) {
      setMessage({ ok: false, message: (error as Error).message });
    }
    await loadStatus();
  };
  return (
    <section>
      <div className="page-head">
        <h2>Providers &amp; keys</h2>
        <span className="muted">
          Keys go to the OS keychain (or an encrypted file where there is none); the UI only ever shows their
          last four characters.
        </span>
      </div>
      {status && status.providers.length === 0 && (
        <p className="empty">
          No providers yet. Add one below (OpenAI, Anthropic, DeepSeek, a local Ollama, …) and paste its key.
        </p>
      )}
      <ul className="cards wide">
        {status?.providers.map((provider) => (
          <ProviderCard key={provider.id} provider={provider} onChanged={() => void loadStatus()} />
        ))}
      </ul>
      <h3>Add a provider</h3>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label>
          Preset
          <select aria-label="Preset" value={preset} onChange={(event) => setPreset(event.target.value)}>
            {config?.presets.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Id
          <input
            aria-label="Provider id"
            placeholder={preset}
            value={id}
            onChange={(event) => setId(event.target.value)}
          />
        </label>
        <label>
          Base URL
          <input
            aria-label="Provider base URL"
            placeholder={config?.presets.find((entry) => entry.id === preset)?.baseUrl}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </label>
        <label>
          Region
          <input
            aria-label="Provider region"
            placeholder={config?.presets.find((entry) => entry.id === preset)?.region}
            value={region}
            onChange={(event) => setRegion(event.target.value)}
            size={8}
          />
        </label>
        <button type="submit" className="primary">
          Add provider
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.message}
        </p>
      )}
    </section>
  );
}
