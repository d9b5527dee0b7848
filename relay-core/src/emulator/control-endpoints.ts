import type { ServerResponse } from 'node:http';
import type { EmulatorCall } from './emulator-types.js';
import type { FaultQueue, FaultSpec } from './faults.js';
import { sendJson } from './http-io.js';
import { scenarios } from './scenarios.js';

/** Prefix of the endpoints that drive an emulator running in another process. */
export const controlPrefix = '/__emulator/';

const ok = JSON.stringify({ ok: true });
const problem = (message: string) => JSON.stringify({ error: { message } });

/**
 * `/__emulator/*`: the emulator's controls over HTTP (no key needed).
 * POST/GET/DELETE `faults` (a JSON FaultSpec; `times: null` means every request),
 * GET/DELETE `calls`, GET `scenarios`, POST `reset`.
 */
export function serveControl(
  endpoint: { method: string; path: string; body: unknown },
  state: { calls: EmulatorCall[]; faults: FaultQueue },
  response: ServerResponse,
): void {
  const { method, path, body } = endpoint;
  const route = `${method} ${path.slice(controlPrefix.length)}`;
  switch (route) {
    case 'POST faults':
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return sendJson(response, 400, problem('the body must be a JSON FaultSpec object'));
      }
      state.faults.add(body as FaultSpec);
      return sendJson(response, 200, ok);
    case 'GET faults':
      return sendJson(response, 200, JSON.stringify(state.faults.list()));
    case 'DELETE faults':
      state.faults.clear();
      return sendJson(response, 200, ok);
    case 'GET calls':
      return sendJson(response, 200, JSON.stringify(state.calls));
    case 'DELETE calls':
      state.calls.length = 0;
      return sendJson(response, 200, ok);
    case 'POST reset':
      state.calls.length = 0;
      state.faults.clear();
      return sendJson(response, 200, ok);
    case 'GET scenarios':
      return sendJson(response, 200, JSON.stringify(scenarios));
    default:
      return sendJson(response, 404, problem(`unknown control endpoint ${method} ${path}`));
  }
}
