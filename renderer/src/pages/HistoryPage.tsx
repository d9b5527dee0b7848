import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryPage as HistoryAnswer, HistoryStats, RequestsPage } from '../api/admin-types.js';
import { CapturePanel } from '../history/CapturePanel.js';
import { historyColumns, loadColumnChoice, saveColumnChoice } from '../history/history-columns.js';
import { HistoryCharts } from '../history/HistoryCharts.js';
import { bucketFor, defaultFilters, filterParams } from '../history/history-query.js';
import type { HistoryFilters } from '../history/history-query.js';
import { HistoryTable } from '../history/HistoryTable.js';
import { RequestDrawer } from '../history/RequestDrawer.js';
import { toCsv } from '../history/to-csv.js';
import { WhatIfPanel } from '../history/WhatIfPanel.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { usePolling } from '../hooks/use-polling.js';

const exportLimit = 10_000;
/** How often new requests are looked for while auto-refresh is on. */
export const historyRefreshMs = 5_000;

/**
 * Every recorded request: filters, a virtualized table with a choice of columns, charts, what-if
 * re-pricing, CSV export, the capture settings, and a drawer per request. New requests come in by
 * themselves while auto-refresh is on and the table is scrolled to its top.
 */
export function HistoryPage() {
  const { get } = useAdminApi();
  const [filters, setFilters] = useState<HistoryFilters>(defaultFilters);
  const [open, setOpen] = useState<string>();
  const opener = useRef<HTMLElement | null>(null);
  const [total, setTotal] = useState<number>();
  const [exporting, setExporting] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [refreshCount, setRefreshCount] = useState(0);
  const [shown, setShown] = useState<string[]>(() => loadColumnChoice());
  const params = useMemo(() => filterParams(filters, now), [filters, now]);
  const query = params.toString();
  const bucketMs = bucketFor(filters.range);
  const stats = useAdminQuery<HistoryStats>(`/admin/history/stats?${query}&bucket_ms=${bucketMs}`);
  const { data: facets } = useAdminQuery<{ clients: string[]; models: string[]; providers: string[] }>(
    `/admin/history/facets?since=${params.get('from') ?? 0}`,
  );
  const onTotal = useCallback((value: number | undefined) => setTotal(value), []);
  // a cheap look at the newest request; the table and charts are read again only when it changed.
  // The first look is taken as the page opens, with the table's first read: taken at the first
  // tick, it would count a request sent in between as already shown.
  const newest = useRef<string | null>(null);
  const newestId = useCallback(
    () =>
      get<RequestsPage>('/admin/requests?limit=1').then(
        (latest) => latest.requests[0]?.id ?? '',
        () => undefined,
      ),
    [get],
  );
  useEffect(() => {
    void newestId().then((id) => {
      if (newest.current === null && id !== undefined) newest.current = id;
    });
  }, [newestId]);
  usePolling(
    async () => {
      if (open !== undefined) return;
      const id = await newestId();
      if (id === undefined || id === newest.current) return;
      const first = newest.current === null;
      newest.current = id;
      if (first) return;
      setRefreshCount((count) => count + 1);
      stats.reload();
    },
    historyRefreshMs,
    autoRefresh,
  );
  const set = (change: Partial<HistoryFilters>) => {
    setNow(Date.now());
    setFilters({ ...filters, ...change });
  };
  const columns = historyColumns.filter((column) => shown.includes(column.id));
  const toggleColumn = (id: string) => {
    const next = shown.includes(id) ? shown.filter((entry) => entry !== id) : [...shown, id];
    if (next.length === 0) return;
    setShown(next);
    saveColumnChoice(next);
  };
  const close = () => {
    setOpen(undefined);
    // back to the row it was opened from, or to the table when that row scrolled away
    const target = opener.current?.isConnected
      ? opener.current
      : document.querySelector<HTMLElement>('.history-scroll');
    target?.focus();
  };
  /** A filter menu: `anyText` for no filter, then options (a value, or a value and its text). */
  const select = (
    key: 'client' | 'model' | 'provider' | 'status' | 'cache',
    label: string,
    options: Array<string | [value: string, text: string]> = [],
    anyText = `All ${label.toLowerCase()}s`,
  ) => (
    <select aria-label={label} value={filters[key]} onChange={(event) => set({ [key]: event.target.value })}>
      <option value="">{anyText}</option>
      {options.map((option) => {
        const [value, text] = typeof option === 'string' ? [option, option] : option;
        return (
          <option key={value} value={value}>
            {text}
          </option>
        );
      })}
    </select>
  );
  const exportCsv = async () => {
    setExporting(true);
    try {
      const page = await get<HistoryAnswer>(`/admin/history?${query}&limit=${exportLimit}`);
      const url = URL.createObjectURL(new Blob([toCsv(page.rows)], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `switchboard-history-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="history">
      <div className="page-head">
        <h2>History</h2>
        <span className="muted" data-testid="history-total" aria-live="polite">
          {total === undefined ? 'Loading…' : `${total.toLocaleString('en-US')} requests`}
        </span>
      </div>
      <div className="toolbar" role="search">
        <select
          aria-label="Time range"
          value={filters.range}
          onChange={(event) => set({ range: event.target.value as HistoryFilters['range'] })}
        >
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="all">All time</option>
        </select>
        {select('client', 'Client', facets?.clients)}
        {select('model', 'Model', facets?.models)}
        {select('provider', 'Provider', facets?.providers)}
        {select('status', 'Status', ['ok', 'error', ['client_closed', 'client closed']], 'Any status')}
        {select('cache', 'Cache', ['hit', 'miss', 'bypass'], 'Any cache')}
        <button type="button" onClick={() => set({})}>
          Refresh
        </button>
        <label className="check">
          <input type="checkbox" checked={autoRefresh} onChange={() => setAutoRefresh(!autoRefresh)} />{' '}
          Auto-refresh
        </label>
        <details className="column-choice">
          <summary>Columns</summary>
          <fieldset>
            <legend>Columns shown</legend>
            {historyColumns.map((column) => (
              <label key={column.id} className="check">
                <input
                  type="checkbox"
                  aria-label={`Show the ${column.label} column`}
                  checked={shown.includes(column.id)}
                  disabled={shown.length === 1 && shown.includes(column.id)}
                  onChange={() => toggleColumn(column.id)}
                />{' '}
                {column.label}
              </label>
            ))}
          </fieldset>
        </details>
        <button type="button" disabled={exporting || !total} onClick={() => void exportCsv()}>
          Export CSV{total && total > exportLimit ? ` (newest ${exportLimit.toLocaleString('en-US')})` : ''}
        </button>
      </div>
      {total === 0 ? (
        <p className="empty">
          No requests match. Widen the time range or clear a filter; new here? Send a request from the
          Playground, or connect a tool (Clients page).
        </p>
      ) : null}
      <HistoryTable
        query={query}
        columns={columns}
        refreshCount={refreshCount}
        onTotal={onTotal}
        onOpen={(id, element) => {
          opener.current = element;
          setOpen(id);
        }}
      />
      {stats.data && (
        <HistoryCharts
          stats={stats.data}
          from={params.has('from') ? Number(params.get('from')) : undefined}
          now={Math.max(now, Date.now() - 1)}
        />
      )}
      <WhatIfPanel query={query} />
      <CapturePanel />
      {open && <RequestDrawer id={open} onClose={close} />}
    </section>
  );
}
