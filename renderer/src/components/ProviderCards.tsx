import type { ProviderStatus } from '../api/admin-types.js';

const keySources: Record<string, string> = {
  keychain: 'OS keychain',
  env: 'environment variable',
  'encrypted-file': 'encrypted file (no keychain on this system)',
  memory: 'memory, this run only',
};

/** Where the key comes from; the key itself never reaches the UI. */
function keyLabel(provider: ProviderStatus): string {
  if (!provider.hasKey) return 'No key';
  if (provider.keySource === 'none needed') return 'No key needed';
  const source = provider.keySource ? (keySources[provider.keySource] ?? provider.keySource) : 'unknown';
  return `Key from ${source}`;
}

/** One card per configured provider, in config order. */
export function ProviderCards({ providers }: { providers: ProviderStatus[] }) {
  if (providers.length === 0) {
    return (
      <p className="empty">
        No providers yet. Add one to <code>config.yaml</code> in the data folder (for example{' '}
        <code>- id: openai</code> under <code>providers:</code>), store its key with{' '}
        <code>npm run relay -- secrets set openai</code>, or try everything offline with{' '}
        <code>npm run relay -- --demo</code>.
      </p>
    );
  }
  return (
    <ul className="cards">
      {providers.map((provider) => (
        <li className="card" key={provider.id} data-testid="provider-card">
          <div className="card-title">
            <strong>{provider.id}</strong>
            {provider.preset !== provider.id && <span className="tag">{provider.preset}</span>}
            <span className="tag">{provider.region}</span>
          </div>
          <span className="muted url">{provider.baseUrl}</span>
          <span className={provider.hasKey ? 'key ok' : 'key missing'} data-testid="provider-key">
            {keyLabel(provider)}
          </span>
          {!provider.hasKey && <code className="hint">npm run relay -- secrets set {provider.id}</code>}
        </li>
      ))}
    </ul>
  );
}
