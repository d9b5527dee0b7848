import { useCallback, useEffect, useRef, useState } from 'react';
import type { UIEvent } from 'react';
import { virtualWindow } from '../history/virtual-window.js';
import type { VirtualWindow } from '../history/virtual-window.js';

/** One page of a long list, and how many rows the list has in all. */
export interface RowsPage<Row> {
  total: number;
  rows: Row[];
}

/**
 * A long list shown as a virtualized table: only the rows in view exist in the page, and rows are
 * fetched in pages as they scroll into view. A new `query` starts over from the top; `refresh`
 * reads the first page again and keeps showing the old rows until it came (no flash).
 */
export function useVirtualRows<Row>(options: {
  query: string;
  fetchPage(offset: number, limit: number): Promise<RowsPage<Row>>;
  pageSize: number;
  rowHeight: number;
}) {
  const { query, pageSize, rowHeight } = options;
  const fetchPage = useRef(options.fetchPage);
  fetchPage.current = options.fetchPage;
  const [total, setTotal] = useState<number>();
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [, setLoaded] = useState(0);
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (page: number, replace = false) => {
      if (!replace && (pages.current.has(page) || pending.current.has(page))) return;
      pending.current.add(page);
      const asked = generation.current;
      void fetchPage
        .current(page * pageSize, pageSize)
        .then((answer) => {
          if (asked !== generation.current) return;
          if (replace) pages.current.clear();
          pages.current.set(page, answer.rows);
          setTotal(answer.total);
          setLoaded((count) => count + 1);
        })
        .catch(() => undefined)
        .finally(() => pending.current.delete(page));
    },
    [pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current.clear();
    pending.current.clear();
    setTotal(undefined);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    load(0);
  }, [load, query]);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const view: VirtualWindow = virtualWindow({ total: total ?? 0, rowHeight, viewport, scrollTop });
  useEffect(() => {
    if (total === undefined) return;
    const firstPage = Math.floor(view.first / pageSize);
    const lastPage = Math.floor((view.first + view.count) / pageSize);
    for (let page = firstPage; page <= lastPage; page++) load(page);
  }, [view.first, view.count, total, load, pageSize]);

  const visible: Array<{ index: number; row?: Row }> = [];
  for (let index = view.first; index < view.first + view.count; index++)
    visible.push({ index, row: pages.current.get(Math.floor(index / pageSize))?.[index % pageSize] });

  // the same query: an answer still on its way is as new as another would be
  const refresh = useCallback(() => {
    if (!pending.current.has(0)) load(0, true);
  }, [load]);
  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop),
    [],
  );
  return { total, view, visible, scroller, onScroll, refresh, scrollTop };
}
