import { missingKeyMessage } from '../error-bodies.js';
import { bearer, header, shapeOf } from './api-route.js';
import type { ApiRoute } from './api-route.js';

const azureChat = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

/**
 * OpenAI Chat Completions and embeddings, as OpenAI and every OpenAI-compatible provider serve
 * them; Azure OpenAI names the model (its deployment) in the path and sends the key as `api-key`.
 */
export const openAIChatRoute: ApiRoute = {
  api: 'openai-chat',
  match(path, body) {
    if (path === '/v1/chat/completions') return shapeOf('openai-chat', body);
    if (path === '/v1/embeddings') return shapeOf('openai-chat', body, { stream: false, embeddings: true });
    const azure = azureChat.exec(path);
    if (azure) return shapeOf('openai-chat', body, { model: decodeURIComponent(azure[1]!) });
    return undefined;
  },
  apiKey: (request) => header(request, 'api-key') ?? bearer(request),
  missingKeyMessage,
  invalidKeyMessage:
    'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
  unknownModel: (model) => ({
    status: 404,
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    code: 'model_not_found',
  }),
  comparesKey: true,
};

/** The OpenAI Responses API (what Codex CLI speaks; some models are served only there). */
export const openAIResponsesRoute: ApiRoute = {
  ...openAIChatRoute,
  api: 'openai-responses',
  match: (path, body) => (path === '/v1/responses' ? shapeOf('openai-responses', body) : undefined),
};
