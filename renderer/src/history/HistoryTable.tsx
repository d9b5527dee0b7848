import { useCallback, useEffect, useRef } from 'react';
import type { HistoryPage, HistoryRow } from '../api/admin-types.js';
import { useAdminApi } from '../hooks/use-admin.js';
import { useVirtualRows } from '../hooks/use-virtual-rows.js';
import { columnLayout } from './history-columns.js';
import type { HistoryColumn } from './history-columns.js';

const rowHeight = 30;
const pageSize = 200;

/**
 * The request history as a virtualized table: only the rows in view exist in the DOM, and rows
 * are fetched in pages of 200 as they scroll into view, so a million rows scroll smoothly. The
 * table sits in a focusable scroll region (arrow keys scroll it); each row opens from its time.
 */
export function HistoryTable({
  query,
  columns,
  refreshCount,
  onTotal,
  onOpen,
}: {
  /** The filter's query string; a new one starts over from the newest request. */
  query: string;
  columns: HistoryColumn[];
  /** Auto-refresh: each new count reads the newest rows again, while the table is at its top. */
  refreshCount: number;
  onTotal(total: number | undefined): void;
  onOpen(id: string, opener: HTMLElement): void;
}) {
  const { get } = useAdminApi();
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      get<HistoryPage>(`/admin/history?${query}&offset=${offset}&limit=${limit}`),
    [get, query],
  );
  const { total, view, visible, scroller, onScroll, refresh, scrollTop } = useVirtualRows<HistoryRow>({
    query,
    fetchPage: (offset, limit) =>
      fetchPage(offset, limit).then((page) => ({ total: page.total, rows: page.rows })),
    pageSize,
    rowHeight,
  });
  useEffect(() => onTotal(total), [total, onTotal]);
  // only a new count refreshes, never scrolling back to the top; a reader further down is left alone
  const atTop = useRef(true);
  atTop.current = scrollTop === 0;
  useEffect(() => {
    if (refreshCount > 0 && atTop.current) refresh();
  }, [refreshCount, refresh]);
  const { template, minWidth } = columnLayout(columns);
  const now = Date.now();
  return (
    <div
      className="history-scroll"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label="Requests, newest first"
      onScroll={onScroll}
      data-testid="history-table"
    >
      <div role="table" aria-label="Requests" aria-rowcount={(total ?? 0) + 1} style={{ minWidth }}>
        <div role="rowgroup" className="history-head">
          <div
            className="history-row head"
            role="row"
            aria-rowindex={1}
            style={{ gridTemplateColumns: template }}
          >
            {columns.map((column) => (
              <span key={column.id} role="columnheader" className={column.numeric ? 'number' : undefined}>
                {column.label}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: view.height, position: 'relative' }}>
          <div style={{ position: 'absolute', top: view.offset, left: 0, right: 0 }}>
            {visible.map(({ index, row }) =>
              row ? (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={index + 2}
                  className={`history-row${row.status === 'ok' ? '' : ' failed'}`}
                  style={{ height: rowHeight, gridTemplateColumns: template }}
                  data-testid="history-row"
                  onClick={(event) => {
                    const button = event.currentTarget.querySelector('button');
                    if (button) onOpen(row.id, button);
                  }}
                >
                  {columns.map((column, position) => {
                    const text = column.text(row, now);
                    const className = [column.numeric ? 'number' : '', column.id === 'status' ? 'status' : '']
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <span
                        key={column.id}
                        role="cell"
                        className={className || undefined}
                        title={column.title?.(row) ?? text}
                      >
                        {position === 0 ? (
                          <button
                            type="button"
                            className="row-open"
                            aria-label={`${text}: open the request to ${row.requestedModel}`}
                          >
                            {text}
                          </button>
                        ) : (
                          text
                        )}
                      </span>
                    );
                  })}
                </div>
              ) : (
                <div
                  key={`loading-${index}`}
                  role="row"
                  aria-rowindex={index + 2}
                  className="history-row loading"
                  style={{ height: rowHeight, gridTemplateColumns: template }}
                >
                  <span role="cell" className="muted">
                    …
                  </span>
                </div>
              ),
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
