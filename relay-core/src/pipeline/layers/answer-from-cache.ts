import { serveCachedAnswer } from '../../cache/serve-cached-answer.js';
import type { ModelRequestLayer } from '../model-request-context.js';
import { relayHeaders } from '../relay-headers.js';

/**
 * The answer cache around the attempt engine: a hit is the answer, and nothing inside this layer
 * runs; on a miss the answer the client is given is kept for next time, as it is given.
 */
export const answerFromCache: ModelRequestLayer = async (context, next) => {
  const { runtime, request, meta, log, clock, headerFields } = context;
  const cached = await runtime.cache?.lookup(request, context.extras, meta.cacheDirective, {
    partition: meta.partition,
    regions: context.policy.regions,
  });
  if (!cached) return next();
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
    return { served: true };
  }
  const { save } = cached;
  if (!save) return next();
  // kept as the client gets it, so a question asked again at once finds it
  context.hooks.served = ({ answer, provider, upstreamModel, costUsd }) =>
    save(answer, provider, upstreamModel, costUsd);
  return next();
};
