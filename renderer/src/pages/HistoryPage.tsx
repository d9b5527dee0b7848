import { useCallback, useMemo, useState } from 'react';
import type { HistoryPage as HistoryAnswer, HistoryStats } from '../api/admin-types.js';
import { HistoryCharts } from '../history/HistoryCharts.js';
import { defaultFilters, filterParams } from '../history/history-query.js';
import type { HistoryFilters } from '../history/history-query.js';
import { HistoryTable } from '../history/HistoryTable.js';
import { RequestDrawer } from '../history/RequestDrawer.js';
import { toCsv } from '../history/to-csv.js';
import { WhatIfPanel } from '../history/WhatIfPanel.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';

const exportLimit = 10_000;

/** Every recorded request: filters, a virtualized table, charts, what-if re-pricing and CSV export. */
export function HistoryPage() {
  const { get } = useAdminApi();
  const [filters, setFilters] = useState<HistoryFilters>(defaultFilters);
  const [openId, setOpenId] = useState<string>();
  const [total, setTotal] = useState<number>();
  const [exporting, setExporting] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const params = useMemo(() => filterParams(filters, now), [filters, now]);
  const query = params.toString();
  const { data: stats } = useAdminQuery<HistoryStats>(`/admin/history/stats?${query}`);
  const { data: facets } = useAdminQuery<{ clients: string[]; models: string[]; providers: string[] }>(
    `/admin/history/facets?since=${params.get('from') ?? 0}`,
  );
  const onTotal = useCallback((value: number | undefined) => setTotal(value), []);
  const set = (change: Partial<HistoryFilters>) => {
    setNow(Date.now());
    setFilters({ ...filters, ...change });
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
        <span className="muted" data-testid="history-total">
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
      <HistoryTable query={query} onTotal={onTotal} onOpen={setOpenId} />
      {stats && <HistoryCharts stats={stats} />}
      <WhatIfPanel from={params.has('from') ? Number(params.get('from')) : undefined} />
      {openId && <RequestDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </section>
  );
}
