import { describe, expect, it } from 'vitest';
import { modelIdCandidates } from './normalize-model-id.js';

describe('modelIdCandidates', () => {
  it('starts with the exact (lower-cased) name', () => {
    expect(modelIdCandidates(' GPT-4o ')).toEqual(['gpt-4o']);
  });

  it('drops dated snapshots, -latest, :suffixes and @versions', () => {
    expect(modelIdCandidates('gpt-4o-mini-2024-07-18')).toEqual(['gpt-4o-mini-2024-07-18', 'gpt-4o-mini']);
    expect(modelIdCandidates('claude-sonnet-4-5-20250929')).toEqual([
      'claude-sonnet-4-5-20250929',
      'claude-sonnet-4-5',
    ]);
    expect(modelIdCandidates('claude-3-5-sonnet-latest')).toEqual([
      'claude-3-5-sonnet-latest',
      'claude-3-5-sonnet',
    ]);
    expect(modelIdCandidates('mistral-large-2407')).toEqual(['mistral-large-2407', 'mistral-large']);
    expect(modelIdCandidates('deepseek-chat:beta')).toEqual(['deepseek-chat:beta', 'deepseek-chat']);
    expect(modelIdCandidates('claude-3-5-sonnet@20240620')).toEqual([
      'claude-3-5-sonnet@20240620',
      'claude-3-5-sonnet',
    ]);
  });

  it('tries prefixed forms before bare ones, most specific first', () => {
    expect(modelIdCandidates('deepseek/deepseek-r1:free')).toEqual([
      'deepseek/deepseek-r1:free',
      'deepseek/deepseek-r1',
      'deepseek-r1:free',
      'deepseek-r1',
    ]);
    expect(modelIdCandidates('openai/gpt-4o-2024-08-06')).toEqual([
      'openai/gpt-4o-2024-08-06',
      'openai/gpt-4o',
      'gpt-4o-2024-08-06',
      'gpt-4o',
    ]);
  });

  it('never yields an empty candidate', () => {
    expect(modelIdCandidates('')).toEqual([]);
    expect(modelIdCandidates(':free')).toEqual([':free']);
  });
});
