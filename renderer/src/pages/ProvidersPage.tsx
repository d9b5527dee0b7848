import { useMemo, useState } from 'react';
import type {
  ConfigEditResult,
  ConfigIssue,
  ConfigView,
  DiscoverReport,
  KeyTestResult,
  ProviderDiscovery,
  ProviderKeys as ProviderKeysView,
  ProviderStatus,
} from '../api/admin-types.js';
import { ProviderKeys } from '../components/ProviderKeys.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ImportPanel } from '../components/ImportPanel.js';
import { RegionPicker } from '../components/RegionPicker.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { useRelayStore } from '../store/use-relay-store.js';

const keySources: Record<string, string> = {
  keychain: 'OS keychain',
  env: 'environment variable',
  'encrypted-file': 'encrypted file',
  memory: 'memory (this run only)',
  'none needed': 'none needed',
};

/** What the health badge says after a key test that failed, by what stood in the way. */
const testWords: Record<KeyTestResult['kind'], string> = {
  ok: 'key works',
  offline: 'offline',
  dns: 'host not found',
  refused: 'unreachable',
  timeout: 'no answer',
  tls: 'TLS failed',
  rejected: 'key refused',
  'wrong-url': 'wrong base URL',
  'rate-limited': 'rate limited',
  'server-error': 'provider failing',
  'no-key': 'no key',
  unsupported: 'not tested',
};

type Outcome = { ok: boolean; message: string };

/** The provider's health in one badge: an open circuit, else the last key test, else the circuit. */
function HealthBadge({ provider }: { provider: ProviderStatus }) {
  const test = provider.keyTest;
  if (provider.circuit === 'open')
    return (
      <span
        className="badge bad"
        title="Circuit breaker: requests skip its failing models"
        data-testid="provider-health"
      >
        circuit open ({provider.failingTargets})
      </span>
    );
  if (test && !test.ok && test.kind !== 'unsupported')
    return (
      <span className="badge bad" title={test.message} data-testid="provider-health">
        {testWords[test.kind]}
      </span>
    );
  if (provider.circuit === 'half-open')
    return (
      <span className="badge warn" data-testid="provider-health">
        probing
      </span>
    );
  return (
    <span
      className="badge ok"
      title={test?.ok ? test.message : 'No failures recorded'}
      data-testid="provider-health"
    >
      {test?.ok ? 'key works' : 'healthy'}
    </span>
  );
}

/** What a provider's model list said at its last look, in one line. */
function DiscoveryLine({ discovery }: { discovery?: ProviderDiscovery }) {
  if (!discovery || discovery.state === 'no-key') return null;
  const at = new Date(discovery.checkedAt).toLocaleTimeString();
  const words: Record<ProviderDiscovery['state'], string> = {
    listed: `Lists ${discovery.models} model${discovery.models === 1 ? '' : 's'}${discovery.notInCatalog > 0 ? ` (${discovery.notInCatalog} not in the catalog: served, unpriced)` : ''}`,
    down: `Down: ${discovery.error ?? 'no answer'}; its models come back when it answers`,
    failed: `Model list refused: ${discovery.error ?? 'unexpected answer'}`,
    'no-key': '',
    'no-list': 'Its API has no model list the relay reads',
  };
  return (
    <p
      className={discovery.state === 'down' || discovery.state === 'failed' ? 'error' : 'muted'}
      data-testid="provider-discovery"
      data-state={discovery.state}
    >
      {words[discovery.state]} <span className="muted">(checked {at})</span>
    </p>
  );
}

