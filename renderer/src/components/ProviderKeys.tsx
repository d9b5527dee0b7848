import { useState } from 'react';
import type { ProviderKeys as ProviderKeysView } from '../api/admin-types.js';
import { formatUsd } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';
import { ConfirmDialog } from './ConfirmDialog.js';

type KeysOfProvider = ProviderKeysView['providers'][number];

const strategyWords: Record<KeysOfProvider['strategy'], string> = {
  fill_first: 'the first free key in order',
  round_robin: 'each key in turn',
  weighted: 'keys drawn by weight',
};

/**
 * A provider's named keys (a personal and a work key, a free tier and a paid one): each key's name,
 * last four characters, requests and spend over the period, and whether it is held after a rate
 * limit; add a named key, remove one. The keys themselves never reach the window.
 */
export function ProviderKeys({
  providerId,
  keys,
  onChanged,
}: {
  providerId: string;
  keys: KeysOfProvider | undefined;
  onChanged(): void;
}) {
  const { post } = useAdminApi();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const [removing, setRemoving] = useState<string>();
  const run = async (action: () => Promise<string>) => {
    try {
      setOutcome({ ok: true, message: await action() });
    } catch (error) {
      setOutcome({ ok: false, message: (error as Error).message });
    }
    onChanged();
  };
  const add = () =>
    run(async () => {
      const reply = await post<{ keyHint: string }>('/admin/keys/set', {
        provider: providerId,
        name: name.trim(),
        key: key.trim(),
      });
      setName('');
      setKey('');
      return `Key ${name.trim()} (${reply.keyHint}) stored.`;
    });
  const remove = (keyName: string) =>
    run(async () => {
      const reply = await post<{ deleted: boolean }>('/admin/keys/delete', {
        provider: providerId,
        name: keyName,
      });
      return reply.deleted ? `Key ${keyName} removed.` : `There was no stored key ${keyName}.`;
    });
  const list = keys?.keys ?? [];
  return (
    <details data-testid="provider-keys">
      <summary>
        Keys ({list.length}){list.length > 1 && keys ? ` · uses ${strategyWords[keys.strategy]}` : ''}
      </summary>
      {list.length > 0 && (
        // a list, not a table: a provider card is narrow
        <ul className="key-list" aria-label={`Keys of ${providerId}`}>
          {list.map((entry) => (
            <li key={entry.name} className="toolbar" data-testid="provider-key">
              <strong>{entry.name}</strong>
              <code>{entry.keyHint}</code>
              <span className="muted">
                {entry.requests} requests · {formatUsd(entry.costUsd)} in 30 days
              </span>
              <span className={entry.held ? 'badge warn' : 'badge ok'} title={entry.held}>
                {entry.held ? 'held' : 'free'}
              </span>
              {entry.source !== 'env' && (
                <button
                  type="button"
                  aria-label={`Remove the ${entry.name} key of ${providerId}`}
                  onClick={() => setRemoving(entry.name)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          aria-label={`Name of a key to add to ${providerId}`}
          placeholder="Name (work, free, …)"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <input
          type="password"
          autoComplete="off"
          aria-label={`Key to add to ${providerId}`}
          placeholder="Paste the API key"
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <button type="submit" disabled={!name.trim() || !key.trim()}>
          Add key
        </button>
      </form>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'error'} role="status">
          {outcome.message}
        </p>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove the ${removing} key of ${providerId}?`}
          confirm="Remove key"
          onAnswer={(yes) => {
            setRemoving(undefined);
            if (yes) void remove(removing);
          }}
        >
          <p>Its other keys carry on. The key itself cannot be shown again.</p>
        </ConfirmDialog>
      )}
    </details>
  );
}
