import type { HistoryRow } from '../api/admin-types.js';
import { formatCost, formatDuration, formatStatus, formatTime, formatTokens } from '../format.js';

/** A column of the history table: its width (a minimum, and a share of what is left) and its cell. */
export interface HistoryColumn {
  id: string;
  label: string;
  minPx: number;
  /** Share of the spare width; 0 keeps the column at its minimum. */
  grow: number;
  numeric?: boolean;
  text(row: HistoryRow, now: number): string;
  /** The whole value, shown as the cell's tooltip when the cell cuts it short. */
  title?(row: HistoryRow): string;
}

export const historyColumns: HistoryColumn[] = [
  {
    id: 'time',
    label: 'Time',
    minPx: 100,
    grow: 0,
    text: (row, now) => formatTime(row.createdAt, now),
    title: (row) => new Date(row.createdAt).toLocaleString(),
  },
  { id: 'client', label: 'Client', minPx: 64, grow: 0.6, text: (row) => row.client ?? '—' },
  {
    id: 'model',
    label: 'Model',
    minPx: 120,
    grow: 1.6,
    text: (row) => row.requestedModel,
    title: (row) =>
      row.upstreamModel && row.upstreamModel !== row.requestedModel
        ? `${row.requestedModel} → ${row.upstreamModel}`
        : row.requestedModel,
  },
  { id: 'provider', label: 'Provider', minPx: 64, grow: 0.6, text: (row) => row.provider ?? '—' },
  {
    id: 'status',
    label: 'Status',
    minPx: 180,
    grow: 1.2,
    text: formatStatus,
    title: (row) => [formatStatus(row), row.errorMessage].filter(Boolean).join(': '),
  },
  { id: 'cache', label: 'Cache', minPx: 60, grow: 0, text: (row) => row.cache },
  { id: 'ttft', label: 'TTFT', minPx: 56, grow: 0, numeric: true, text: (row) => formatDuration(row.ttftMs) },
  {
    id: 'latency',
    label: 'Latency',
    minPx: 64,
    grow: 0,
    numeric: true,
    text: (row) => formatDuration(row.latencyMs),
  },
  { id: 'tokens', label: 'Tokens', minPx: 80, grow: 0, numeric: true, text: formatTokens },
  { id: 'cost', label: 'Cost', minPx: 80, grow: 0, numeric: true, text: formatCost },
];

const gapPx = 8;
const paddingPx = 24;

/** The grid's column template and the width below which the table scrolls sideways. */
export function columnLayout(columns: HistoryColumn[]): { template: string; minWidth: number } {
  return {
    template: columns
      .map((column) =>
        column.grow > 0 ? `minmax(${column.minPx}px, ${column.grow}fr)` : `${column.minPx}px`,
      )
      .join(' '),
    minWidth:
      columns.reduce((sum, column) => sum + column.minPx, 0) + gapPx * (columns.length - 1) + paddingPx,
  };
}

const storageKey = 'switchboard.historyColumns';

/** The columns the user chose to see (all of them at first). */
export function loadColumnChoice(storage: Pick<Storage, 'getItem'> = window.localStorage): string[] {
  try {
    const stored = JSON.parse(storage.getItem(storageKey) ?? 'null') as unknown;
    if (Array.isArray(stored) && stored.every((id) => typeof id === 'string') && stored.length > 0)
      return historyColumns.map((column) => column.id).filter((id) => stored.includes(id));
  } catch {
    // an unreadable choice shows every column
  }
  return historyColumns.map((column) => column.id);
}

export function saveColumnChoice(
  ids: string[],
  storage: Pick<Storage, 'setItem'> = window.localStorage,
): void {
  storage.setItem(storageKey, JSON.stringify(ids));
}
