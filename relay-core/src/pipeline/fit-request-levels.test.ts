import { describe, expect, it } from 'vitest';
import {
  effortLadder,
  levelOfBudget,
  nearestLevel,
  reasoningGenerationOf,
  reasoningGenerations,
} from './fit-request-levels.js';
import type { ReasoningFamily } from './fit-request-levels.js';

const step = (level: string) => effortLadder.indexOf(level as (typeof effortLadder)[number]);

describe('reasoning levels per model generation', () => {
  it('map every level to one the generation has, never more than two steps lower, a level it has to itself', () => {
    for (const { label, style } of reasoningGenerations) {
      if (style.kind !== 'levels') continue;
      for (const asked of effortLadder) {
        const picked = nearestLevel(asked, style.levels);
        expect(style.levels, label).toContain(picked);
        expect(step(asked) - step(picked), `${label}: ${asked} → ${picked}`).toBeLessThanOrEqual(2);
        if (style.levels.includes(asked)) expect(picked).toBe(asked);
      }
    }
  });

  it('keep high as high wherever a model takes levels, and go up between two as near', () => {
    for (const { style } of reasoningGenerations)
      if (style.kind === 'levels') expect(nearestLevel('high', style.levels)).toBe('high');
    expect(nearestLevel('medium', ['low', 'high'])).toBe('high');
    expect(nearestLevel('xhigh', ['low', 'medium', 'high', 'max'])).toBe('max');
    expect(nearestLevel('none', ['low', 'medium', 'high'])).toBe('low');
  });

  it('read a thinking budget as the level whose budget it is nearest', () => {
    expect([0, 1024, 2048, 8192, 10000, 16384, 32768, 100000, -1].map(levelOfBudget)).toEqual([
      'none',
      'minimal',
      'low',
      'medium',
      'medium',
      'high',
      'xhigh',
      'max',
      'high',
    ]);
  });

  it("find real models' generations, Claude on Bedrock by Anthropic's", () => {
    const cases: Array<[ReasoningFamily, string, string]> = [
      ['openai', 'gpt-5-mini-2025-08-07', 'GPT-5'],
      ['openai', 'gpt-5.1-codex-max', 'GPT-5.1 codex max'],
      ['openai', 'gpt-5.2', 'GPT-5.2 and later'],
      ['openai', 'o4-mini', 'o-series'],
      ['openai', 'openai/gpt-oss-120b', 'gpt-oss'],
      ['anthropic', 'claude-sonnet-4-20250514', 'Claude 3.7 to 4.5 (thinking budget)'],
      ['anthropic', 'claude-4-opus-20250514', 'Claude 3.7 to 4.5 (thinking budget)'],
      ['anthropic', 'claude-haiku-4-5-20251001', 'Claude 3.7 to 4.5 (thinking budget)'],
      ['anthropic', 'claude-opus-4-5-20251101', 'Claude Opus 4.5 (budget and effort)'],
      ['anthropic', 'claude-sonnet-4-6', 'Claude 4.6 (adaptive)'],
      ['anthropic', 'claude-opus-4-8', 'Claude Opus 4.7 and later (adaptive)'],
      ['bedrock', 'us.anthropic.claude-opus-4-6-v1', 'Claude 4.6 (adaptive)'],
      ['bedrock', 'us.anthropic.claude-sonnet-4-20250514-v1:0', 'Claude 3.7 to 4.5 (thinking budget)'],
      ['bedrock', 'amazon.nova-pro-v1:0', 'Bedrock models other than Claude'],
      ['gemini', 'gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite'],
      ['gemini', 'gemini-3-flash-preview', 'Gemini 3 Flash and later Flash'],
      ['gemini', 'gemini-3.1-pro-preview', 'Gemini 3.1 Pro and later'],
    ];
    for (const [family, model, label] of cases)
      expect(reasoningGenerationOf(family, model).label, model).toBe(label);
  });
});
