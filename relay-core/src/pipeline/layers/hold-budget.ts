import { toRelayError } from '../../canonical/errors.js';
import type { ModelOutcome, ModelRequestContext, ModelRequestLayer } from '../model-request-context.js';
import { estimatedCost } from '../order-targets.js';

/** A client's budget is held to the request that would pass it, before anything is sent upstream. */
export const holdBudget: ModelRequestLayer = (context, next) =>
  context.runtime.limiter.hasBudget(context.meta.client) ? hold(context, next) : next();

async function hold(context: ModelRequestContext, next: () => Promise<ModelOutcome>): Promise<ModelOutcome> {
  const { runtime, meta, log, targets, features, request } = context;
  try {
    const first = targets[0];
    const cost = first ? estimatedCost(runtime, first, features.inputTokens, request.maxOutputTokens) : 0;
    await runtime.limiter.hold(meta.client, log.id, cost ?? 0);
  } catch (error) {
    return { error: toRelayError(error) };
  }
  return next();
}
