import { RelayError } from '../canonical/errors.js';
import type { HistoryFilter } from '../store/search-history.js';

const statuses = new Set(['ok', 'error', 'client_closed']);
const caches = new Set(['miss', 'hit', 'hit-exact', 'hit-semantic', 'bypass']);

function time(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new RelayError('BAD_REQUEST', `${name} must be a time in milliseconds`, { param: name });
  return parsed;
}

/** The history filters from query parameters (`from`, `to`, `client`, `model`, `provider`, `status`, `cache`). */
export function parseHistoryFilter(url: URL): HistoryFilter {
  const text = (name: string) => url.searchParams.get(name) || undefined;
  const status = text('status');
  if (status !== undefined && !statuses.has(status))
    throw new RelayError('BAD_REQUEST', `status must be one of ${[...statuses].join(', ')}`, {
      param: 'status',
    });
  const cache = text('cache');
  if (cache !== undefined && !caches.has(cache))
    throw new RelayError('BAD_REQUEST', `cache must be one of ${[...caches].join(', ')}`, { param: 'cache' });
  return {
    from: time(url, 'from'),
    to: time(url, 'to'),
    client: text('client'),
    model: text('model'),
    provider: text('provider'),
    status: status as HistoryFilter['status'],
    cache: cache as HistoryFilter['cache'],
  };
}