/** One provider: key (add, test, remove; only its last four characters are ever shown), region, base URL, health. */
function ProviderCard({
  provider,
  keys,
  regions,
  onChanged,
}: {
  provider: ProviderStatus;
  keys: ProviderKeysView['providers'][number] | undefined;
  regions: string[];
  onChanged(): void;
}) {
  const { post } = useAdminApi();
  const [key, setKey] = useState('');
  const [region, setRegion] = useState(provider.region);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl);
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirming, setConfirming] = useState<'key' | 'provider'>();
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
  const test = () =>
    run(async () => {
      const result = await post<KeyTestResult>('/admin/keys/test', { provider: provider.id });
      return { ok: result.ok, message: result.ok ? result.message : `Test failed: ${result.message}.` };
    });
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
        <HealthBadge provider={provider} />
      </div>
      <p data-testid="provider-key-status">
        {provider.hasKey
          ? keyless
            ? 'No key needed'
            : `Key ${provider.keyHint ?? ''} from the ${keySources[provider.keySource ?? ''] ?? provider.keySource}` +
              ((provider.keyNames?.length ?? 0) > 1 ? `, and ${provider.keyNames!.length - 1} more` : '')
          : 'No key yet'}
      </p>
      <DiscoveryLine discovery={provider.discovery} />
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
          <button type="button" onClick={() => setConfirming('key')} disabled={!provider.hasKey}>
            Remove key
          </button>
        </form>
      )}
      {!keyless && <ProviderKeys providerId={provider.id} keys={keys} onChanged={onChanged} />}
      <details>
        <summary>Region and base URL</summary>
        <div className="toolbar">
          <RegionPicker
            label={`Region of ${provider.id}`}
            value={region}
            regions={regions}
            onChange={setRegion}
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
          <button type="button" onClick={() => setConfirming('provider')}>
            Remove provider
          </button>
        </div>
      </details>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'error'} role="status" data-testid="provider-outcome">
          {outcome.message}
        </p>
      )}
      {confirming === 'key' && (
        <ConfirmDialog
          title={`Remove the key of ${provider.id}?`}
          confirm="Remove key"
          onAnswer={(yes) => {
            setConfirming(undefined);
            if (yes) void removeKey();
          }}
        >
          <p>
            Requests to {provider.id} fail until a key is stored again. The key itself cannot be shown again.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'provider' && (
        <ConfirmDialog
          title={`Remove ${provider.id} from config.yaml?`}
          confirm="Remove provider"
          onAnswer={(yes) => {
            setConfirming(undefined);
            if (yes) void remove();
          }}
        >
          <p>
            Routes and tools that name {provider.id}/… stop working. Its stored key stays in the keychain
            until you remove it.
          </p>
        </ConfirmDialog>
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
  const { data: keys, reload: reloadKeys } = useAdminQuery<ProviderKeysView>('/admin/keys');
  const [id, setId] = useState('');
  const [preset, setPreset] = useState('openai');
  const [baseUrl, setBaseUrl] = useState('');
  const [region, setRegion] = useState('');
  const [message, setMessage] = useState<Outcome>();
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const regions = useMemo(
    () => [
      ...(config?.presets ?? []).map((entry) => entry.region),
      ...(status?.providers ?? []).map((provider) => provider.region),
    ],
    [config, status],
  );
  const chosen = config?.presets.find((entry) => entry.id === preset);
  const [discovering, setDiscovering] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const discover = async () => {
    setDiscovering({ busy: true, message: 'Asking each provider for its models…' });
    try {
      const report = await post<DiscoverReport>('/admin/models/discover', {});
      const listed = report.providers.filter((provider) => provider.state === 'listed');
      const down = report.providers.filter((provider) => provider.state === 'down');
      setDiscovering({
        busy: false,
        message:
          `${listed.length} of ${report.providers.length} provider(s) listed their models` +
          (down.length > 0 ? `; down: ${down.map((provider) => provider.id).join(', ')}` : ''),
      });
    } catch (error) {
      setDiscovering({ busy: false, message: (error as Error).message });
    }
    await loadStatus();
  };
  const add = async () => {
    const newId = id.trim() || preset;
    try {
      const reply = await post<ConfigEditResult>('/admin/providers/add', {
        id: newId,
        ...(newId !== preset ? { preset } : {}),
        base_url: baseUrl,
        region,
      });
      if (reply.ok) {
        setIssues([]);
        setMessage({ ok: true, message: `Added ${newId}. Now store its key below.` });
        setId('');
        setBaseUrl('');
        setRegion('');
      } else {
        setIssues(reply.issues);
        setMessage(undefined);
      }
    } catch (error) {
      setMessage({ ok: false, message: (error as Error).message });
    }
    await loadStatus();
  };
  const issueAt = (...paths: string[]) =>
    issues
      .filter((issue) => paths.some((path) => issue.path === path || issue.path.endsWith(`.${path}`)))
      .map((issue) => (
        <span key={issue.message} className="error" role="alert">
          {issue.message}
        </span>
      ));
  const placed = ['id', 'base_url', 'region'];
  const others = issues.filter(
    (issue) => !placed.some((path) => issue.path === path || issue.path.endsWith(`.${path}`)),
  );
  return (
    <section>
      <div className="page-head">
        <h2>Providers &amp; keys</h2>
        <span className="muted">
          Keys go to the OS keychain (or an encrypted file where there is none); the UI only ever shows their
          last four characters.
        </span>
        <button
          type="button"
          onClick={() => void discover()}
          disabled={discovering.busy || !status?.providers.length}
        >
          Discover models
        </button>
        {discovering.message && (
          <span className="muted" role="status" data-testid="discover-status">
            {discovering.message}
          </span>
        )}
      </div>
      {status && status.providers.length === 0 && (
        <p className="empty">
          No providers yet. Add one below (OpenAI, Anthropic, DeepSeek, a local Ollama, …) and paste its key.
        </p>
      )}
      <ul className="cards wide">
        {status?.providers.map((provider) => (
          <ProviderCard
            key={provider.id}
            provider={provider}
            keys={keys?.providers.find((entry) => entry.id === provider.id)}
            regions={regions}
            onChanged={() => {
              void loadStatus();
              reloadKeys();
            }}
          />
        ))}
      </ul>
      <h3>Add a provider</h3>
      <form
        className="toolbar add-provider"
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
            aria-invalid={issues.some((issue) => issue.path === 'id' || issue.path.endsWith('.id'))}
            onChange={(event) => setId(event.target.value)}
          />
          {issueAt('id')}
        </label>
        <label>
          Base URL
          <input
            aria-label="Provider base URL"
            placeholder={chosen?.baseUrl}
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
          />
          {issueAt('base_url')}
        </label>
        <label>
          Region
          <RegionPicker
            label="Provider region"
            value={region}
            regions={regions}
            placeholder={chosen?.region}
            onChange={setRegion}
          />
          {issueAt('region')}
        </label>
        <button type="submit" className="primary">
          Add provider
        </button>
      </form>
      {others.length > 0 && (
        <ul className="issues" role="alert">
          {others.map((issue) => (
            <li key={`${issue.path}-${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.message}
        </p>
      )}
      <ImportPanel onApplied={() => void loadStatus()} />
    </section>
  );
}
