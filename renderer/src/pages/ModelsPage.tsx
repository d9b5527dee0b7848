import { useMemo, useState } from 'react';
import type { CatalogPage, CatalogRefreshReport, CatalogRow } from '../api/admin-types.js';
import { ModelProvenance } from '../components/ModelProvenance.js';
import { formatContext, formatPerMillion } from '../format.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { useRelayStore } from '../store/use-relay-store.js';

type SortKey = 'model' | 'provider' | 'input' | 'output' | 'context';

const capabilityFilters = [
  ['tools', 'Tools'],
  ['reasoning', 'Reasoning'],
  ['vision', 'Vision'],
  ['jsonSchema', 'JSON schema'],
] as const;

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

/** The model name a playground column asks for: the first configured provider that serves it. */
const modelName = (row: CatalogRow) => `${row.providerIds[0] ?? row.provider}/${row.model}`;

/** The catalog: search, filters, sort by any price column, and "open the selected in the playground". */
export function ModelsPage() {
  const [query, setQuery] = useState('');
  const [provider, setProvider] = useState('');
  const [capabilities, setCapabilities] = useState<string[]>([]);
  const [availableOnly, setAvailableOnly] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'input', order: 'asc' });
  const [selected, setSelected] = useState<string[]>([]);
  const openInPlayground = useRelayStore((state) => state.openInPlayground);

  const path = useMemo(() => {
    const params = new URLSearchParams({ sort: sort.key, order: sort.order, limit: '500' });
    if (query.trim()) params.set('q', query.trim());
    if (provider) params.set('provider', provider);
    for (const capability of capabilities) params.append('capability', capability);
    if (availableOnly) params.set('available', '1');
    return `/admin/catalog?${params.toString()}`;
  }, [query, provider, capabilities, availableOnly, sort]);
  const { data, error, reload } = useAdminQuery<CatalogPage>(path);
  const { post } = useAdminApi();
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
        reload();
      },
      (failure: unknown) =>
        setRefresh({ busy: false, message: failure instanceof Error ? failure.message : String(failure) }),
    );
  };
  const rows = data?.entries ?? [];
  const providerIds = useAdminQuery<CatalogPage>('/admin/catalog?limit=1').data?.providers ?? [];

  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      className={numeric ? 'number' : undefined}
      aria-sort={sort.key === key ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort"
        onClick={() => setSort({ key, order: sort.key === key && sort.order === 'asc' ? 'desc' : 'asc' })}
      >
        {label}
        {sort.key === key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const toggle = (name: string) =>
    setSelected((list) =>
      list.includes(name) ? list.filter((item) => item !== name) : [...list, name].slice(-6),
    );

  return (
    <section>
      <div className="page-head">
        <h2>Models</h2>
        <span className="muted" data-testid="price-date">
          {data ? `Prices per 1M tokens, as of ${data.priceDate} (${data.source})` : ''}
          {data?.refreshedAt ? `; refreshed ${data.refreshedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}
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
          autoFocus
        />
        <select aria-label="Provider" value={provider} onChange={(event) => setProvider(event.target.value)}>
          <option value="">All providers</option>
          {providerIds.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
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
      {error && (
        <p className="banner" role="alert">
          {error}
        </p>
      )}
      <p className="muted" data-testid="model-count">
        {data ? `${rows.length} of ${data.total} models` : 'Loading the catalog…'}
      </p>
      {data && rows.length === 0 ? (
        <p className="empty">No model matches. Clear the search or the filters.</p>
      ) : (
        <div className="table-wrap tall">
          <table data-testid="models-table">
            <thead>
              <tr>
                <th aria-label="Select" />
                {header('model', 'Model')}
                {header('provider', 'Provider')}
                {header('input', 'Input', true)}
                {header('output', 'Output', true)}
                <th className="number">Cache read</th>
                <th className="number">Cache write</th>
                {header('context', 'Context', true)}
                <th>Modalities</th>
                <th>Tools</th>
                <th>Reasoning</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = modelName(row);
                return (
                  <tr key={`${row.provider}/${row.model}`} data-testid="model-row">
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${name}`}
                        checked={selected.includes(name)}
                        onChange={() => toggle(name)}
                      />
                    </td>
                    <td>
                      {row.model}
                      {row.available && <span className="badge ok">available</span>}
                      {row.source === 'user' && (
                        <span className="badge" title="Your price from config.yaml">
                          your price
                        </span>
                      )}
                      <ModelProvenance row={row} />
                    </td>
                    <td>{row.provider}</td>
                    <td className="number">{formatPerMillion(row.input)}</td>
                    <td className="number">{formatPerMillion(row.output)}</td>
                    <td className="number">{formatPerMillion(row.cacheRead)}</td>
                    <td className="number">{formatPerMillion(row.cacheWrite)}</td>
                    <td className="number">{formatContext(row.contextWindow)}</td>
                    <td>{modalities(row)}</td>
                    <td>{row.capabilities.tools ? 'yes' : '—'}</td>
                    <td>{row.capabilities.reasoning ? 'yes' : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
