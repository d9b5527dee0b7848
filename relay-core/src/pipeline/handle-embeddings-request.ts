import type { ServerResponse } from 'node:http';
import { toRelayError } from '../canonical/errors.js';
import type { Usage } from '../canonical/types.js';
import type { EmbeddingsCodec } from '../dialects/embeddings/embeddings-codec.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import { planTargets } from '../routing/plan-targets.js';
import { sendError, sendJson } from '../shared/send-json.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { callTargets } from './call-targets.js';
import type { RequestMeta } from './model-request-context.js';
import { newRequestLog } from './relay-runtime.js';
import { relayHeaders } from './relay-headers.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';

/**
 * An embeddings request in the client's dialect (OpenAI's `POST /v1/embeddings`, Gemini's
 * `:embedContent`), to any provider whose adapter embeds, through the attempt engine (targets in
 * order, failover by the retry rules, health recorded), usage counted when the provider reports none, recorded in the history like every other
 * request.
 */
export async function handleEmbeddingsRequest(
  runtime: RelayRuntime,
  codec: EmbeddingsCodec,
  body: unknown,
  response: ServerResponse,
  meta: RequestMeta,
): Promise<void> {
  const attempts: AttemptLog[] = [];
  const log = newRequestLog(meta, 'embeddings', body, attempts);
  const done = (status: RequestLog['status'], httpStatus: number, errorCode?: string) => {
    Object.assign(log, { status, httpStatus, errorCode, latencyMs: runtime.now() - meta.receivedAt });
    runtime.record(log);
  };
  try {
    const { request, encode } = codec.parse(body);
    await runtime.limiter.admit(meta.client, request.model);
    const { eligible } = planTargets(
      resolveTargets(request.model, runtime.providers, runtime.routes, runtime.serves),
      runtime.routes,
      runtime.policy.regions,
      runtime.health,
    );
    const {
      value: result,
      target,
      attempt,
    } = await callTargets(
      runtime,
      eligible.slice(0, Math.max(1, runtime.fallback.maxAttempts)),
      attempts,
      { canServe: (adapter) => adapter.embed !== undefined, unsupported: 'has no embeddings API' },
      (_target, adapter, context) => adapter.embed!(request, context),
    );
    const { provider, model } = target;
    const usage: Usage =
      result.inputTokens === undefined
        ? await estimateUsage(
            {
              model,
              stream: false,
              includeUsage: false,
              messages: request.input.map((text) => ({
                role: 'user',
                content: [{ type: 'text', text }],
              })),
            },
            { text: '', reasoning: '' },
          )
        : { inputTokens: result.inputTokens, outputTokens: 0 };
    const price = runtime.price(provider, result.model, usage);
    Object.assign(attempt, { usage, costUsd: price.costUsd, unpriced: price.unpriced });
    Object.assign(log, {
      provider: provider.id,
      upstreamModel: result.model,
      usage,
      costUsd: price.costUsd,
      unpriced: price.unpriced,
    });
    sendJson(
      response,
      200,
      encode({ model: result.model, vectors: result.vectors, usage }),
      relayHeaders({
        requestId: meta.id,
        provider: provider.id,
        model: result.model,
        attempts: attempts.length,
        costUsd: price.costUsd,
      }),
    );
    done('ok', 200);
  } catch (error) {
    const relayError = toRelayError(error);
    sendError(
      response,
      relayError,
      codec.encodeError,
      runtime,
      relayHeaders({ requestId: meta.id, attempts: attempts.length }),
    );
    done('error', relayError.status, relayError.code);
  }
}
