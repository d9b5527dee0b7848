import { accumulateStream } from '../canonical/accumulate-stream.js';
import { RelayError, toRelayError } from '../canonical/errors.js';
import type { CanonicalResponse, StreamEvent } from '../canonical/types.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { Evaluator } from './run-gates.js';
import { visibleText } from './run-gates.js';

/** The first number in the evaluator's reply, as a 0–1 score (a 0–10 or 0–100 scale is scaled down). */
export function parseScore(reply: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(reply);
  if (!match) throw new RelayError('UPSTREAM_PROTOCOL_ERROR', 'the evaluator gave no score');
  const value = Number(match[0]);
  const scaled = value > 10 ? value / 100 : value > 1 ? value / 10 : value;
  return Math.min(1, Math.max(0, scaled));
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<CanonicalResponse> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return accumulateStream(all);
}

/** An evaluator that asks a model through the relay's own providers (the model's targets in order). */
export function createRuntimeEvaluator(runtime: RelayRuntime): Evaluator {
  return async (model, prompt, question, answer) => {
    let lastError: RelayError | undefined;
    for (const target of resolveTargets(model, runtime.providers, runtime.routes, runtime.serves)) {
      const adapter = runtime.adapterFor(target.provider, target.model);
      const apiKey = await runtime.getKey(target.provider);
      if (!adapter || (apiKey === undefined && !target.provider.preset.keyless)) continue;
      try {
        const result = await adapter.send(
          {
            model: target.model,
            stream: false,
            includeUsage: false,
            temperature: 0,
            messages: [
              {
                role: 'user',
                content: [
                  {
                    type: 'text',
                    text: `${prompt}\nReply with only a number from 0 (useless) to 1 (excellent).\n\nQuestion:\n${question}\n\nAnswer:\n${answer}`,
                  },
                ],
              },
            ],
          },
          {
            provider: target.provider,
            model: target.model,
            apiKey,
            signal: AbortSignal.timeout(target.provider.timeoutMs),
            dispatcher: runtime.dispatcher,
          },
        );
        const reply = result.kind === 'response' ? result.response : await collect(result.events);
        return parseScore(visibleText(reply));
      } catch (error) {
        lastError = toRelayError(error);
      }
    }
    throw lastError ?? new RelayError('NO_PROVIDER', `no configured provider serves evaluator '${model}'`);
  };
}
