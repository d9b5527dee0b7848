import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { RelayError } from '../canonical/errors.js';
import type { Config } from '../config/schema.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import { openAIChatCodec } from '../dialects/openai-chat/openai-chat-codec.js';
import { handleModelRequest } from '../pipeline/handle-model-request.js';
import { readCacheDirective } from '../cache/cache-directive.js';
import { handleEmbeddingsRequest } from '../pipeline/handle-embeddings-request.js';
import { openAIEmbeddingsCodec } from '../dialects/embeddings/embeddings-codec.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import { secretsEqual } from '../secrets/digest-secret.js';
import { extractClientKey } from './client-auth.js';
import type { AuthenticatedClient } from './client-auth.js';
import { createHostCheck } from './host-check.js';
import { readJson, readJsonBody } from './read-body.js';
import type { JsonBody } from './read-body.js';
import { newRequestId } from './request-id.js';
import { readTraceParent } from '../telemetry/trace-context.js';
import { sendError, sendJson } from '../shared/send-json.js';
import type { ErrorEncoder } from '../shared/send-json.js';
import { anthropicMessagesCodec } from '../dialects/anthropic-messages/anthropic-messages-codec.js';
import { handleCountTokens } from '../pipeline/handle-count-tokens.js';
import { warmTokenCounter } from '../tokens/estimate-tokens.js';
import { encodeAnthropicError } from '../dialects/anthropic-messages/encode-anthropic-error.js';
import { encodeOpenAIError } from '../dialects/openai-chat/encode-openai-error.js';
import { serveStatic } from './serve-static.js';
import { createGeminiApiCodec } from '../dialects/gemini-api/gemini-api-codec.js';
import { encodeGeminiError } from '../dialects/gemini-api/encode-gemini-error.js';
import { matchGeminiPath } from './match-gemini-path.js';
import type { GeminiPath } from './match-gemini-path.js';
import { serveGeminiApi } from './serve-gemini-api.js';
import { readClientSignals } from '../routing/identify-agent.js';
import { captureExchange } from './capture-exchange.js';
import type { ExchangeCapture } from './capture-exchange.js';
import type { ReadinessProbes } from '../store/readiness-probes.js';

/** Admin API handlers (the UI's backend); each returns a JSON-able body, or an AdminReply. */
export type AdminRoute = (url: URL, body: unknown) => unknown | Promise<unknown>;

/** An admin answer with a status of its own: a refused edit is an error, its body the details. */
export class AdminReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export interface RelayServerOptions {
  runtime: RelayRuntime;
  /** Extra Host names accepted besides loopback (config `server.allowed_hosts`). */
  allowedHosts: () => readonly string[];
  /** Resolves a client key to its client, or undefined when it is not valid. */
  authenticateClient: (key: string) => AuthenticatedClient | undefined;
  adminToken: string;
  adminRoutes: Record<string, AdminRoute>;
  /** `GET /metrics`, behind the admin token: the Prometheus text of the relay's metrics. */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** Folder of the built renderer, served at /ui. */
  uiRoot?: string;
  /** Dialects that need the relay's state (the Responses API's stored conversations), by path. */
  statefulCodecs?: Record<string, DialectCodec>;
  /** How long a client may take to send its headers, and its whole request (config `server.*_timeout_ms`). */
  timeouts: { headersMs: number; requestMs: number };
  /** Where request and answer bodies go when capture is on (config `history.capture`). */
  capture?: ExchangeCapture;
  /** The stores' checks `/ready` runs (none registered: ready while serving). */
  readiness?: ReadinessProbes;
}

const modelRoutes: Record<string, DialectCodec> = {
  '/v1/chat/completions': openAIChatCodec,
  '/v1/messages': anthropicMessagesCodec,
};

/** How many Host headers came (rawHeaders alternates names and values, as sent). */
function hostHeaders(rawHeaders: string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') count += 1;
  }
  return count;
}

