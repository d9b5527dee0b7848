import { describe, expect, it } from 'vitest';
import { parseOpenRouterModels } from './parse-openrouter-models.js';

describe("OpenRouter's model list as catalog entries", () => {
  it('reads per-token price strings, and never turns a variable price into $0', () => {
    const [priced, router] = parseOpenRouterModels(
      {
        data: [
          {
            id: 'deepseek/deepseek-chat-v3',
            context_length: 163840,
            pricing: { prompt: '0.00000027', completion: '0.0000011', internal_reasoning: '0' },
            supported_parameters: ['tools'],
          },
          { id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } },
        ],
      },
      '2026-11-28',
    );
    expect(priced).toMatchObject({
      provider: 'openrouter',
      input: 0.00000027,
      output: 0.0000011,
      contextWindow: 163840,
      priceDate: '2026-11-28',
    });
    expect(priced!.reasoning).toBeUndefined();
    expect(priced!.capabilities.tools).toBe(true);
    expect(router!.input).toBeUndefined();
    expect(router!.output).toBeUndefined();
  });

  it('rejects a body that is not a model list', () => {
    expect(() => parseOpenRouterModels({ models: [] }, '2026-11-28')).toThrow(/no 'data' array/);
  });
});
