import type { ServerResponse } from 'node:http';
import { forgetClientBody, keepClientBody } from '../canonical/client-body.js';
import { restoreToolCallIds } from '../canonical/tool-call-id.js';
import type { CanonicalRequest, Dialect } from '../canonical/types.js';
import { parseAnthropicRequest } from '../dialects/anthropic-messages/parse-anthropic-request.js';
import { describeRequest } from '../routing/match-route.js';
import type { Target } from '../routing/resolve-targets.js';
import type { JsonBody } from '../server/read-body.js';
import { sendError, sendJson } from '../shared/send-json.js';
import type { ErrorEncoder } from '../shared/send-json.js';
import { encodeAnthropicError } from '../dialects/anthropic-messages/encode-anthropic-error.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { relayHeaders } from './relay-headers.js';
import type { RelayRuntime } from './relay-runtime.js';
import { routeRequest } from './route-request.js';

export interface CountMeta {
  id: string;
  client?: string;
  /** The client's `anthropic-beta` header. */
  betas?: string;
}

/** How one dialect asks for a count and reads the answer. */
export interface CountDialect {
  /** The request whose input is counted, from the client's body. */
  parse(json: unknown): CanonicalRequest;
  /** Set when a target of the client's own dialect counts the client's own body (Anthropic). */
  clientBody?: Dialect;
  /** The count in the dialect's shape. */
  answer(inputTokens: number): unknown;
  encodeError: ErrorEncoder;
}

/** `POST /v1/messages/count_tokens`: a Messages body without `max_tokens`; `{input_tokens}`. */
export const anthropicCount: CountDialect = {
  parse: (json) => parseAnthropicRequest(json, true),
  clientBody: 'anthropic-messages',
  answer: (inputTokens) => ({ input_tokens: inputTokens }),
  encodeError: encodeAnthropicError,
};

/**
 * Asks the target's own counting endpoint, when its adapter has one and a key. Undefined when it
 * has none or the count failed: the relay estimates instead. A count is free and no request to
 * the model, so its failure says nothing of the provider's health.
 */
async function countAtTarget(
  runtime: RelayRuntime,
  request: CanonicalRequest,
  { provider, model }: Target,
): Promise<number | undefined> {
  const adapter = runtime.adapterFor(provider, model);
  if (!adapter?.countTokens) return undefined;
  const apiKey = await runtime.getKey(provider);
  if (apiKey === undefined && !provider.preset.keyless) return undefined;
  try {
    return await adapter.countTokens(request, {
      provider,
      model,
      apiKey,
      // a count is waited for like a first token
      signal: AbortSignal.timeout(Math.min(provider.timeoutMs, runtime.fallback.firstTokenTimeoutMs)),
      dispatcher: runtime.dispatcher,
    });
  } catch {
    return undefined;
  }
}

/**
 * A count (`/v1/messages/count_tokens`, Gemini's `:countTokens`): routed as a model request with
 * the same body would be, counted by the first target's own counting endpoint (Anthropic, Gemini,
 * Bedrock) or else estimated by the relay; `x-relay-token-count` says which (`exact` or
 * `estimated`). A count is not recorded in the history: it costs nothing and answers nothing.
 * Never throws: a refusal is answered in the client's dialect.
 */
export async function handleCountTokens(
  runtime: RelayRuntime,
  body: JsonBody,
  response: ServerResponse,
  meta: CountMeta,
  dialect: CountDialect = anthropicCount,
): Promise<void> {
  const headers = relayHeaders({ requestId: meta.id });
  let request: CanonicalRequest | undefined;
  try {
    request = dialect.parse(body.json);
    if (dialect.clientBody)
      keepClientBody(request, { dialect: dialect.clientBody, bytes: body.bytes, betas: meta.betas });
    restoreToolCallIds(request);
    runtime.limiter.checkModel(meta.client, request.model);
    const features = describeRequest(request, meta.client, runtime.maxSimpleTokens);
    // peek: a count leaves the latency predictor's probes alone
    const [target] = routeRequest(runtime, request, features, true);
    const counted = target && (await countAtTarget(runtime, request, target));
    const inputTokens = counted ?? (await estimateUsage(request, { text: '', reasoning: '' })).inputTokens;
    sendJson(
      response,
      200,
      dialect.answer(inputTokens),
      relayHeaders({
        requestId: meta.id,
        tokenCount: counted === undefined ? 'estimated' : 'exact',
        provider: target?.provider.id,
        model: target?.model,
      }),
    );
  } catch (error) {
    sendError(response, error, dialect.encodeError, runtime, headers);
  } finally {
    if (request) forgetClientBody(request);
  }
}
