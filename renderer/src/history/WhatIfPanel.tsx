import { useState } from 'react';
import type { RepriceResult } from '../api/admin-types.js';
import { formatUsd } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';

/** What the requests the filters match (failed ones left out) would have cost on another model. */
export function WhatIfPanel({ query }: { query: string }) {
  const { post } = useAdminApi();
  const [target, setTarget] = useState('openai/gpt-4o-mini');
  const [result, setResult] = useState<RepriceResult>();
  const [error, setError] = useState<string>();
  const reprice = async () => {
    try {
      setResult(await post<RepriceResult>(`/admin/history/reprice?${query}`, { target }));
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
      setResult(undefined);
    }
  };
  const difference = result ? result.totals.whatIfCostUsd - result.totals.recordedCostUsd : 0;
  return (
    <div className="what-if" data-testid="what-if">
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void reprice();
        }}
      >
        <label>
          What if the requests shown had gone to
          <input
            aria-label="What-if model"
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          />
        </label>
        <button type="submit">Re-price</button>
      </form>
      {error && <p className="error">{error}</p>}
      {result && (
        <p data-testid="what-if-result">
          {result.totals.requests.toLocaleString('en-US')} answered requests matching the filters cost{' '}
          {formatUsd(result.totals.recordedCostUsd)}
          {result.totals.unpricedRequests > 0 && ` (+${result.totals.unpricedRequests} unpriced)`}; on{' '}
          {result.target} they would have cost <strong>{formatUsd(result.totals.whatIfCostUsd)}</strong> (
          {difference <= 0 ? 'saving' : 'adding'} {formatUsd(Math.abs(difference))}). Failed requests are left
          out: they bought no answer.
        </p>
      )}
    </div>
  );
}
