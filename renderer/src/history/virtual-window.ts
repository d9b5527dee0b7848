/**
 * Which rows a virtualized list shows. Browsers cap an element's height (Chromium near 33.5M px,
 * Firefox near 17.9M px), so past `maxHeight` the scroll position maps to a row proportionally
 * instead of 1:1: a million 28-px rows still scroll end to end.
 */
export interface VirtualWindow {
  /** Height of the scrollable spacer. */
  height: number;
  /** First row to render and how many. */
  first: number;
  count: number;
  /** Where the first rendered row sits inside the spacer. */
  offset: number;
}

export function virtualWindow(options: {
  total: number;
  rowHeight: number;
  viewport: number;
  scrollTop: number;
  overscan?: number;
  maxHeight?: number;
}): VirtualWindow {
  const { total, rowHeight, viewport, scrollTop } = options;
  const overscan = options.overscan ?? 10;
  const maxHeight = options.maxHeight ?? 8_000_000;
  const natural = total * rowHeight;
  const height = Math.min(natural, maxHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  if (total === 0) return { height: 0, first: 0, count: 0, offset: 0 };
  let top: number;
  if (natural <= maxHeight) {
    top = Math.floor(scrollTop / rowHeight);
  } else {
    const scrollable = Math.max(1, height - viewport);
    top = Math.round((Math.min(scrollTop, scrollable) / scrollable) * Math.max(0, total - visible + 1));
  }
  const first = Math.max(0, Math.min(top, total - 1) - overscan);
  const count = Math.min(total - first, visible + overscan * 2);
  // in the scaled case rows are placed where the viewport is, aligned to the top row
  const offset = natural <= maxHeight ? first * rowHeight : scrollTop - (top - first) * rowHeight;
  return { height, first, count, offset };
}
