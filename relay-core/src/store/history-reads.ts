import { clientActivity } from './client-activity.js';
import { spendSince } from './client-spend.js';
import { exportRequests } from './export-history.js';
import { historyStats } from './history-stats.js';
import type { HistorySql } from './history-sql.js';
import type { HistoryReads } from './history-store.js';
import { keyUsage } from './key-usage.js';
import { measureModels } from './model-measures.js';
import { getRequest, listRequests, summarizeCost } from './query-history.js';
import { recentModels } from './recent-models.js';
import { repriceHistory } from './reprice-history.js';
import { historyFacets, searchHistory } from './search-history.js';

/** The history's queries over one engine's connection: the same SQL for SQLite and PostgreSQL. */
export function createHistoryReads(sql: HistorySql): HistoryReads {
  return {
    search: (filter, page) => searchHistory(sql, filter, page),
    listRequests: (query) => listRequests(sql, query),
    getRequest: (id) => getRequest(sql, id),
    summarizeCost: (query) => summarizeCost(sql, query),
    stats: (filter, bucketMs, now) => historyStats(sql, filter, bucketMs, now),
    facets: (since) => historyFacets(sql, since),
    exportRequests: (filter) => exportRequests(sql, filter),
    reprice: (filter, target) => repriceHistory(sql, filter, target),
    spendSince: (client, since, until = Date.now()) => spendSince(sql, client, since, until),
    measureModels: (range, keyOf) => measureModels(sql, range, keyOf),
    keyUsage: (since) => keyUsage(sql, since),
    recentModels: (since, limit) => recentModels(sql, since, limit),
    clientActivity: (names, since) => clientActivity(sql, names, since),
  };
}
