/** The wire APIs the emulator speaks. */
export type EmulatedApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini' | 'bedrock';

interface StockError {
  message: string;
  type: string;
  code: string | null;
}

// Messages and types as OpenAI sends them (shared/fixtures/providers/ERRORS.md, section 1)
const openAIErrors: Record<number, StockError> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
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
  const stock = openAIErrors[status] ?? {
    message: `HTTP ${status}`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  const text = message ?? stock.message;
  if (api === 'bedrock') return JSON.stringify({ message: text });
  if (api === 'gemini') {
    const name = googleStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
    return JSON.stringify({ error: { code: status, message: text, status: name } });
  }
  if (api === 'anthropic-messages') {
    const type = anthropicTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return JSON.stringify({ type: 'error', error: { type, message: text }, request_id: 'req_emulator' });
  }
  // OpenAI's own key order and two-space indentation (a recorded content-length confirms it)
  const error = {
    message: text,
    type: stock.type,
    param: null,
    code: code === undefined ? stock.code : code,
  };
  return JSON.stringify({ error }, null, 2);
}

/** The message OpenAI sends when no key came with the request. */
export const missingKeyMessage =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.";

/** What a proxy in front of a provider answers when the provider is down. */
export const htmlErrorPage =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';
