import { bearer, header, shapeOf } from './api-route.js';
import type { ApiRoute } from './api-route.js';

/** Anthropic Messages API: the key comes as `x-api-key`. */
export const anthropicRoute: ApiRoute = {
  api: 'anthropic-messages',
  match: (path, body) => (path === '/v1/messages' ? shapeOf('anthropic-messages', body) : undefined),
  apiKey: (request) => header(request, 'x-api-key'),
  missingKeyMessage: 'x-api-key header is required',
  invalidKeyMessage: 'invalid x-api-key',
  // as recorded: test_anthropic_count_tokens_error.yaml
  unknownModel: (model) => ({ status: 404, message: `model: ${model}` }),
  comparesKey: true,
};

const geminiPath = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/;

/** Google Gemini API: the model and the kind of call are in the path; the key in a header or `?key=`. */
export const geminiRoute: ApiRoute = {
  api: 'gemini',
  match(path, body) {
    const gemini = geminiPath.exec(path);
    if (!gemini) return undefined;
    return shapeOf('gemini', body, {
      model: decodeURIComponent(gemini[1]!),
      stream: gemini[2] === 'streamGenerateContent',
      embeddings: gemini[2] === 'batchEmbedContents',
    });
  },
  apiKey: (request, url) => header(request, 'x-goog-api-key') ?? url.searchParams.get('key') ?? undefined,
  missingKeyMessage:
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  invalidKeyMessage: 'API key not valid. Please pass a valid API key.',
  unknownModel: (model) => ({
    status: 404,
    message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  }),
  comparesKey: true,
};

const bedrockPath = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/** AWS Bedrock Converse: SigV4-signed (or a Bedrock API key as bearer); the model is in the path. */
export const bedrockRoute: ApiRoute = {
  api: 'bedrock',
  match(path, body) {
    const bedrock = bedrockPath.exec(path);
    if (!bedrock) return undefined;
    return {
      ...shapeOf('bedrock', body, {
        model: decodeURIComponent(bedrock[1]!),
        stream: bedrock[2] === 'converse-stream',
      }),
      // Converse tools live in toolConfig, and no recorded Bedrock answer depends on them
      hasTools: false,
      thinking: false,
    };
  },
  apiKey: (request) =>
    /^AWS4-HMAC-SHA256 Credential=(\S+?)\//.exec(header(request, 'authorization') ?? '')?.[1] ??
    bearer(request),
  missingKeyMessage: 'Missing Authentication Token',
  invalidKeyMessage: 'The security token included in the request is invalid.',
  // as recorded: test_bedrock_error.yaml
  unknownModel: () => ({ status: 400, message: 'The provided model identifier is invalid.' }),
  // a SigV4 signature cannot be compared with a key; its presence is checked
  comparesKey: false,
};