/** A browser's page load of `/` (API clients do not ask for HTML): it wants the UI. */
function isBrowserAtRoot(request: IncomingMessage, path: string): boolean {
  return path === '/' && (request.headers.accept ?? '').includes('text/html');
}

/** Errors before a handler ran (auth, Host, body) still answer in the dialect of the path. */
function errorEncoderFor(request: IncomingMessage): ErrorEncoder {
  const [path = '', query] = (request.url ?? '').split('?');
  if (matchGeminiPath(path, request.headers, query === undefined ? undefined : new URLSearchParams(query)))
    return encodeGeminiError;
  return path.startsWith('/v1/messages') ? encodeAnthropicError : encodeOpenAIError;
}

/** A Gemini request's codec: the path has its model, and `alt=sse` or not its kind of stream. */
function geminiCodecFor(path: GeminiPath | undefined, url: URL | undefined): DialectCodec | undefined {
  if (path?.kind !== 'call' || !/^(generateContent|streamGenerateContent)$/.test(path.method))
    return undefined;
  return createGeminiApiCodec({
    model: path.model,
    stream: path.method === 'streamGenerateContent',
    sse: url?.searchParams.get('alt') === 'sse',
  });
}

/** The server timeouts config.yaml sets (`server.*_timeout_ms`). */
export function serverTimeoutsOf(server: Config['server']): { headersMs: number; requestMs: number } {
  return { headersMs: server.headers_timeout_ms, requestMs: server.request_timeout_ms };
}

/** Sets how long a client may take over its headers and its whole request (at start and on reload). */
export function setServerTimeouts(server: Server, timeouts: { headersMs: number; requestMs: number }): void {
  server.headersTimeout = timeouts.headersMs;
  // a request cannot be given less time than its headers
  server.requestTimeout = Math.max(timeouts.requestMs, timeouts.headersMs);
}

/**
 * The relay's HTTP server (node:http). Every request passes the Host check; `/v1/*` needs a
 * client key; `/admin/*` needs the admin token and never carries CORS headers.
 */
