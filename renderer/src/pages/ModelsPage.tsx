import { useCallback, useMemo, useState } from 'react';
import type { CatalogPage, CatalogRefreshReport, CatalogRow, MeasureWindow } from '../api/admin-types.js';
import {
  MeasuredCells,
  measuredColumns,
  measuredMinWidth,
  measuredTemplate,
} from '../components/MeasuredCells.js';
import type { MeasuredSortKey } from '../components/MeasuredCells.js';
import { ModelProvenance } from '../components/ModelProvenance.js';
import { formatContext, formatPerMillion } from '../format.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { useVirtualRows } from '../hooks/use-virtual-rows.js';
import { maxColumns } from '../store/playground-slice.js';
import { useRelayStore } from '../store/use-relay-store.js';

type SortKey = 'model' | 'provider' | 'input' | 'output' | 'context' | MeasuredSortKey;

const capabilityFilters = [
  ['tools', 'Tools'],
  ['reasoning', 'Reasoning'],
  ['vision', 'Vision'],
  ['jsonSchema', 'JSON schema'],
] as const;

const contextChoices: Array<[string, string]> = [
  ['', 'Any context'],
  ['32000', '≥ 32k context'],
  ['128000', '≥ 128k context'],
  ['200000', '≥ 200k context'],
  ['1000000', '≥ 1M context'],
];

const windowChoices: Array<[MeasureWindow, string]> = [
  ['24h', 'Your numbers: last 24 hours'],
  ['7d', 'Your numbers: last 7 days'],
  ['30d', 'Your numbers: last 30 days'],
  ['all', 'Your numbers: all time'],
];

const rowHeight = 32;
const pageSize = 200;
/** Minimum widths and shares of the columns: select, model, provider, prices, your numbers, context, … */
const template = `32px minmax(240px, 2.4fr) minmax(80px, 0.8fr) 72px 72px 72px 72px ${measuredTemplate} 64px minmax(100px, 1fr) 44px 64px`;
const tableMinWidth = 32 + 240 + 80 + 4 * 72 + measuredMinWidth + 64 + 100 + 44 + 64 + 10 * 8 + 24;

