import type { ServerResponse } from 'node:http';
import { RelayError, toRelayError } from '../canonical/errors.js';
import type { Usage } from '../canonical/types.js';
import type { EmbeddingsCodec } from '../dialects/embeddings/embeddings-codec.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import { planTargets } from '../routing/plan-targets.js';
import { sendError, sendJson } from '../server/send-json.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { failsOver } from '../canonical/retry-rules.js';
import { openAttempt } from './open-attempt.js';
import type { RequestMeta } from './handle-model-request.js';
import { newRequestLog } from './relay-runtime.js';
import { relayHeaders } from './relay-headers.js';
import type { AttemptLog, RelayRuntime, RequestLog } from './relay-runtime.js';

/**
 * An embeddings request in the client's dialect (OpenAI's `POST /v1/embeddings`, Gemini's
 * `:embedContent`), to any provider whose adapter embeds: targets in order, failover on retryable
 * errors, usage counted when the provider reports none, recorded in the history like every other
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
  let lastError: RelayError | undefined;
  try {
    const { request, encode } = codec.parse(body);
    runtime.limiter.check(meta.client, request.model);
    const { eligible: targets } = planTargets(
      resolveTargets(request.model, runtime.providers, runtime.routes, runtime.serves),
      runtime.routes,
      runtime.policy.regions,
      runtime.health,
    );
    for (const target of targets.slice(0, Math.max(1, runtime.fallback.maxAttempts))) {
      const { provider, model } = target;
      const opened = await openAttempt(
        runtime,
        target,
        attempts,
        (adapter) => adapter.embed !== undefined,
        'has no embeddings API',
      );
      const attempt = opened.attempt;
      if (!opened.ready) {
        lastError = opened.error;
        continue;
      }
      const { adapter, apiKey } = opened.ready;
      const started = runtime.now();
      try {
        const result = await adapter.embed!(request, {
          provider,
          model,
          apiKey,
          signal: new AbortController().signal,
          dispatcher: runtime.dispatcher,
        });
        attempt.latencyMs = runtime.now() - started;
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
        Object.assign(attempt, { status: 'ok', usage, costUsd: price.costUsd, unpriced: price.unpriced });
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
        return;
      } catch (error) {
        const relayError = toRelayError(error);
        Object.assign(attempt, {
          latencyMs: runtime.now() - started,
          errorCode: relayError.code,
          httpStatus: relayError.upstreamStatus,
        });
        lastError = relayError;
        if (!failsOver(relayError.code, runtime.fallback.on)) break;
      }
    }
    throw lastError ?? new RelayError('NO_PROVIDER', 'no provider could serve this request');
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
