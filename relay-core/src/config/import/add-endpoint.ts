import { findPreset } from '../presets.js';
import type { AdapterKind } from '../presets.js';
import type { Credential, ImportPlanBuilder, ImportedProvider } from './import-plan.js';
import { idFromUrl, presetForUrl, regionForUrl, trimEndpoint } from './match-preset.js';

/** One upstream endpoint as another tool describes it. */
export interface Endpoint {
  /** The API shape spoken there. */
  adapter: AdapterKind;
  /** Its URL as the file gives it (any of the forms the tools use); undefined: the preset's own. */
  url?: string;
  /** The preset the tool named, if it named one (`deepseek/…` in LiteLLM). */
  preset?: string;
  /** The name the provider should get when no preset fits better. */
  name: string;
  /** The id the file itself gives the provider (an export's `SWITCHBOARD_KEY_<ID>`), over any other. */
  id?: string;
  credential: Credential;
  apiVersion?: string;
}

/** The base URL our adapter of this kind appends its paths to. */
function baseUrlFor(adapter: AdapterKind, url: string, preset: string | undefined): string {
  if (adapter === 'anthropic') {
    const base = trimEndpoint(url, ['/v1/messages', '/messages']);
    return base.endsWith('/v1') ? base : `${base}/v1`;
  }
  if (adapter === 'azure') {
    const base = trimEndpoint(url, ['/chat/completions']);
    return base.endsWith('/openai') ? base : `${base}/openai`;
  }
  if (adapter === 'gemini') return trimEndpoint(url, ['/models']);
  const base = trimEndpoint(url, ['/chat/completions', '/completions', '/responses']);
  // Ollama's and LM Studio's OpenAI-compatible API lives under /v1, which LiteLLM leaves out
  if ((preset === 'ollama' || preset === 'lmstudio') && !base.endsWith('/v1')) return `${base}/v1`;
  return base;
}

// the preset that speaks this API shape at any URL
const genericPresets: Record<AdapterKind, string> = {
  'openai-compatible': 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  azure: 'azure',
  bedrock: 'bedrock',
};

/**
 * Adds the provider for an endpoint: a preset's own endpoint is the preset (no base_url), another
 * endpoint is the generic preset of its API shape with base_url, named after the tool's name or
 * the host, in the region of the preset at the same host. Returns its id.
 */
export function addEndpoint(builder: ImportPlanBuilder, endpoint: Endpoint): string {
  const named = endpoint.preset ? findPreset(endpoint.preset) : undefined;
  if (!endpoint.url) {
    const preset = named ?? findPreset(genericPresets[endpoint.adapter])!;
    const entry: Omit<ImportedProvider, 'id'> = { preset: preset.id };
    if (endpoint.apiVersion) entry.api_version = endpoint.apiVersion;
    // the preset's own endpoint goes by the preset's id, so its usual key variables apply
    return builder.provider(entry, endpoint.id ?? preset.id, endpoint.credential);
  }
  const matched = presetForUrl(endpoint.url, endpoint.adapter);
  const preset = named ?? matched ?? findPreset(genericPresets[endpoint.adapter])!;
  const base = baseUrlFor(endpoint.adapter, endpoint.url, preset.id);
  const entry: Omit<ImportedProvider, 'id'> = { preset: preset.id };
  // the preset's own endpoint (same host, or a local server on its port) needs no base_url
  const own = matched !== undefined && matched.id === preset.id;
  if (!own || preset.adapter === 'azure') entry.base_url = base;
  const region = regionForUrl(base);
  if (entry.base_url && region && region !== preset.region) entry.region = region;
  if (endpoint.apiVersion) entry.api_version = endpoint.apiVersion;
  const wanted = endpoint.id ?? (own ? preset.id : endpoint.name || idFromUrl(base));
  return builder.provider(entry, wanted, endpoint.credential);
}
