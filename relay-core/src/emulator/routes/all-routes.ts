import type { ApiRoute, RequestShape } from './api-route.js';
import { anthropicRoute, bedrockRoute, geminiRoute } from './native-routes.js';
import { openAIChatRoute, openAIResponsesRoute } from './openai-routes.js';

/** Every API the emulator serves; a new provider API is one more route here plus its scenario table. */
export const routes: ApiRoute[] = [
  openAIChatRoute,
  openAIResponsesRoute,
  anthropicRoute,
  geminiRoute,
  bedrockRoute,
];

/** The route serving a POST to `path`, and what the request asks for; undefined for unknown paths. */
export function matchRoute(
  path: string,
  body: unknown,
): { route: ApiRoute; shape: RequestShape } | undefined {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const route of routes) {
    const shape = route.match(path, record);
    if (shape) return { route, shape };
  }
  return undefined;
}