function modalities(row: CatalogRow): string {
  return [
    'text',
    row.capabilities.vision && 'image',
    row.capabilities.audioIn && 'audio',
    row.capabilities.pdf && 'pdf',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The model name a playground column asks for: the first configured provider that lists it. */
const modelName = (row: CatalogRow) => `${row.providerIds[0] ?? row.provider}/${row.model}`;

/** A price filter's text as USD per 1M tokens, or nothing when it is empty or not a number. */
const priceParam = (text: string) =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? text.trim() : undefined;

/**
 * The catalog: every entry reachable in a virtualized table, search, provider, capability, context
 * and price filters, sort by any price column, marks for free, preview and unpriced models, and
 * "open the selected in the playground" (at most as many as it has columns).
 */
export function ModelsPage() {
  const [query, setQuery] = useState('');
  const [provider, setProvider] = useState('');
  const [capabilities, setCapabilities] = useState<string[]>([]);
  const [availableOnly, setAvailableOnly] = useState(false);
  const [minContext, setMinContext] = useState('');
  const [maxInput, setMaxInput] = useState('');
  const [maxOutput, setMaxOutput] = useState('');
  const [measureWindow, setMeasureWindow] = useState<MeasureWindow>('30d');
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'input', order: 'asc' });
  const [selected, setSelected] = useState<string[]>([]);
  const [meta, setMeta] = useState<Omit<CatalogPage, 'entries'>>();
  const openInPlayground = useRelayStore((state) => state.openInPlayground);
  const { get, post } = useAdminApi();

  const search = useMemo(() => {
    const params = new URLSearchParams({ sort: sort.key, order: sort.order, window: measureWindow });
    if (query.trim()) params.set('q', query.trim());
    if (provider) params.set('provider', provider);
    for (const capability of capabilities) params.append('capability', capability);
    if (availableOnly) params.set('available', '1');
    if (minContext) params.set('min_context', minContext);
    if (priceParam(maxInput)) params.set('max_input_price', priceParam(maxInput)!);
    if (priceParam(maxOutput)) params.set('max_output_price', priceParam(maxOutput)!);
    return params.toString();
  }, [query, provider, capabilities, availableOnly, minContext, maxInput, maxOutput, sort, measureWindow]);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await get<CatalogPage>(`/admin/catalog?${search}&offset=${offset}&limit=${limit}`);
      const { entries, ...rest } = page;
      setMeta(rest);
      return { total: page.total, rows: entries };
    },
    [get, search],
  );
  const [version, setVersion] = useState(0);
  const table = useVirtualRows<CatalogRow>({ query: `${search}#${version}`, fetchPage, pageSize, rowHeight });
  // the provider menu lists every catalog provider, whatever the filters
  const everyProvider = useAdminQuery<CatalogPage>('/admin/catalog?limit=1').data?.providers ?? [];

  const [refresh, setRefresh] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const refreshCatalog = () => {
    setRefresh({ busy: true, message: 'Asking providers and OpenRouter for their models…' });
    post<CatalogRefreshReport>('/admin/catalog/refresh', {}).then(
      (report) => {
        const failed = report.sources.filter((source) => !source.ok);
        const added = report.sources.reduce((sum, source) => sum + source.added, 0);
        setRefresh({
          busy: false,
          message:
            `Refreshed: ${added} new model${added === 1 ? '' : 's'} from ${report.sources.length - failed.length} source(s)` +
            (failed.length > 0
              ? `; failed: ${failed.map((source) => source.error ?? source.source).join('; ')}`
              : ''),
        });
        setVersion((value) => value + 1);
      },
      (failure: unknown) =>
        setRefresh({ busy: false, message: failure instanceof Error ? failure.message : String(failure) }),
    );
  };

  const header = (
    key: SortKey | undefined,
    label: string,
    numeric = false,
    extra: { title?: string; first?: 'asc' | 'desc' } = {},
  ) => (
    <span
      key={label}
      role="columnheader"
      className={numeric ? 'number' : undefined}
      title={extra.title}
      aria-sort={key && sort.key === key ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {key ? (
        <button
          type="button"
          className="sort"
          onClick={() =>
            setSort({
              key,
              order: sort.key === key ? (sort.order === 'asc' ? 'desc' : 'asc') : (extra.first ?? 'asc'),
            })
          }
        >
          {label}
          {sort.key === key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      ) : (
        label
      )}
    </span>
  );
  const full = selected.length >= maxColumns;
  const toggle = (name: string) =>
    setSelected((list) =>
      list.includes(name) ? list.filter((item) => item !== name) : full ? list : [...list, name],
    );

  return (
    <section>
      <div className="page-head">
        <h2>Models</h2>
        <span className="muted" data-testid="price-date">
          {meta ? `Prices per 1M tokens, as of ${meta.priceDate} (${meta.source})` : ''}
          {meta?.refreshedAt ? `; refreshed ${meta.refreshedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}
        </span>
        <button type="button" onClick={refreshCatalog} disabled={refresh.busy}>
          Refresh from providers
        </button>
        {refresh.message ? (
          <span className="muted" role="status" data-testid="catalog-refresh">
            {refresh.message}
          </span>
        ) : null}
      </div>
      <div className="toolbar" role="search">
        <input
          type="search"
          placeholder="Search models (e.g. mini, claude)"
          aria-label="Search models"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select aria-label="Provider" value={provider} onChange={(event) => setProvider(event.target.value)}>
          <option value="">All providers ({everyProvider.length})</option>
          {everyProvider.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
        <select
          aria-label="Your numbers over"
          title="The measureWindow your own figures (requests, speed, errors, spend) are measured over"
          value={measureWindow}
          onChange={(event) => setMeasureWindow(event.target.value as MeasureWindow)}
        >
          {windowChoices.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <select
          aria-label="Minimum context"
          value={minContext}
          onChange={(event) => setMinContext(event.target.value)}
        >
          {contextChoices.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <label className="inline">
          Max input $/1M
          <input
            aria-label="Maximum input price"
            inputMode="decimal"
            size={6}
            value={maxInput}
            onChange={(event) => setMaxInput(event.target.value)}
          />
        </label>
        <label className="inline">
          Max output $/1M
          <input
            aria-label="Maximum output price"
            inputMode="decimal"
            size={6}
            value={maxOutput}
            onChange={(event) => setMaxOutput(event.target.value)}
          />
        </label>
        {capabilityFilters.map(([name, label]) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={capabilities.includes(name)}
              onChange={() =>
                setCapabilities((list) =>
                  list.includes(name) ? list.filter((item) => item !== name) : [...list, name],
                )
              }
            />
            {label}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={availableOnly} onChange={() => setAvailableOnly(!availableOnly)} />
          Available
        </label>
        <button
          type="button"
          className="primary"
          disabled={selected.length === 0}
          onClick={() => openInPlayground(selected)}
        >
          Open {selected.length || ''} in playground
        </button>
      </div>
      <p className="muted" data-testid="model-count" aria-live="polite">
        {table.total === undefined
          ? 'Loading the catalog…'
          : `${table.total.toLocaleString('en-US')} models${table.total > 0 ? ', every one reachable by scrolling' : ''}`}
        {full &&
          ` · ${maxColumns} selected, as many as the playground has columns: untick one to pick another`}
      </p>
      {table.total === 0 && <p className="empty">No model matches. Clear the search or the filters.</p>}
      <div
        className="models-scroll"
        ref={table.scroller}
        onScroll={table.onScroll}
        tabIndex={0}
        role="region"
        aria-label="Models"
        data-testid="models-table"
      >
        <div
          role="table"
          aria-label="Models"
          aria-rowcount={(table.total ?? 0) + 1}
          style={{ minWidth: tableMinWidth }}
        >
          <div role="rowgroup" className="grid-head">
            <div role="row" className="grid-row head" style={{ gridTemplateColumns: template }}>
              <span role="columnheader">
                <span className="visually-hidden">Select</span>
              </span>
              {header('model', 'Model')}
              {header('provider', 'Provider')}
              {header('input', 'Input', true)}
              {header('output', 'Output', true)}
              {header(undefined, 'Cache read', true)}
              {header(undefined, 'Cache write', true)}
              {measuredColumns.map((column) =>
                header(column.key, column.label, true, { title: column.title, first: column.first }),
              )}
              {header('context', 'Context', true)}
              {header(undefined, 'Modalities')}
              {header(undefined, 'Tools')}
              {header(undefined, 'Reasoning')}
            </div>
          </div>
          <div role="rowgroup" style={{ height: table.view.height, position: 'relative' }}>
            <div style={{ position: 'absolute', top: table.view.offset, left: 0, right: 0 }}>
              {table.visible.map(({ index, row }) => {
                if (!row)
                  return (
                    <div
                      key={`loading-${index}`}
                      role="row"
                      className="grid-row"
                      style={{ height: rowHeight, gridTemplateColumns: template }}
                    >
                      <span role="cell" className="muted">
                        …
                      </span>
                    </div>
                  );
                const name = modelName(row);
                const checked = selected.includes(name);
                return (
                  <div
                    key={`${row.provider}/${row.model}`}
                    role="row"
                    aria-rowindex={index + 2}
                    className="grid-row"
                    style={{ height: rowHeight, gridTemplateColumns: template }}
                    data-testid="model-row"
                  >
                    <span role="cell">
                      <input
                        type="checkbox"
                        aria-label={`Select ${name}`}
                        checked={checked}
                        disabled={!checked && full}
                        title={
                          !checked && full ? `At most ${maxColumns} models open in the playground` : undefined
                        }
                        onChange={() => toggle(name)}
                      />
                    </span>
                    <span role="cell" className="model-cell" title={`${row.provider}/${row.model}`}>
                      <span className="model-name">{row.model}</span>
                      {row.available && <span className="badge ok">available</span>}
                      {row.free && <span className="badge ok">free</span>}
                      {row.preview && <span className="badge warn">preview</span>}
                      {row.unpriced && (
                        <span
                          className="badge warn"
                          title={
                            row.discovered
                              ? `Listed by ${row.providerIds.join(', ')}, in no price source: its requests are recorded unpriced, never $0`
                              : 'No price known: its requests are recorded unpriced, never $0'
                          }
                        >
                          {row.discovered ? 'served, unpriced' : 'unpriced'}
                        </span>
                      )}
                      {row.discovered && row.free && (
                        <span
                          className="badge"
                          title={`Listed by ${row.providerIds.join(', ')}, a server on this machine`}
                        >
                          served locally
                        </span>
                      )}
                      {row.source === 'user' && (
                        <span className="badge" title="Your price from config.yaml">
                          your price
                        </span>
                      )}
                      <ModelProvenance row={row} />
                    </span>
                    <span role="cell" title={row.provider}>
                      {row.provider}
                    </span>
                    <span role="cell" className="number">
                      {formatPerMillion(row.input)}
                    </span>
                    <span role="cell" className="number">
                      {formatPerMillion(row.output)}
                    </span>
                    <span role="cell" className="number">
                      {formatPerMillion(row.cacheRead)}
                    </span>
                    <span role="cell" className="number">
                      {formatPerMillion(row.cacheWrite)}
                    </span>
                    <MeasuredCells measured={row.measured} />
                    <span role="cell" className="number">
                      {formatContext(row.contextWindow)}
                    </span>
                    <span role="cell" title={modalities(row)}>
                      {modalities(row)}
                    </span>
                    <span role="cell">{row.capabilities.tools ? 'yes' : '—'}</span>
                    <span role="cell">{row.capabilities.reasoning ? 'yes' : '—'}</span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
