import type { Usage } from '../canonical/types.js';
import type { ResolvedProvider } from '../providers/types.js';
import type { AttemptLog, PriceResult, RelayRuntime, RequestLog } from './relay-runtime.js';

/** Prices the attempt whose answer the client got, and makes it the request's answer. */
export function applyPrice(
  runtime: RelayRuntime,
  provider: ResolvedProvider,
  model: string,
  usage: Usage | undefined,
  attempt: AttemptLog,
  log: RequestLog,
): PriceResult {
  const price = runtime.price(provider, model, usage);
  attempt.costUsd = price.costUsd;
  attempt.unpriced = price.unpriced;
  attempt.usage = usage;
  log.answeredBy = attempt;
  log.costUsd = price.costUsd;
  log.unpriced = price.unpriced;
  log.usage = usage;
  return price;
}
