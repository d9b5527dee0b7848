import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-provider.js';

/** The GA data-plane API version used when config.yaml names none (`api_version`). */
export const defaultAzureApiVersion = '2024-10-21';

/**
 * Azure OpenAI: the model name is the deployment name
 * (`{base}/deployments/{deployment}/chat/completions?api-version=…`) and the key goes in `api-key`.
 * Its chunks add content-filter results, and its streams open with an empty prompt-filter
 * chunk; both are handled in the shared OpenAI converters.
 */
export const azureAdapter = createOpenAICompatibleAdapter({
  url: (provider, deployment) =>
    `${provider.baseUrl}/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(
      provider.apiVersion ?? defaultAzureApiVersion,
    )}`,
  embeddingsUrl: (provider, deployment) =>
    `${provider.baseUrl}/deployments/${encodeURIComponent(deployment)}/embeddings?api-version=${encodeURIComponent(
      provider.apiVersion ?? defaultAzureApiVersion,
    )}`,
  authHeaders: (apiKey) => ({ 'api-key': apiKey }),
});
