/** The history page's filters, as the user set them. */
export interface HistoryFilters {
  /** Look-back window: '1h', '24h', '7d', '30d' or 'all'. */
  range: '1h' | '24h' | '7d' | '30d' | 'all';
  client: string;
  model: string;
  provider: string;
  status: string;
  cache: string;
}

export const defaultFilters: HistoryFilters = {
  range: '7d',
  client: '',
  model: '',
  provider: '',
  status: '',
  cache: '',
};

const rangeMs: Record<Exclude<HistoryFilters['range'], 'all'>, number> = {
  '1h': 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

/**
 * The admin API's query string for filters. `now` is rounded down to the minute so that repeated
 * renders ask the same URL (and the relay's answers can be reused).
 */
export function filterParams(filters: HistoryFilters, now: number): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range !== 'all')
    params.set('from', String(Math.floor(now / 60_000) * 60_000 - rangeMs[filters.range]));
  for (const key of ['client', 'model', 'provider', 'status', 'cache'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  return params;
}

/** The charts' bucket for a range: five minutes for the last hour, an hour for the last day, else a day. */
export function bucketFor(range: HistoryFilters['range']): number {
  if (range === '1h') return 5 * 60_000;
  if (range === '24h') return 3600_000;
  return 24 * 3600_000;
}
