import type { ModelMeasures } from '../api/admin-types.js';
import { formatDuration } from '../format.js';

/**
 * The model browser's measured columns: sort key (as `/admin/catalog` takes it), header, the order
 * a first click sorts in (the most used, fastest or cheapest first), and what it says.
 */
export const measuredColumns = [
  {
    key: 'requests',
    label: 'Requests',
    first: 'desc',
    title: 'Requests answered by this model, cache hits included',
  },
  { key: 'ttft_p50', label: 'TTFT p50', first: 'asc', title: 'Median time to first token of answered tries' },
  {
    key: 'ttft_p95',
    label: 'TTFT p95',
    first: 'asc',
    title: '95th percentile time to first token of answered tries',
  },
  {
    key: 'tokens_per_second',
    label: 'Tok/s',
    first: 'desc',
    title: 'Output tokens per second after the first, streams only',
  },
  {
    key: 'error_rate',
    label: 'Errors',
    first: 'asc',
    title: 'Share of upstream tries that failed, failovers included',
  },
  { key: 'spend', label: 'Spend', first: 'desc', title: 'What the requests cost' },
  { key: 'cache_saved', label: 'Saved', first: 'desc', title: 'What cache hits saved' },
] as const;

export type MeasuredSortKey = (typeof measuredColumns)[number]['key'];

/** The grid widths of the measured columns, in their order. */
export const measuredTemplate = '64px 64px 64px 56px 56px 72px 64px';
export const measuredMinWidth = 64 * 3 + 56 * 2 + 72 + 64 + 7 * 8;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Dollars short enough for a narrow column: "$12.30", "$0.0150", "$0.00012". */
function formatSpend(value: number): string {
  if (value === 0) return '$0';
  if (value >= 1) return `$${value.toFixed(2)}`;
  return value >= 0.001 ? `$${value.toFixed(4)}` : `$${value.toPrecision(2)}`;
}

function formatRate(rate: number | undefined): string {
  if (rate === undefined) return '—';
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;
}

/**
 * One row's measured cells, or one cell across them all saying there is no data yet; every row
 * keeps one cell per column (the spanned ones hidden), so columns are found at the same place.
 */
export function MeasuredCells({ measured }: { measured: ModelMeasures | undefined }) {
  if (!measured)
    return (
      <>
        {measuredColumns.map((column, index) =>
          index === 0 ? (
            <span
              key={column.key}
              role="cell"
              aria-colspan={measuredColumns.length}
              className="muted no-data"
            >
              no data yet
            </span>
          ) : (
            <span key={column.key} role="cell" hidden />
          ),
        )}
      </>
    );
  const cells = [
    integer.format(measured.requests),
    formatDuration(measured.ttftP50Ms),
    formatDuration(measured.ttftP95Ms),
    measured.tokensPerSecond === undefined ? '—' : integer.format(measured.tokensPerSecond),
    formatRate(measured.errorRate),
    measured.spendUsd === undefined ? 'unpriced' : formatSpend(measured.spendUsd),
    formatSpend(measured.cacheSavedUsd),
  ];
  return (
    <>
      {cells.map((text, index) => (
        <span key={measuredColumns[index]!.key} role="cell" className="number measured" title={text}>
          {text}
        </span>
      ))}
    </>
  );
}
