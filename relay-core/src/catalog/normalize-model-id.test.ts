import { describe, expect, it } from 'vitest';
import { canonicalModelKey, modelIdCandidates } from './normalize-model-id.js';

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

describe('canonicalModelKey', () => {
  const sameKey = (...ids: string[]) =>
    expect(new Set(ids.map(canonicalModelKey)).size, ids.join(' ')).toBe(1);
  const differentKeys = (...ids: string[]) =>
    expect(new Set(ids.map(canonicalModelKey)).size, ids.join(' ')).toBe(ids.length);

  it('gives dated snapshots, -latest, case and dotted or dashed versions one key', () => {
    sameKey('claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4.5', 'Claude-Sonnet-4-5');
    sameKey('gpt-5.1', 'gpt-5-1', 'gpt-5.1-2025-11-13', 'gpt-5-1-2025-11-13');
    sameKey('claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022', 'claude-3.5-haiku');
    sameKey('claude-sonnet-4-0', 'claude-sonnet-4', 'claude-sonnet-4-20250514');
    sameKey('Meta-Llama-3_3-70B-Instruct', 'meta-llama-3.3-70b-instruct');
    sameKey('meta.llama3-1-70b-instruct-v1:0', 'meta.llama3.1-70b-instruct-v1:0');
  });

  it('gives Bedrock regional ids, AWS region paths and Vertex @versions one key', () => {
    sameKey(
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    sameKey(
      'anthropic.claude-v2:1',
      'us-east-1/anthropic.claude-v2:1',
      'eu-central-1/6-month-commitment/anthropic.claude-v2:1',
    );
    sameKey('claude-opus-4-1@20250805', 'claude-opus-4-1', 'claude-opus-4.1');
    sameKey('gemini-2.5-pro@001', 'gemini-2.5-pro');
  });

  it('keeps apart what only looks alike: other sizes, four-digit snapshots, vendors, generations', () => {
    differentKeys('gpt-4', 'gpt-4-0613', 'gpt-4-32k');
    differentKeys('gpt-3.5-turbo', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-16k');
    differentKeys('glm-4-9b', 'glm-4.9b');
    differentKeys('openai/gpt-4o', 'gpt-4o', 'azure/gpt-4o');
    differentKeys('gpt-5', 'gpt-5-codex', 'gpt-5-chat', 'gpt-5-mini');
    differentKeys('deepseek-r1', 'deepseek-r1-0528');
    differentKeys('amazon.titan-embed-text-v1', 'amazon.titan-embed-text-v2:0');
    differentKeys('v0-1.0-md', 'v0-1.5-md');
  });
});
