/** Prices are USD per token; undefined means unknown (never read as $0). */
export interface PriceTier {
  /** Applies when the request's input tokens exceed this many. */
  aboveInputTokens: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Reasoning price in this tier (Qwen's tiered pricing); else the tier's output price applies. */
  reasoning?: number;
}

/** One model of one provider: prices (USD per token), limits, capabilities and provenance. */
export interface CatalogEntry {
  /** Our provider id (presets' `catalogProvider`). */
  provider: string;
  /** Model id without the provider prefix. */
  model: string;
  mode: 'chat' | 'responses' | 'completion' | 'embedding';
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  /** Price of reasoning tokens when it differs from output. */
  reasoning?: number;
  tiers?: PriceTier[];
  contextWindow?: number;
  maxOutput?: number;
  capabilities: {
    tools: boolean;
    parallelTools: boolean;
    vision: boolean;
    reasoning: boolean;
    jsonSchema: boolean;
    promptCaching: boolean;
    audioIn: boolean;
    pdf: boolean;
  };
  deprecationDate?: string;
  /** Where the prices come from ('litellm', 'openrouter', 'user'). */
  source: string;
  /** When the prices were captured (YYYY-MM-DD). */
  priceDate: string;
}

/** The shape of resources/catalog.json, written by scripts/build-catalog.ts. */
export interface CatalogFile {
  generatedFrom: { source: string; repository: string; commit: string; date: string; license: string };
  entries: CatalogEntry[];
}

/** Capabilities of an entry the catalog knows nothing about (a user's own price, a test). */
export const noCapabilities: CatalogEntry['capabilities'] = {
  tools: false,
  parallelTools: false,
  vision: false,
  reasoning: false,
  jsonSchema: false,
  promptCaching: false,
  audioIn: false,
  pdf: false,
};
