import { RelayError, toRelayError } from '../canonical/errors.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import { resolveTargets } from '../routing/resolve-targets.js';

/** Embeds one text with a model: the vector and what it cost (null: unpriced), or a RelayError. */
export type Embedder = (
  model: string,
  text: string,
) => Promise<{ vector: Float32Array; costUsd: number | null }>;

/**
 * An embedder that goes through the relay's own providers, as `/v1/embeddings` would: the
 * model's targets in order, skipping those without a key or an embeddings API.
 */
export function createRuntimeEmbedder(runtime: RelayRuntime): Embedder {
  return async (model, text) => {
    let lastError: RelayError | undefined;
    for (const target of resolveTargets(model, runtime.providers, runtime.routes, runtime.serves)) {
      const adapter = runtime.adapterFor(target.provider, target.model);
      const apiKey = await runtime.getKey(target.provider);
      if (!adapter?.embed || (apiKey === undefined && !target.provider.preset.keyless)) continue;
      try {
        const result = await adapter.embed(
          { model: target.model, input: [text] },
          {
            provider: target.provider,
            model: target.model,
            apiKey,
            signal: AbortSignal.timeout(target.provider.timeoutMs),
            dispatcher: runtime.dispatcher,
          },
        );
        const vector = result.vectors[0];
        if (vector && vector.length > 0) {
          const inputTokens = result.inputTokens ?? Math.ceil(text.length / 4);
          const usage = {
            inputTokens,
            outputTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
            reasoningTokens: 0,
          };
          const price = runtime.price(target.provider, result.model || target.model, usage);
          return { vector: Float32Array.from(vector), costUsd: price.costUsd };
        }
        lastError = new RelayError('UPSTREAM_PROTOCOL_ERROR', `${target.provider.id} returned no embedding`);
      } catch (error) {
        lastError = toRelayError(error);
      }
    }
    throw lastError ?? new RelayError('NO_PROVIDER', `no configured provider embeds with '${model}'`);
  };
}
