import { collectStream } from '../canonical/accumulate-stream.js';
import { RelayError, toRelayError } from '../canonical/errors.js';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import { fitToTarget } from './fit-request.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { RelayRuntime } from './relay-runtime.js';

/**
 * One prompt to a model on the relay's behalf (a gate's evaluator, the semantic cache's
 * rewriter), through the model's targets in order, at temperature 0. Returns the answer and what
 * it cost (null: unpriced).
 */
export async function askModel(
  runtime: RelayRuntime,
  model: string,
  prompt: string,
): Promise<{ answer: CanonicalResponse; costUsd: number | null }> {
  let lastError: RelayError | undefined;
  for (const target of resolveTargets(model, runtime.providers, runtime.routes, runtime.serves)) {
    const adapter = runtime.adapterFor(target.provider, target.model);
    const apiKey = await runtime.getKey(target.provider);
    if (!adapter || (apiKey === undefined && !target.provider.preset.keyless)) continue;
    try {
      const request: CanonicalRequest = {
        model: target.model,
        stream: false,
        includeUsage: false,
        temperature: 0,
        messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
      };
      const result = await adapter.send(
        // fitted like any attempt: Anthropic needs an output limit its model takes
        fitToTarget(runtime, request, target).request,
        {
          provider: target.provider,
          model: target.model,
          apiKey,
          signal: AbortSignal.timeout(target.provider.timeoutMs),
          dispatcher: runtime.dispatcher,
        },
      );
      const answer = result.kind === 'response' ? result.response : await collectStream(result.events);
      const price = runtime.price(target.provider, answer.model || target.model, answer.usage);
      return { answer, costUsd: price.costUsd };
    } catch (error) {
      lastError = toRelayError(error);
    }
  }
  throw lastError ?? new RelayError('NO_PROVIDER', `no configured provider serves '${model}'`);
}
