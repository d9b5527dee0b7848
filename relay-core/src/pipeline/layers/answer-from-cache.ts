import type { CacheLookup } from '../../cache/answer-cache.js';
import { serveCachedAnswer } from '../../cache/serve-cached-answer.js';
import type { ModelOutcome, ModelRequestContext, ModelRequestLayer } from '../model-request-context.js';
import { relayHeaders } from '../relay-headers.js';

/**
 * The answer cache around the attempt engine: a hit is the answer, and nothing inside this layer
 * runs; on a miss the answer the client is given is kept for next time, as it is given.
 */
export const answerFromCache: ModelRequestLayer = (context, next) => {
  const { runtime, request, meta } = context;
  if (!runtime.cache) return next();
  const cached = runtime.cache.lookup(request, context.extras, meta.cacheDirective, {
    partition: meta.partition,
    regions: context.policy.regions,
  });
  // most requests are not looked up: decided at once, with no turn of the event loop
  return cached instanceof Promise
    ? cached.then((found) => afterLookup(context, found, next))
    : afterLookup(context, cached, next);
};

function afterLookup(
  context: ModelRequestContext,
  cached: CacheLookup,
  next: () => Promise<ModelOutcome>,
): Promise<ModelOutcome> {
  const { request, log, clock, headerFields } = context;
  headerFields.cache = log.cache = cached.outcome;
  if (cached.embeddingCostUsd) log.sideCostUsd = cached.embeddingCostUsd;
  // embedding and rewrite calls are upstream waits, not relay time
  clock.skip(cached.upstreamMs ?? 0);
  if (cached.hit) {
    const { hit } = cached;
    serveCachedAnswer(context.codec, request, context.response, { ...cached, hit }, log, () => {
      const overheadMs = clock.lap();
      return relayHeaders({
        ...headerFields,
        provider: hit.provider,
        model: hit.upstreamModel,
        attempts: 0,
        costUsd: log.costUsd,
        cacheSimilarity: hit.similarity,
        overheadMs,
      });
    });
    context.finish('ok', 200);
    return Promise.resolve({ served: true });
  }
  const { save } = cached;
  if (!save) return next();
  // kept as the client gets it, so a question asked again at once finds it
  context.hooks.served = ({ answer, provider, upstreamModel, costUsd }) =>
    save(answer, provider, upstreamModel, costUsd);
  return next();
}