export function createRelayServer(options: RelayServerOptions): Server {
  const { runtime } = options;
  let hostCheck: ((host: string | undefined) => boolean) | undefined;
  let hostNames: readonly string[] | undefined;

  const { headersMs, requestMs } = options.timeouts;
  // slowloris: a client that trickles its headers, or a body that never completes, gets a 408 and
  // its socket closed, and holds nothing that other clients wait on. Node only checks these on an
  // interval (30 s by default), so check often enough for the timeouts to mean what they say.
  const server = createServer(
    {
      maxHeaderSize: 32 * 1024,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(headersMs / 4))),
    },
    (request, response) => {
      // the relay's clock starts with the parsed headers: body parsing and auth are relay time
      const receivedAt = runtime.now();
      void route(request, response, receivedAt).catch((error: unknown) => {
        sendError(response, error, errorEncoderFor(request), runtime);
      });
    },
  );
  setServerTimeouts(server, { headersMs, requestMs });
  server.keepAliveTimeout = 65_000;

  async function route(
    request: IncomingMessage,
    response: ServerResponse,
    receivedAt: number,
  ): Promise<void> {
    const names = options.allowedHosts();
    if (!hostCheck || names !== hostNames) {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      hostCheck = createHostCheck(port, names);
      hostNames = names;
    }
    // Node keeps the first of two Host headers: a proxy in front may have checked the other one
    if (hostHeaders(request.rawHeaders) > 1) {
      request.resume();
      throw new RelayError('BAD_REQUEST', 'A request may carry one Host header, not several');
    }
    if (!hostCheck(request.headers.host)) {
      request.resume();
      throw new RelayError(
        'HOST_NOT_ALLOWED',
        `Host '${request.headers.host ?? ''}' is not allowed; use http://127.0.0.1 or http://localhost`,
      );
    }
    const target = request.url ?? '/';
    // a plain path (what API clients send: no dots, no query) needs no URL parser
    const url = /^\/[\w/-]*$/.test(target) ? undefined : new URL(target, 'http://relay.invalid');
    const path = url?.pathname ?? target;

    if (path === '/health') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (path === '/ready') {
      request.resume();
      // like /health, open to anyone who passes the Host check: it names store kinds, never URLs
      const report = (await options.readiness?.check()) ?? { ready: true, stores: {} };
      sendJson(
        response,
        report.ready ? 200 : 503,
        { status: report.ready ? 'ready' : 'unavailable', stores: report.stores },
        { 'cache-control': 'no-store' },
      );
      return;
    }
    if (path === '/metrics' && options.metrics) {
      await serveMetrics(request, response, options.metrics);
      return;
    }
    const gemini = matchGeminiPath(path, request.headers, url?.searchParams);
    if (gemini || path.startsWith('/v1/')) {
      await routeV1(request, response, path, receivedAt, gemini, url);
      return;
    }
    if (path.startsWith('/admin/')) {
      await routeAdmin(request, response, url ?? new URL(target, 'http://relay.invalid'));
      return;
    }
    if ((path === '/ui' || path.startsWith('/ui/')) && request.method === 'GET' && options.uiRoot) {
      if (path === '/ui') {
        response.writeHead(308, { location: '/ui/' });
        response.end();
        return;
      }
      if (await serveStatic(options.uiRoot, path, response)) return;
    }
    if (
      request.method === 'GET' &&
      options.uiRoot &&
      (path === '/favicon.ico' || isBrowserAtRoot(request, path))
    ) {
      // a browser opened at the relay's address, or asking for its icon there, is sent to the UI
      response.writeHead(path === '/' ? 302 : 301, { location: path === '/' ? '/ui/' : '/ui/favicon.svg' });
      response.end();
      return;
    }
    request.resume();
    throw new RelayError('NOT_FOUND', `Unknown path ${request.method ?? ''} ${path}`);
  }

  async function routeV1(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    receivedAt: number,
    gemini: GeminiPath | undefined,
    url: URL | undefined,
  ): Promise<void> {
    if (gemini && url?.searchParams.has('key')) {
      request.resume();
      throw new RelayError(
        'BAD_REQUEST',
        "Send the client key in the x-goog-api-key header, not in the URL's key= parameter: URLs end up in logs.",
        { param: 'key' },
      );
    }
    const key = extractClientKey(request.headers);
    const client = key === undefined ? undefined : options.authenticateClient(key);
    if (!client) {
      request.resume();
      throw new RelayError(
        'CLIENT_UNAUTHORIZED',
        key === undefined
          ? 'Missing client key: send Authorization: Bearer <key> (or x-api-key, or x-goog-api-key). Create one with `npm run relay -- keys create <name>`.'
          : 'Invalid client key. Create one with `npm run relay -- keys create <name>`.',
      );
    }
    // Anthropic clients (Claude Code) ask count_tokens as they work: the counter that estimates
    // what no upstream counts is built in the background before the first count needs it
    if (path.startsWith('/v1/messages')) warmTokenCounter();
    const codec = modelRoutes[path] ?? options.statefulCodecs?.[path] ?? geminiCodecFor(gemini, url);
    if (codec) {
      if (request.method !== 'POST') {
        request.resume();
        throw new RelayError('METHOD_NOT_ALLOWED', `${path} accepts POST only`);
      }
      const createdAt = runtime.wallClock();
      let body: JsonBody | undefined = await readJson(request, runtime.maxBodyBytes);
      const id = newRequestId();
      captureExchange(options.capture, { id, createdAt }, body, response);
      const betas = request.headers['anthropic-beta'];
      const served = handleModelRequest(runtime, codec, body, response, {
        id,
        client: client.name,
        partition: client.partition,
        receivedAt,
        createdAt,
        cacheDirective: readCacheDirective(request.headers),
        signals: readClientSignals(request.headers),
        traceparent: readTraceParent(request.headers),
        betas: typeof betas === 'string' ? betas : undefined,
        model: gemini?.kind === 'call' ? gemini.model : undefined,
      });
      // not held while the request is served (see handleModelRequest)
      body = undefined;
      await served;
      return;
    }
    if (gemini) {
      await serveGeminiApi(runtime, gemini, request, response, {
        client: client.name,
        receivedAt,
        modelIds: () => listModels(runtime).data.map((model) => String(model.id)),
      });
      return;
    }
    if (path === '/v1/embeddings' && request.method === 'POST') {
      const createdAt = runtime.wallClock();
      const body = await readJsonBody(request, runtime.maxBodyBytes);
      const id = newRequestId();
      await handleEmbeddingsRequest(runtime, openAIEmbeddingsCodec, body, response, {
        id,
        client: client.name,
        receivedAt,
        createdAt,
        traceparent: readTraceParent(request.headers),
      });
      return;
    }
    if (path === '/v1/messages/count_tokens' && request.method === 'POST') {
      const body = await readJson(request, runtime.maxBodyBytes);
      const betas = request.headers['anthropic-beta'];
      await handleCountTokens(runtime, body, response, {
        id: newRequestId(),
        client: client.name,
        ...(typeof betas === 'string' ? { betas } : {}),
      });
      return;
    }
    if (path === '/v1/models' && request.method === 'GET') {
      sendJson(response, 200, listModels(runtime));
      return;
    }
    request.resume();
    throw new RelayError('NOT_FOUND', `Unknown endpoint ${request.method ?? ''} ${path}`);
  }

  function checkAdminToken(request: IncomingMessage, what: string): void {
    const token = extractClientKey(request.headers);
    if (token === undefined || !secretsEqual(token, options.adminToken)) {
      request.resume();
      throw new RelayError('CLIENT_UNAUTHORIZED', `${what} needs the admin token printed at relay start-up.`);
    }
  }

  async function serveMetrics(
    request: IncomingMessage,
    response: ServerResponse,
    metrics: NonNullable<RelayServerOptions['metrics']>,
  ): Promise<void> {
    checkAdminToken(request, '/metrics');
    request.resume();
    if (request.method !== 'GET') throw new RelayError('METHOD_NOT_ALLOWED', '/metrics accepts GET only');
    const { contentType, text } = await metrics();
    response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    response.end(text);
  }

  async function routeAdmin(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    checkAdminToken(request, 'The admin API');
    const handler = options.adminRoutes[`${request.method ?? 'GET'} ${url.pathname}`];
    if (!handler) {
      request.resume();
      throw new RelayError('NOT_FOUND', `Unknown admin endpoint ${request.method ?? ''} ${url.pathname}`);
    }
    const body = request.method === 'GET' ? undefined : await readJsonBody(request, runtime.maxBodyBytes);
    const reply = await handler(url, body);
    if (reply instanceof AdminReply)
      sendJson(response, reply.status, reply.body, { 'cache-control': 'no-store' });
    else sendJson(response, 200, reply, { 'cache-control': 'no-store' });
  }

  return server;
}

/** `GET /v1/models`: every configured provider's models as `provider/model`, plus route names. */
export function listModels(runtime: RelayRuntime): { object: 'list'; data: Array<Record<string, unknown>> } {
  const data: Array<Record<string, unknown>> = [];
  // a route name may repeat (conditions, the auto route's tiers): listed once; aliases are routes too
  for (const name of new Set(runtime.routes.map((route) => route.name)))
    data.push({ id: name, object: 'model', created: 0, owned_by: 'switchboard' });
  for (const provider of runtime.providers) {
    for (const model of runtime.listModels(provider)) {
      data.push({ id: `${provider.id}/${model}`, object: 'model', created: 0, owned_by: provider.id });
    }
  }
  return { object: 'list', data };
}
