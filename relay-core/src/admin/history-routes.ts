import type { AdminRoute } from '../server/create-server.js';
import { RelayError } from '../canonical/errors.js';
import { windowStart } from '../store/model-measures.js';
import { measuresByProvider, parseMeasureWindow } from './catalog-measures.js';
import type { AdminDeps } from './admin-deps.js';
import { parseHistoryFilter } from './parse-history-filter.js';

const dayMs = 24 * 3600 * 1000;

/** The history page: filtered pages of requests, one request's attempts, charts, filter menus. */
export function createHistoryRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  return {
    'GET /admin/history': (url) => {
      const number = (name: string, fallback: number) => {
        const value = Number(url.searchParams.get(name) ?? fallback);
        if (!Number.isFinite(value) || value < 0)
          throw new RelayError('BAD_REQUEST', `${name} must be a number of rows`, { param: name });
        return value;
      };
      return deps.history.search(parseHistoryFilter(url), {
        offset: number('offset', 0),
        limit: number('limit', 100),
      });
    },
    'GET /admin/history/request': async (url) => {
      const id = url.searchParams.get('id') ?? '';
      const request = await deps.history.getRequest(id);
      if (!request) throw new RelayError('NOT_FOUND', `no recorded request '${id}'`, { param: 'id' });
      return { ...request, captured: deps.captured?.has(id) ?? false };
    },
    'GET /admin/history/bodies': (url) => {
      const id = url.searchParams.get('id') ?? '';
      const found = deps.captured?.get(id);
      if (!found)
        throw new RelayError('NOT_FOUND', `no captured bodies for request '${id}'`, { param: 'id' });
      return found;
    },
    // one request's bodies ({id}), or every captured body ({all: true})
    'POST /admin/history/bodies/delete': (_url, body) => {
      const { id, all } = (body ?? {}) as { id?: unknown; all?: unknown };
      if (all !== true && (typeof id !== 'string' || id === ''))
        throw new RelayError('BAD_REQUEST', 'send the request id, or all: true', { param: 'id' });
      return { deleted: deps.captured?.delete(all === true ? undefined : (id as string)) ?? 0 };
    },
    'GET /admin/history/stats': (url) => {
      const bucket = Number(url.searchParams.get('bucket_ms') ?? dayMs);
      if (!Number.isFinite(bucket) || bucket <= 0)
        throw new RelayError('BAD_REQUEST', 'bucket_ms must be a number of milliseconds', {
          param: 'bucket_ms',
        });
      return deps.history.stats(parseHistoryFilter(url), bucket);
    },
    // each model's own figures per provider over a window, most used first (the model browser's columns)
    'GET /admin/history/models': async (url) => {
      const window = parseMeasureWindow(url);
      const now = Date.now();
      return {
        window,
        from: windowStart(window, now) ?? null,
        models: await measuresByProvider(deps, window, now),
      };
    },
    'GET /admin/history/facets': (url) => {
      const since = Number(url.searchParams.get('since') ?? Date.now() - 30 * dayMs);
      return deps.history.facets(Number.isFinite(since) ? since : 0);
    },
  };
}
