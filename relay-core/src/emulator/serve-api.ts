import type { IncomingMessage } from 'node:http';
import type { EmulatorCall } from './emulator-types.js';
import { assembleChatCompletion } from './assemble-chat-completion.js';
import { errorBody, htmlErrorPage } from './error-bodies.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import { sendJson, writePiece } from './http-io.js';
import { loadRecording } from './load-recording.js';
import { replayRecording } from './replay-recording.js';
import type { ReplayContext } from './replay-recording.js';
import type { ApiRoute, RequestShape } from './routes/api-route.js';
import { header } from './routes/api-route.js';
import { pickScenario } from './scenarios.js';
import { fitEmbeddingsCount } from './fit-embeddings-count.js';
import { serveSynthesized } from './synthesized/synthesized-scenarios.js';

/** One provider API request, after authentication. */
export interface ApiRequest extends Omit<ReplayContext, 'fault'> {
  request: IncomingMessage;
  call: EmulatorCall;
  route: ApiRoute;
  shape: RequestShape;
  faults: FaultQueue;
  /** EmulatorOptions.wholeFromStream. */
  wholeFromStream?: boolean;
}

/** Answers with the fault's status: its body, or the provider's own error body for that status. */
function sendFaultStatus(api: ApiRequest, fault: FaultSpec & { status: number }): void {
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  const body =
    fault.body === undefined
      ? errorBody(api.route.api, fault.status)
      : typeof fault.body === 'string'
        ? fault.body
        : JSON.stringify(fault.body);
  sendJson(api.response, fault.status, body, headers);
}

const endlessPieceBytes = 2 ** 20;
const endlessMaxBytes = 256 * 2 ** 20;

/** An answer that never ends (`endless`): it grows until the client goes away. */
async function sendEndless(api: ApiRequest): Promise<void> {
  const { response, signal, shape } = api;
  response.writeHead(200, { 'content-type': shape.stream ? 'text/event-stream' : 'application/json' });
  const piece = Buffer.alloc(endlessPieceBytes, 'a');
  await writePiece(
    response,
    shape.stream ? 'data: {"choices":[{"delta":{"content":"' : '{"id":"endless","x":"',
  );
  for (let sent = 0; sent < endlessMaxBytes && !signal.aborted && !response.destroyed; sent += piece.length)
    await writePiece(response, piece);
  response.end();
}

/** Why no recording answers, in the provider's own error shape. */
function sendNoScenario(api: ApiRequest, problem: string, detail: string): void {
  const { route, response } = api;
  if (problem === 'unknown-model') {
    const unknown = route.unknownModel(detail);
    return sendJson(
      response,
      unknown.status,
      errorBody(route.api, unknown.status, unknown.message, unknown.code),
    );
  }
  const message =
    problem === 'unknown-scenario' ? `emulator: no scenario named '${detail}'` : `emulator: ${detail}`;
  sendJson(response, 400, errorBody(route.api, 400, message, null));
}

/**
 * Serves one provider API request: applies the first matching fault, then replays the recording
 * the request's scenario names (forced by the fault or the `x-emulator-scenario` header, or picked
 * by model and shape).
 */
export async function serveApi(api: ApiRequest): Promise<void> {
  const { call, shape, response, signal } = api;
  const key = api.route.apiKey(api.request, new URL(`${call.path}${call.query}`, 'http://emulator'));
  const fault = api.faults.take(shape.model, call.path, key);
  if (fault) call.fault = fault;
  await api.delay(fault?.delayHeadersMs, signal);
  if (signal.aborted) return;
  if (fault?.reset === 'before-headers') return api.cut();
  if (fault?.malformed === 'html') {
    response.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
    response.end(htmlErrorPage);
    return;
  }
  if (fault?.status !== undefined) return sendFaultStatus(api, { ...fault, status: fault.status });
  if (fault?.endless) return sendEndless(api);
  const forced = fault?.scenario ?? header(api.request, 'x-emulator-scenario');
  if (forced === undefined && serveSynthesized(shape, call.body, response)) {
    call.scenario = `synthesized:${shape.model}`;
    return;
  }
  const pick = pickScenario(shape, forced);
  if ('problem' in pick) return sendNoScenario(api, pick.problem, pick.detail);
  call.scenario = pick.scenario.name;
  const reference = shape.stream ? pick.scenario.stream : pick.scenario.json;
  const assembled =
    !reference &&
    !shape.stream &&
    api.wholeFromStream &&
    api.route.api === 'openai-chat' &&
    pick.scenario.stream
      ? assembleChatCompletion(loadRecording(pick.scenario.stream))
      : undefined;
  if (assembled !== undefined) {
    call.scenario = `${pick.scenario.name} (whole, from the stream)`;
    const recording = {
      kind: 'json' as const,
      status: 200,
      body: assembled,
      contentType: 'application/json',
    };
    return replayRecording({ ...api, fault }, recording);
  }
  if (!reference) {
    const kind = shape.stream ? 'streamed' : 'non-streamed';
    return sendNoScenario(api, 'no-recording', `scenario '${pick.scenario.name}' has no ${kind} recording`);
  }
  const recording = loadRecording(reference);
  await replayRecording(
    { ...api, fault },
    shape.embeddings ? fitEmbeddingsCount(recording, call.body) : recording,
  );
}
