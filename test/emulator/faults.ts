/** What to do to the next matching request(s). */
export interface FaultSpec {
  match?: { model?: string; path?: string };
  /** How many matching requests consume it (default 1; Infinity for all). */
  times?: number;
  status?: number;
  /** Body for `status` (object → JSON); default: a realistic OpenAI error body for the status. */
  body?: string | object;
  headers?: Record<string, string>;
  /** Sets `retry-after` (seconds or an HTTP date). */
  retryAfter?: number | string;
  delayHeadersMs?: number;
  delayFirstChunkMs?: number;
  chunkDelayMs?: number;
  reset?: 'before-headers' | 'after-headers';
  /** Streaming: destroy the socket after this many events. */
  dropAfterChunks?: number;
  /** Streaming: end the response cleanly after this many events (no terminal event). */
  endAfterChunks?: number;
  /** Streaming: write each event in pieces of this many bytes (lines split across packets). */
  fragmentBytes?: number;
  /** A 200 whose body is cut in half, or an HTML error page from a proxy. */
  malformed?: 'truncated-json' | 'html';
  /** Answer with this named recording. */
  scenario?: string;
}

const defaultErrors: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message:
      'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: {
    message: 'The engine is currently overloaded, please try again later',
    type: 'server_error',
    code: null,
  },
  529: { message: 'Overloaded', type: 'overloaded_error', code: null },
};

const anthropicTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export type EmulatedApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini' | 'bedrock';

const googleStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * The error body an upstream of that API sends with this status (shapes from ERRORS.md);
 * `message` and `code` override the stock ones.
 */
export function errorBody(api: EmulatedApi, status: number, message?: string, code?: string | null): string {
  const stock = defaultErrors[status] ?? { message: `HTTP ${status}`, type: 'server_error', code: null };
  if (api === 'bedrock') return JSON.stringify({ message: message ?? stock.message });
  if (api === 'gemini') {
    const status_ = googleStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
    return JSON.stringify({ error: { code: status, message: message ?? stock.message, status: status_ } });
  }
  if (api === 'anthropic-messages') {
    const type = anthropicTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return JSON.stringify({
      type: 'error',
      error: { type, message: message ?? stock.message },
      request_id: 'req_emulator',
    });
  }
  return JSON.stringify({
    error: {
      ...stock,
      message: message ?? stock.message,
      code: code === undefined ? stock.code : code,
      param: null,
    },
  });
}

export const htmlErrorPage =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** A queue of faults; each request takes the first that matches it. */
export class FaultQueue {
  private faults: Array<{ spec: FaultSpec; remaining: number }> = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  take(model: string | undefined, path: string): FaultSpec | undefined {
    const index = this.faults.findIndex(
      ({ spec }) =>
        (spec.match?.model === undefined || spec.match.model === model) &&
        (spec.match?.path === undefined || spec.match.path === path),
    );
    if (index === -1) return undefined;
    const entry = this.faults[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.spec;
  }
}
