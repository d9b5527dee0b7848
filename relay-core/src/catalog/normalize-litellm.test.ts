import { describe, expect, it } from 'vitest';
import { mapLitellmProvider, stripLitellmPrefix } from './map-litellm-provider.js';
import { normalizeLitellm } from './normalize-litellm.js';

const source = { name: 'litellm', date: '2025-11-21' };
const normalize = (json: Record<string, unknown>) => normalizeLitellm(json, source);

describe('mapLitellmProvider', () => {
  it('maps LiteLLM names to preset ids and keeps the rest with dashes', () => {
    expect(mapLitellmProvider('together_ai')).toBe('together');
    expect(mapLitellmProvider('fireworks_ai')).toBe('fireworks');
    expect(mapLitellmProvider('fireworks_ai-embedding-models')).toBe('fireworks');
    expect(mapLitellmProvider('dashscope')).toBe('qwen');
    expect(mapLitellmProvider('vertex_ai-anthropic_models')).toBe('vertex');
    expect(mapLitellmProvider('vertex_ai')).toBe('vertex');
    expect(mapLitellmProvider('bedrock_converse')).toBe('bedrock');
    expect(mapLitellmProvider('text-completion-openai')).toBe('openai');
    expect(mapLitellmProvider('azure_ai')).toBe('azure_ai');
    expect(mapLitellmProvider('gemini')).toBe('gemini');
    expect(mapLitellmProvider('vercel_ai_gateway')).toBe('vercel-ai-gateway');
  });

  it('strips only the provider segment of a key', () => {
    expect(stripLitellmPrefix('gemini/gemini-2.5-pro', 'gemini')).toBe('gemini-2.5-pro');
    expect(stripLitellmPrefix('openrouter/openai/gpt-4o', 'openrouter')).toBe('openai/gpt-4o');
    expect(stripLitellmPrefix('vertex_ai/claude-sonnet-4-5', 'vertex_ai-anthropic_models')).toBe(
      'claude-sonnet-4-5',
    );
    expect(stripLitellmPrefix('together_ai/BAAI/bge', 'together_ai')).toBe('BAAI/bge');
    expect(stripLitellmPrefix('meta-llama/Llama-3', 'deepinfra')).toBe('meta-llama/Llama-3');
  });
});

