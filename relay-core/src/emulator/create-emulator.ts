import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createDelays } from './abortable-delay.js';
import type { Delay } from './abortable-delay.js';
import { rejectApiKey } from './check-api-key.js';
import { controlPrefix, serveControl } from './control-endpoints.js';
import type { Emulator, EmulatorCall, EmulatorOptions } from './emulator-types.js';
import { FaultQueue } from './faults.js';
import { readBody, sendJson } from './http-io.js';
import { listModels } from './list-models.js';
import { matchRoute } from './routes/all-routes.js';
import { openAIChatRoute } from './routes/openai-routes.js';
import { scenarios } from './scenarios.js';
import { serveApi } from './serve-api.js';

interface Shared {
  calls: EmulatorCall[];
  faults: FaultQueue;
  delay: Delay;
  /** Aborts when the emulator closes. */
  closing: AbortSignal;
  options: EmulatorOptions;
}

/**
 * Follows one call to its end: `finished` once written, `aborted` when the client hangs up first
 * (not when a fault cut it, nor when the emulator closed). The signal ends the call's timers.
 */
function trackCall(
  call: EmulatorCall,
  request: IncomingMessage,
  response: ServerResponse,
  closing: AbortSignal,
) {
  const hangUp = new AbortController();
  let cutByFault = false;
  response.on('finish', () => (call.finished = true));
  response.on('close', () => {
    if (response.writableFinished) return;
    if (!cutByFault && !closing.aborted) call.aborted = true;
    hangUp.abort();
  });
  const cut = () => {
    cutByFault = true;
    request.socket.destroy();
  };
  return { signal: AbortSignal.any([hangUp.signal, closing]), cut };
}

async function handle(request: IncomingMessage, response: ServerResponse, shared: Shared): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const method = request.method ?? 'GET';
  if (url.pathname.startsWith(controlPrefix)) {
    const { body } = await readBody(request);
    return serveControl({ method, path: url.pathname, body }, shared, response);
  }
  const call: EmulatorCall = {
    method,
    path: url.pathname,
    query: url.search,
    headers: { ...request.headers },
    body: undefined,
    aborted: false,
    finished: false,
  };
  const { signal, cut } = trackCall(call, request, response, shared.closing);
  ({ bytes: call.bytes, text: call.text, body: call.body } = await readBody(request));
  shared.calls.push(call);
  if (shared.calls.length > (shared.options.keepCalls ?? Infinity)) shared.calls.shift();
  const matched = method === 'POST' ? matchRoute(url.pathname, call.body) : undefined;
  // unknown paths answer in OpenAI's shape, as most clients of the emulator speak it
  const route = matched?.route ?? openAIChatRoute;
  const rejection = rejectApiKey(route, request, url, shared.options.expectedKey);
  if (rejection) return sendJson(response, 401, rejection);
  if (method === 'GET' && url.pathname === '/v1/models') return sendJson(response, 200, listModels());
  if (matched) {
    const { faults, delay } = shared;
    const { wholeFromStream } = shared.options;
    return serveApi({ ...matched, request, response, call, faults, delay, signal, cut, wholeFromStream });
  }
  const message = `Invalid URL (${method} ${url.pathname})`;
  sendJson(
    response,
    404,
    JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }),
  );
}

/**
 * Starts the upstream emulator: a server speaking the providers' APIs (OpenAI Chat Completions
 * and compatibles, Responses, Anthropic Messages, Gemini, Bedrock Converse) that answers with
 * recorded real provider traffic (resources/recordings) and injects faults on demand, so the
 * relay can be tested offline against what providers really send.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const closing = new AbortController();
  const { delay, clearAll } = createDelays();
  const shared: Shared = { calls: [], faults: new FaultQueue(), delay, closing: closing.signal, options };
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handle(request, response, shared).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const body = { error: { message: String(error), type: 'server_error', param: null, code: null } };
      sendJson(response, 500, JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    calls: shared.calls,
    inject: (fault) => shared.faults.add(fault),
    clearFaults: () => shared.faults.clear(),
    reset() {
      shared.calls.length = 0;
      shared.faults.clear();
    },
    scenarios: () => scenarios.map((scenario) => scenario.name),
    close() {
      closing.abort();
      clearAll();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
