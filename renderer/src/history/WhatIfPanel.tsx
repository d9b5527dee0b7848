import { useState } from 'react';
import type { RepriceResult } from '../api/admin-types.js';
import { formatUsd } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';

/** What the recorded traffic in the range would have cost on another model. */
export function WhatIfPanel({ from }: { from: number | undefined }) {
  const { post } = useAdminApi();
  const [target, setTarget] = useState('openai/gpt-4o-mini');
  const [result, setResult] = useState<RepriceResult>();
  const [error, setError] = useState<string>();
  const reprice = async () => {
    try {
      setResult(
        await post<RepriceResult>('/admin/history/reprice', {
          target,
          ...(from === undefined ? {} : { from }),
        }),
      );
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
          What if everything had gone to
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
          {result.totals.requests.toLocaleString('en-US')} requests in this time range cost{' '}
          {formatUsd(result.totals.recordedCostUsd)}
          {result.totals.unpricedRequests > 0 && ` (+${result.totals.unpricedRequests} unpriced)`}; on{' '}
          {result.target} they would have cost <strong>{formatUsd(result.totals.whatIfCostUsd)}</strong> (
          {difference <= 0 ? 'saving' : 'adding'} {formatUsd(Math.abs(difference))}).
        </p>
      )}
    </div>
  );
}
