import type { IncomingMessage } from 'node:http';
import { errorBody } from './error-bodies.js';
import type { ApiRoute } from './routes/api-route.js';

/**
 * The 401 body for a request whose key is missing, or wrong when `expectedKey` is set; undefined
 * when the key is acceptable. Each API looks for the key where its clients send it.
 */
export function rejectApiKey(
  route: ApiRoute,
  request: IncomingMessage,
  url: URL,
  expectedKey: string | undefined,
): string | undefined {
  const key = route.apiKey(request, url);
  if (!key) return errorBody(route.api, 401, route.missingKeyMessage, null);
  if (expectedKey === undefined || !route.comparesKey || key === expectedKey) return undefined;
  return errorBody(route.api, 401, route.invalidKeyMessage, 'invalid_api_key');
}
