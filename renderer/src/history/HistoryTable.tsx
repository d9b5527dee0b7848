import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryPage, HistoryRow } from '../api/admin-types.js';
import { formatCost, formatDuration, formatStatus, formatTime, formatTokens } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';
import { virtualWindow } from './virtual-window.js';

const rowHeight = 30;
const pageSize = 200;

/**
 * The request history as a virtualized table: only the rows in view exist in the DOM, and rows
 * are fetched in pages of 200 as they scroll into view, so a million rows scroll smoothly.
 */
export function HistoryTable({
  query,
  onTotal,
  onOpen,
}: {
  /** The filter's query string; a new one starts over from the newest request. */
  query: string;
  onTotal(total: number | undefined): void;
  onOpen(id: string): void;
}) {
  const { get } = useAdminApi();
  const [total, setTotal] = useState<number>();
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [, setLoaded] = useState(0);
  const pages = useRef(new Map<number, HistoryRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const asked = generation.current;
      void get<HistoryPage>(`/admin/history?${query}&offset=${page * pageSize}&limit=${pageSize}`)
        .then((answer) => {
          if (asked !== generation.current) return;
          pages.current.set(page, answer.rows);
          setTotal(answer.total);
          setLoaded((count) => count + 1);
        })
        .catch(() => undefined)
        .finally(() => pending.current.delete(page));
    },
    [get, query],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current.clear();
    pending.current.clear();
    setTotal(undefined);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    load(0);
  }, [load]);
  useEffect(() => onTotal(total), [total, onTotal]);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const view = virtualWindow({ total: total ?? 0, rowHeight, viewport, scrollTop });
  useEffect(() => {
    if (total === undefined) return;
    const firstPage = Math.floor(view.first / pageSize);
    const lastPage = Math.floor((view.first + view.count) / pageSize);
    for (let page = firstPage; page <= lastPage; page++) load(page);
  }, [view.first, view.count, total, load]);

  const rows: Array<{ index: number; row?: HistoryRow }> = [];
  for (let index = view.first; index < view.first + view.count; index++) {
    rows.push({ index, row: pages.current.get(Math.floor(index / pageSize))?.[index % pageSize] });
  }
  const now = Date.now();
  return (
    <div className="history-table" data-testid="history-table" role="table" aria-rowcount={total}>
      <div className="history-row head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Client</span>
        <span role="columnheader">Model</span>
        <span role="columnheader">Provider</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Cache</span>
        <span role="columnheader" className="number">
          TTFT
        </span>
        <span role="columnheader" className="number">
          Latency
        </span>
        <span role="columnheader" className="number">
          Tokens
        </span>
        <span role="columnheader" className="number">
          Cost
        </span>
      </div>
      <div
        className="history-scroll"
        ref={scroller}
        tabIndex={0}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div style={{ height: view.height, position: 'relative' }}>
          <div style={{ position: 'absolute', top: view.offset, left: 0, right: 0 }}>
            {rows.map(({ index, row }) =>
              row ? (
                <button
                  type="button"
                  key={row.id}
                  role="row"
                  className={`history-row${row.status === 'ok' ? '' : ' failed'}`}
                  style={{ height: rowHeight }}
                  data-testid="history-row"
                  onClick={() => onOpen(row.id)}
                >
                  <span className="muted">{formatTime(row.createdAt, now)}</span>
                  <span>{row.client ?? '—'}</span>
                  <span title={row.upstreamModel}>{row.requestedModel}</span>
                  <span>{row.provider ?? '—'}</span>
                  <span>{formatStatus(row)}</span>
                  <span>{row.cache}</span>
                  <span className="number">{formatDuration(row.ttftMs)}</span>
                  <span className="number">{formatDuration(row.latencyMs)}</span>
                  <span className="number">{formatTokens(row)}</span>
                  <span className={row.unpriced ? 'number unpriced' : 'number'}>{formatCost(row)}</span>
                </button>
              ) : (
                <div key={`loading-${index}`} className="history-row loading" style={{ height: rowHeight }}>
                  <span className="muted">…</span>
                </div>
              ),
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
