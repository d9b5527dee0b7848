/**
 * LiteLLM provider names → our provider ids (the `catalogProvider` of the presets). LiteLLM splits
 * some providers by endpoint or model family; prices do not depend on that split, so they merge.
 */
const providerAliases: Record<string, string> = {
  // OpenAI's legacy /v1/completions models are OpenAI models
  'text-completion-openai': 'openai',
  // Azure OpenAI's completions endpoint
  azure_text: 'azure',
  // Azure AI Foundry (serverless non-OpenAI models) is a different service from Azure OpenAI
  azure_ai: 'azure_ai',
  // the Converse API serves the same Bedrock models at the same prices
  bedrock_converse: 'bedrock',
  cohere_chat: 'cohere',
  dashscope: 'qwen',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  'fireworks_ai-embedding-models': 'fireworks',
  // Codestral's own endpoint, FIM and chat alike
  'text-completion-codestral': 'codestral',
};

/** Our provider id for a LiteLLM `litellm_provider`; unknown ones keep their name with `_` → `-`. */
export function mapLitellmProvider(name: string): string {
  // vertex_ai, vertex_ai-language-models, vertex_ai-anthropic_models, ...: one Vertex AI
  if (name === 'vertex_ai' || name.startsWith('vertex_ai-')) return 'vertex';
  return providerAliases[name] ?? name.replace(/_/g, '-');
}

/**
 * The model id without LiteLLM's provider prefix: `gemini/gemini-2.5-pro` → `gemini-2.5-pro`,
 * `vertex_ai/claude-sonnet-4-5@20250929` → `claude-sonnet-4-5@20250929`. Only the first segment
 * is removed, so OpenRouter's `openrouter/openai/gpt-4o` keeps the vendor (`openai/gpt-4o`),
 * which is the id OpenRouter itself expects.
 */
export function stripLitellmPrefix(key: string, litellmProvider: string): string {
  const slash = key.indexOf('/');
  if (slash < 0) return key;
  const first = key.slice(0, slash);
  const family = litellmProvider.split('-')[0];
  const known = [litellmProvider, family, mapLitellmProvider(litellmProvider)];
  return known.includes(first) ? key.slice(slash + 1) : key;
}
