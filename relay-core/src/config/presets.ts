/**
 * Provider presets: data over the shared adapters. A config entry `{ id: deepseek }` takes its
 * adapter, base URL, region and key variable from here; any field can be overridden in config.yaml.
 */
export type AdapterKind = 'openai-compatible' | 'anthropic' | 'gemini' | 'bedrock' | 'azure';

export interface ProviderPreset {
  id: string;
  adapter: AdapterKind;
  baseUrl: string;
  /** Environment variables that may hold the key, first wins. */
  keyEnv: string[];
  /** Data-residency region of the default endpoint. */
  region: string;
  /** Catalog provider id whose prices apply. */
  catalogProvider: string;
  /**
   * Environment variables the provider's own SDK or CLI reads its base URL from, first wins, with
   * the path that SDK adds to it. The first start writes what they hold into config.yaml.
   */
  baseUrlEnv?: Array<{ name: string; path?: string }>;
  /** True when the upstream needs no key (local servers). */
  keyless?: boolean;
  displayName: string;
}

const preset = (p: ProviderPreset): ProviderPreset => p;

export const providerPresets: Record<string, ProviderPreset> = {
  openai: preset({
    id: 'openai',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    keyEnv: ['OPENAI_API_KEY'],
    region: 'us',
    catalogProvider: 'openai',
    baseUrlEnv: [{ name: 'OPENAI_BASE_URL' }],
    displayName: 'OpenAI',
  }),
  anthropic: preset({
    id: 'anthropic',
    adapter: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    keyEnv: ['ANTHROPIC_API_KEY'],
    region: 'us',
    catalogProvider: 'anthropic',
    baseUrlEnv: [{ name: 'ANTHROPIC_BASE_URL', path: '/v1' }],
    displayName: 'Anthropic',
  }),
  gemini: preset({
    id: 'gemini',
    adapter: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    region: 'us',
    catalogProvider: 'gemini',
    baseUrlEnv: [{ name: 'GOOGLE_GEMINI_BASE_URL', path: '/v1beta' }],
    displayName: 'Google Gemini',
  }),
  deepseek: preset({
    id: 'deepseek',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.deepseek.com/v1',
    keyEnv: ['DEEPSEEK_API_KEY'],
    region: 'cn',
    catalogProvider: 'deepseek',
    displayName: 'DeepSeek',
  }),
  mistral: preset({
    id: 'mistral',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.mistral.ai/v1',
    keyEnv: ['MISTRAL_API_KEY'],
    region: 'eu',
    catalogProvider: 'mistral',
    displayName: 'Mistral',
  }),
  groq: preset({
    id: 'groq',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.groq.com/openai/v1',
    keyEnv: ['GROQ_API_KEY'],
    region: 'us',
    catalogProvider: 'groq',
    baseUrlEnv: [{ name: 'GROQ_BASE_URL', path: '/openai/v1' }],
    displayName: 'Groq',
  }),
  xai: preset({
    id: 'xai',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.x.ai/v1',
    keyEnv: ['XAI_API_KEY'],
    region: 'us',
    catalogProvider: 'xai',
    displayName: 'xAI',
  }),
  openrouter: preset({
    id: 'openrouter',
    adapter: 'openai-compatible',
    baseUrl: 'https://openrouter.ai/api/v1',
    keyEnv: ['OPENROUTER_API_KEY'],
    region: 'us',
    catalogProvider: 'openrouter',
    displayName: 'OpenRouter',
  }),
  together: preset({
    id: 'together',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.together.xyz/v1',
    keyEnv: ['TOGETHER_API_KEY'],
    region: 'us',
    catalogProvider: 'together',
    displayName: 'Together AI',
  }),
  fireworks: preset({
    id: 'fireworks',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    keyEnv: ['FIREWORKS_API_KEY'],
    region: 'us',
    catalogProvider: 'fireworks',
    displayName: 'Fireworks AI',
  }),
  qwen: preset({
    id: 'qwen',
    adapter: 'openai-compatible',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    keyEnv: ['DASHSCOPE_API_KEY'],
    region: 'cn',
    catalogProvider: 'qwen',
    displayName: 'Qwen (DashScope)',
  }),
  moonshot: preset({
    id: 'moonshot',
    adapter: 'openai-compatible',
    baseUrl: 'https://api.moonshot.ai/v1',
    keyEnv: ['MOONSHOT_API_KEY'],
    region: 'cn',
    catalogProvider: 'moonshot',
    displayName: 'Moonshot',
  }),
  ollama: preset({
    id: 'ollama',
    adapter: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    keyEnv: [],
    region: 'local',
    catalogProvider: 'ollama',
    keyless: true,
    // the ollama CLI's own variable: `host:port` or a URL
    baseUrlEnv: [{ name: 'OLLAMA_HOST', path: '/v1' }],
    displayName: 'Ollama',
  }),
  lmstudio: preset({
    id: 'lmstudio',
    adapter: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:1234/v1',
    keyEnv: [],
    region: 'local',
    catalogProvider: 'lmstudio',
    keyless: true,
    displayName: 'LM Studio',
  }),
  vllm: preset({
    id: 'vllm',
    adapter: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:8000/v1',
    keyEnv: ['VLLM_API_KEY'],
    region: 'local',
    catalogProvider: 'vllm',
    keyless: true,
    displayName: 'vLLM',
  }),
  azure: preset({
    id: 'azure',
    adapter: 'azure',
    baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai',
    keyEnv: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    region: 'us',
    catalogProvider: 'azure',
    baseUrlEnv: [{ name: 'AZURE_OPENAI_ENDPOINT', path: '/openai' }],
    displayName: 'Azure OpenAI',
  }),
  bedrock: preset({
    id: 'bedrock',
    adapter: 'bedrock',
    baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    // a Bedrock API key; AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY are read as an IAM pair
    keyEnv: ['AWS_BEARER_TOKEN_BEDROCK'],
    region: 'us',
    catalogProvider: 'bedrock',
    displayName: 'AWS Bedrock',
  }),
  /** The bundled upstream emulator, used by `npm run relay -- --demo`. */
  demo: preset({
    id: 'demo',
    adapter: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:4010/v1',
    keyEnv: [],
    region: 'local',
    catalogProvider: 'openai',
    keyless: true,
    displayName: 'Demo (built-in emulator)',
  }),
};

export function findPreset(id: string): ProviderPreset | undefined {
  return Object.hasOwn(providerPresets, id) ? providerPresets[id] : undefined;
}
