import { RelayError } from '../canonical/errors.js';
import type { Embedder } from '../cache/embedder.js';
import type { RelayRuntime } from './relay-runtime.js';
import { callSideModel } from './side-call-targets.js';

/**
 * An embedder that goes through the relay's own providers, as `/v1/embeddings` would: the
 * model's targets that the request's policy allows, in order, skipping those without a key or an
 * embeddings API.
 */
export function createRuntimeEmbedder(runtime: RelayRuntime): Embedder {
  return (model, text, policy) =>
    callSideModel(
      runtime,
      model,
      policy,
      (adapter) => adapter.embed !== undefined,
      async (target, adapter, context) => {
        const result = await adapter.embed!({ model: target.model, input: [text] }, context);
        const vector = result.vectors[0];
        if (!vector || vector.length === 0)
          throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${target.provider.id} returned no embedding`);
        const inputTokens = result.inputTokens ?? Math.ceil(text.length / 4);
        const usage = { inputTokens, outputTokens: 0 };
        const price = runtime.price(target.provider, result.model || target.model, usage);
        return { vector: Float32Array.from(vector), costUsd: price.costUsd };
      },
    );
}