describe('normalizeLitellm', () => {
  it('keeps text modes only and skips sample_spec and non-objects', () => {
    const { entries } = normalize({
      sample_spec: { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 0 },
      note: 'not an entry',
      nothing: null,
      'gpt-image-1': { litellm_provider: 'openai', mode: 'image_generation' },
      'whisper-1': { litellm_provider: 'openai', mode: 'audio_transcription' },
      'no-mode': { litellm_provider: 'openai' },
      'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6 },
      'text-embedding-3-small': { litellm_provider: 'openai', mode: 'embedding', input_cost_per_token: 2e-8 },
      'o3-pro': { litellm_provider: 'openai', mode: 'responses' },
      'gpt-3.5-turbo-instruct': { litellm_provider: 'text-completion-openai', mode: 'completion' },
    });
    expect(entries.map((entry) => `${entry.provider}/${entry.model}:${entry.mode}`)).toEqual([
      'openai/gpt-3.5-turbo-instruct:completion',
      'openai/gpt-4o:chat',
      'openai/o3-pro:responses',
      'openai/text-embedding-3-small:embedding',
    ]);
  });

  it('normalises prices, limits, capabilities and provenance', () => {
    const [entry] = normalize({
      'claude-sonnet-4-5': {
        litellm_provider: 'anthropic',
        mode: 'chat',
        input_cost_per_token: 3e-6,
        output_cost_per_token: 1.5e-5,
        cache_read_input_token_cost: 3e-7,
        cache_creation_input_token_cost: 3.75e-6,
        input_cost_per_token_above_200k_tokens: 6e-6,
        output_cost_per_token_above_200k_tokens: 2.25e-5,
        cache_read_input_token_cost_above_200k_tokens: 6e-7,
        cache_creation_input_token_cost_above_200k_tokens: 7.5e-6,
        max_input_tokens: 200_000,
        max_output_tokens: 64_000,
        max_tokens: 64_000,
        supports_function_calling: true,
        supports_vision: true,
        supports_reasoning: true,
        supports_response_schema: true,
        supports_prompt_caching: true,
        supports_pdf_input: true,
        deprecation_date: '2026-09-29',
      },
    }).entries;
    expect(entry).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      mode: 'chat',
      input: 3e-6,
      output: 1.5e-5,
      cacheRead: 3e-7,
      cacheWrite: 3.75e-6,
      reasoning: undefined,
      tiers: [
        { aboveInputTokens: 200_000, input: 6e-6, output: 2.25e-5, cacheRead: 6e-7, cacheWrite: 7.5e-6 },
      ],
      contextWindow: 200_000,
      maxOutput: 64_000,
      capabilities: {
        tools: true,
        parallelTools: false,
        vision: true,
        reasoning: true,
        jsonSchema: true,
        promptCaching: true,
        audioIn: false,
        pdf: true,
      },
      deprecationDate: '2026-09-29',
      source: 'litellm',
      priceDate: '2025-11-21',
    });
  });

  it('keeps an entry without prices unpriced, never $0, and ignores the legacy max_tokens', () => {
    const [entry] = normalize({
      'snowflake/llama3-8b': { litellm_provider: 'snowflake', mode: 'chat', max_tokens: 8192 },
    }).entries;
    expect(entry).toMatchObject({ provider: 'snowflake', model: 'llama3-8b' });
    expect(entry?.input).toBeUndefined();
    expect(entry?.output).toBeUndefined();
    expect(entry?.contextWindow).toBeUndefined();
  });

  it("reads DeepSeek's cache-hit price and treats a cache-write price of 0 as none", () => {
    const [entry] = normalize({
      'deepseek/deepseek-v3': {
        litellm_provider: 'deepseek',
        mode: 'chat',
        input_cost_per_token: 2.7e-7,
        output_cost_per_token: 1.1e-6,
        input_cost_per_token_cache_hit: 7e-8,
        cache_creation_input_token_cost: 0,
      },
    }).entries;
    expect(entry).toMatchObject({ input: 2.7e-7, cacheRead: 7e-8, cacheWrite: undefined });
  });

  it("turns Qwen's tiered_pricing ranges into a base price and tiers", () => {
    const [entry] = normalize({
      'dashscope/qwen-plus': {
        litellm_provider: 'dashscope',
        mode: 'chat',
        tiered_pricing: [
          { input_cost_per_token: 1.2e-6, output_cost_per_token: 3.6e-6, range: [256_000, 1_000_000] },
          {
            input_cost_per_token: 4e-7,
            output_cost_per_token: 1.2e-6,
            output_cost_per_reasoning_token: 4e-6,
            range: [0, 256_000],
          },
        ],
      },
    }).entries;
    expect(entry).toMatchObject({
      provider: 'qwen',
      model: 'qwen-plus',
      input: 4e-7,
      output: 1.2e-6,
      reasoning: 4e-6,
      tiers: [{ aboveInputTokens: 256_000, input: 1.2e-6, output: 3.6e-6 }],
    });
  });

  it('drops implausible per-token prices (a unit error) and reports them', () => {
    const result = normalize({
      'wandb/openai/gpt-oss-20b': {
        litellm_provider: 'wandb',
        mode: 'chat',
        input_cost_per_token: 0.005,
        output_cost_per_token: 0.02,
      },
      'o1-pro': {
        litellm_provider: 'openai',
        mode: 'responses',
        input_cost_per_token: 1.5e-4,
        output_cost_per_token: 6e-4,
      },
    });
    expect(result.implausiblePrices).toEqual(['wandb/openai/gpt-oss-20b']);
    const wandb = result.entries.find((entry) => entry.provider === 'wandb');
    expect(wandb).toMatchObject({ model: 'openai/gpt-oss-20b', input: undefined, output: undefined });
    expect(result.entries.find((entry) => entry.model === 'o1-pro')?.output).toBe(6e-4);
  });

  it('merges bare and prefixed duplicates: first wins unless only a later one has prices', () => {
    const { entries } = normalize({
      'deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 6e-7 },
      'deepseek/deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.7e-7 },
      'vertex_ai/gemini-x': { litellm_provider: 'vertex_ai', mode: 'chat' },
      'gemini-x': { litellm_provider: 'vertex_ai-language-models', mode: 'chat', input_cost_per_token: 1e-6 },
    });
    expect(entries.map((entry) => [entry.provider, entry.model, entry.input])).toEqual([
      ['deepseek', 'deepseek-chat', 6e-7],
      ['vertex', 'gemini-x', 1e-6],
    ]);
  });
});
