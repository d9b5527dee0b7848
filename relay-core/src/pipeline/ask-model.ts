import { collectStream } from '../canonical/accumulate-stream.js';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import { fitToTarget } from './fit-request.js';
import type { RelayRuntime } from './relay-runtime.js';
import { callSideModel } from './side-call-targets.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';

/**
 * One prompt to a model on the relay's behalf (a gate's evaluator, the semantic cache's
 * rewriter), through the model's targets that the request's policy allows, in order, at
 * temperature 0. Returns the answer and what it cost (null: unpriced).
 */
export async function askModel(
  runtime: RelayRuntime,
  model: string,
  prompt: string,
  policy: SideCallPolicy,
): Promise<{ answer: CanonicalResponse; costUsd: number | null }> {
  return callSideModel(
    runtime,
    model,
    policy,
    () => true,
    async (target, adapter, context) => {
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
        context,
      );
      const answer = result.kind === 'response' ? result.response : await collectStream(result.events);
      const price = runtime.price(target.provider, answer.model || target.model, answer.usage);
      return { answer, costUsd: price.costUsd };
    },
  );
}
