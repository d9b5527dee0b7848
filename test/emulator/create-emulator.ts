import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FaultQueue, errorBody, htmlErrorPage } from './faults.js';
import type { EmulatedApi, FaultSpec } from './faults.js';
import { loadRecording } from './load-recording.js';
import { findScenario, scenarioModels, scenarios } from './scenarios.js';
import type { RequestShape } from './scenarios.js';

export interface EmulatorCall {
  method: string;
  path: string;
  /** The query string, with its `?` (empty when none). */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  scenario?: string;
  fault?: FaultSpec;
  /** The client closed the connection before the response was complete. */
  aborted: boolean;
  finished: boolean;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:PORT; OpenAI routes live under `${url}/v1`. */
  url: string;
  port: number;
  calls: EmulatorCall[];
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  reset(): void;
  scenarios(): string[];
  close(): Promise<void>;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** When set, other bearer keys get OpenAI's 401; when unset any non-empty key is accepted. */
  expectedKey?: string;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Splits text into byte pieces, cutting through UTF-8 sequences on purpose. */
function splitBytes(text: string | Buffer, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return pieces;
}

const bedrockPath = /^\/model\/([^/]+)\/(converse|converse-stream)$/;
const azurePath = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const geminiPath = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/;

/** Which API a request speaks and what it asks for, or undefined for a path no API serves. */
function describeRequest(path: string, body: unknown): (RequestShape & { stream: boolean }) | undefined {
  const wire = (body ?? {}) as {
    model?: string;
    stream?: boolean;
    tools?: unknown[];
    thinking?: { type?: string };
    generationConfig?: { thinkingConfig?: { includeThoughts?: boolean } };
  };
  const hasTools = Array.isArray(wire.tools) && wire.tools.length > 0;
  if (path === '/v1/embeddings') {
    return { api: 'openai-chat', model: wire.model ?? '', stream: false, hasTools: false, thinking: false };
  }
  if (path === '/v1/chat/completions' || path === '/v1/messages' || path === '/v1/responses') {
    const api =
      path === '/v1/messages'
        ? 'anthropic-messages'
        : path === '/v1/responses'
          ? 'openai-responses'
          : 'openai-chat';
    return {
      api,
      model: wire.model ?? '',
      stream: wire.stream === true,
      hasTools,
      thinking: wire.thinking?.type === 'enabled',
    };
  }
  const azure = azurePath.exec(path);
  if (azure) {
    return {
      api: 'openai-chat',
      model: decodeURIComponent(azure[1]!),
      stream: wire.stream === true,
      hasTools,
      thinking: false,
    };
  }
  const bedrock = bedrockPath.exec(path);
  if (bedrock) {
    return {
      api: 'bedrock',
      model: decodeURIComponent(bedrock[1]!),
      stream: bedrock[2] === 'converse-stream',
      hasTools: false,
      thinking: false,
    };
  }
  const gemini = geminiPath.exec(path);
  if (!gemini) return undefined;
  return {
    api: 'gemini',
    model: decodeURIComponent(gemini[1]!),
    stream: gemini[2] === 'streamGenerateContent',
    hasTools,
    thinking: wire.generationConfig?.thinkingConfig?.includeThoughts === true,
  };
}

/**
 * Starts the upstream emulator: an OpenAI-compatible server that answers with recorded real
 * provider traffic (test/emulator/fixtures) and injects faults on demand, so the relay can be
 * tested offline against what providers really send.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const calls: EmulatorCall[] = [];
  const faults = new FaultQueue();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number | undefined) =>
    ms && ms > 0
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        })
      : Promise.resolve();

  async function serveChat(
    request: IncomingMessage,
    response: ServerResponse,
    call: EmulatorCall,
    shape: RequestShape & { stream: boolean },
  ): Promise<void> {
    const { api } = shape;
    const body = { model: shape.model, stream: shape.stream };
    const fault = faults.take(body.model, call.path);
    if (fault) call.fault = fault;
    await delay(fault?.delayHeadersMs);
    if (call.aborted) return;
    if (fault?.reset === 'before-headers') {
      request.socket.destroy();
      return;
    }
    if (fault?.malformed === 'html') {
      response.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
      response.end(htmlErrorPage);
      return;
    }
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      const text =
        fault.body === undefined
          ? errorBody(api, fault.status)
          : typeof fault.body === 'string'
            ? fault.body
            : JSON.stringify(fault.body);
      sendJson(response, fault.status, text, headers);
      return;
    }
    const forced = fault?.scenario ?? (request.headers['x-emulator-scenario'] as string | undefined);
    const scenario = findScenario(shape, forced);
    if (!scenario) {
      const message = `The model \`${body.model ?? ''}\` does not exist or you do not have access to it.`;
      sendJson(response, 404, errorBody(api, 404, message, 'model_not_found'));
      return;
    }
    call.scenario = scenario.name;
    const reference = body.stream === true ? scenario.stream : scenario.json;
    if (!reference) {
      const kind = body.stream ? 'streamed' : 'non-streamed';
      sendJson(
        response,
        400,
        errorBody(api, 400, `emulator: scenario '${scenario.name}' has no ${kind} recording`, null),
      );
      return;
    }
    const recording = loadRecording(reference);
    if (recording.kind === 'json') {
      const text =
        fault?.malformed === 'truncated-json'
          ? recording.body.slice(0, Math.floor(recording.body.length / 2))
          : recording.body;
      sendJson(response, recording.status, text, { 'content-type': recording.contentType });
      return;
    }
    const binary = recording.kind === 'binary';
    const events: Array<string | Buffer> = binary ? recording.frames : recording.events;
    response.writeHead(recording.status, {
      'content-type': binary ? recording.contentType : 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.flushHeaders();
    if (fault?.reset === 'after-headers') {
      request.socket.destroy();
      return;
    }
    await delay(fault?.delayFirstChunkMs);
    let lastWrite = Promise.resolve();
    for (const [index, event] of events.entries()) {
      if (call.aborted) return;
      if (fault?.dropAfterChunks !== undefined && index >= fault.dropAfterChunks) {
        // the chunks before the drop really reach the client: wait until they are flushed
        await lastWrite;
        request.socket.destroy();
        return;
      }
      if (index > 0) await delay(fault?.chunkDelayMs);
      if (call.aborted) return;
      const text: string | Buffer =
        fault?.malformed === 'truncated-json' && index === 2 && typeof event === 'string'
          ? event.slice(0, Math.floor(event.length / 2)) + '\n\n'
          : event;
      if (fault?.endAfterChunks !== undefined && index >= fault.endAfterChunks) break;
      const pieces = fault?.fragmentBytes ? splitBytes(text, fault.fragmentBytes) : [Buffer.from(text)];
      for (const piece of pieces) {
        lastWrite = new Promise<void>((resolve) => response.write(piece, () => resolve()));
        // a real gap between pieces, so the relay sees them as separate reads
        if (pieces.length > 1)
          await lastWrite.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      }
    }
    response.end();
  }

  async function serveControl(
    path: string,
    method: string,
    body: unknown,
    response: ServerResponse,
  ): Promise<void> {
    if (path === '/__emulator/faults' && method === 'POST') faults.add(body as FaultSpec);
    else if (path === '/__emulator/faults' && method === 'DELETE') faults.clear();
    else if (path === '/__emulator/calls' && method === 'GET')
      return sendJson(response, 200, JSON.stringify(calls));
    else if (path === '/__emulator/calls' && method === 'DELETE') calls.length = 0;
    else if (path === '/__emulator/scenarios' && method === 'GET')
      return sendJson(response, 200, JSON.stringify(scenarios));
    else return sendJson(response, 404, JSON.stringify({ error: 'unknown control endpoint' }));
    sendJson(response, 200, JSON.stringify({ ok: true }));
  }

  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://emulator.invalid').pathname;
      const body = await readBody(request);
      if (path.startsWith('/__emulator/')) return serveControl(path, request.method ?? 'GET', body, response);
      const call: EmulatorCall = {
        method: request.method ?? 'GET',
        path,
        query: new URL(request.url ?? '/', 'http://emulator.invalid').search,
        headers: { ...request.headers },
        body,
        aborted: false,
        finished: false,
      };
      calls.push(call);
      response.on('finish', () => (call.finished = true));
      response.on('close', () => {
        if (!response.writableFinished) call.aborted = true;
      });
      const shape = describeRequest(path, call.body);
      const api: EmulatedApi = shape?.api ?? 'openai-chat';
      // OpenAI-family clients send a bearer token, Anthropic's x-api-key, Gemini's x-goog-api-key
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      const key =
        api === 'bedrock'
          ? /^(AWS4-HMAC-SHA256 Credential=(\S+?)\/|Bearer (\S+))/.exec(
              request.headers.authorization ?? '',
            )?.[0]
          : api === 'anthropic-messages'
            ? (request.headers['x-api-key'] as string | undefined)
            : api === 'gemini'
              ? ((request.headers['x-goog-api-key'] as string | undefined) ??
                new URL(request.url ?? '/', 'http://e').searchParams.get('key') ??
                undefined)
              : ((request.headers['api-key'] as string | undefined) ?? bearer);
      if (!key) return sendJson(response, 401, errorBody(api, 401, 'You did not provide an API key.', null));
      // a SigV4 signature cannot be compared with a key; its presence is checked above
      if (options.expectedKey !== undefined && api !== 'bedrock' && key !== options.expectedKey) {
        return sendJson(
          response,
          401,
          errorBody(api, 401, 'Incorrect API key provided: sk-***.', 'invalid_api_key'),
        );
      }
      if (path === '/v1/models' && request.method === 'GET') {
        const data = scenarioModels().map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'emulator',
        }));
        return sendJson(response, 200, JSON.stringify({ object: 'list', data }));
      }
      if (shape && request.method === 'POST') return serveChat(request, response, call, shape);
      sendJson(
        response,
        404,
        JSON.stringify({
          error: { message: `Unknown path ${path}`, type: 'invalid_request_error', param: null, code: null },
        }),
      );
    })().catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(
          response,
          500,
          JSON.stringify({
            error: { message: String(error), type: 'server_error', param: null, code: null },
          }),
        );
      else response.destroy();
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
    url: `http://${host}:${port}`,
    port,
    calls,
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    reset() {
      calls.length = 0;
      faults.clear();
    },
    scenarios: () => scenarios.map((scenario) => scenario.name),
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
