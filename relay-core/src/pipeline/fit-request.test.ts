import { describe, expect, it } from 'vitest';
import { clientBodyOf, keepClientBody } from '../canonical/client-body.js';
import type { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest } from '../canonical/types.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import type { AdapterKind } from '../config/presets.js';
import { fitRequest } from './fit-request.js';

const catalog = loadCatalog();

/** A target as the runtime describes it: the catalog's real entry (or none) for the model. */
function target(adapter: AdapterKind, provider: string, model: string) {
  return { name: `${provider}/${model}`, model, adapter, entry: catalog.find(provider, model) };
}

/** The first turn of Claude Code 2.1.332 (/tmp/cap/claude/000.json), trimmed. */
function claudeCodeTurn(extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return {
    model: 'agent-route',
    stream: true,
    includeUsage: true,
    maxOutputTokens: 32000,
    reasoning: { effort: 'high' },
    unmodeled: { output_config: { effort: 'high' }, context_management: { edits: [] } },
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Create hello.txt containing hi' }] }],
    tools: [{ name: 'Write', parameters: { type: 'object' } }],
    ...extra,
  };
}

function refusal(run: () => unknown): RelayError | undefined {
  try {
    run();
  } catch (error) {
    return error as RelayError;
  }
  return undefined;
}

describe('fitRequest', () => {
  it("clamps the output limit to the catalog's and leaves reasoning out for a model that does not reason", () => {
    const request = claudeCodeTurn();
    const { request: fitted, notes } = fitRequest(
      request,
      target('openai-compatible', 'openai', 'gpt-4o-mini'),
    );
    expect(fitted.maxOutputTokens).toBe(16384);
    expect(fitted).not.toHaveProperty('reasoning');
    expect(notes).toEqual([
      expect.objectContaining({ param: 'max_tokens', change: 'clamped', from: 32000, to: 16384 }),
      expect.objectContaining({ param: 'reasoning', change: 'left out', from: 'high' }),
    ]);
    // the request the cache key and the other attempts read is as it came
    expect(request.maxOutputTokens).toBe(32000);
    expect(request.reasoning).toEqual({ effort: 'high' });
    expect(fitted.messages).toBe(request.messages);
  });

  it('sends no reasoning_effort to gpt-4.1, and keeps a limit it takes', () => {
    const { request: fitted } = fitRequest(
      claudeCodeTurn(),
      target('openai-compatible', 'openai', 'gpt-4.1'),
    );
    expect(fitted.maxOutputTokens).toBe(32000);
    expect(fitted).not.toHaveProperty('reasoning');
  });

  it('keeps high as high for a reasoning model, and sends the request itself when nothing changes', () => {
    const request = claudeCodeTurn();
    const { request: fitted, notes } = fitRequest(request, target('openai-compatible', 'openai', 'gpt-5'));
    expect(fitted).toBe(request);
    expect(notes).toEqual([
      expect.objectContaining({ param: 'reasoning', change: 'kept', from: 'high', to: 'high' }),
    ]);
  });

  it('invents nothing for a model the catalog does not know', () => {
    const request = claudeCodeTurn({ maxOutputTokens: 900_000 });
    expect(fitRequest(request, target('openai-compatible', 'openai', 'my-finetune-7')).request).toBe(request);
    const bare = claudeCodeTurn({ maxOutputTokens: undefined, reasoning: undefined });
    expect(fitRequest(bare, target('anthropic', 'anthropic', 'claude-next-preview')).request).toBe(bare);
  });

  it("gives Anthropic, which requires an output limit, the catalog's when the client set none", () => {
    const request = claudeCodeTurn({ maxOutputTokens: undefined, reasoning: undefined, tools: undefined });
    const { request: fitted, notes } = fitRequest(
      request,
      target('anthropic', 'anthropic', 'claude-sonnet-4-5'),
    );
    expect(fitted.maxOutputTokens).toBe(64000);
    expect(notes).toEqual([expect.objectContaining({ param: 'max_tokens', change: 'set', to: 64000 })]);
    // OpenAI needs none: none is set
    expect(fitRequest(request, target('openai-compatible', 'openai', 'gpt-5')).request).toBe(request);
  });

  it("keeps an Anthropic client's bytes when only the output limit changed, and lets them go otherwise", () => {
    const clamped = claudeCodeTurn({ reasoning: undefined, unmodeled: undefined });
    keepClientBody(clamped, { dialect: 'anthropic-messages', bytes: Buffer.from('{}'), betas: 'b1' });
    const small = fitRequest(clamped, target('anthropic', 'anthropic', 'claude-3-5-haiku-20241022')).request;
    expect(small.maxOutputTokens).toBe(8192);
    expect(clientBodyOf(small, 'anthropic-messages')?.bytes).toBeDefined();

    const thinking = claudeCodeTurn();
    keepClientBody(thinking, { dialect: 'anthropic-messages', bytes: Buffer.from('{}'), betas: 'b1' });
    const budget = fitRequest(thinking, target('anthropic', 'anthropic', 'claude-sonnet-4-5')).request;
    expect(clientBodyOf(budget, 'anthropic-messages')).toEqual({
      dialect: 'anthropic-messages',
      betas: 'b1',
    });
    expect(clientBodyOf(thinking, 'anthropic-messages')?.bytes).toBeDefined();
  });

  it('turns an effort into a thinking budget for Claude before adaptive thinking, without the effort field', () => {
    const { request: fitted, notes } = fitRequest(
      claudeCodeTurn(),
      target('anthropic', 'anthropic', 'claude-sonnet-4-5'),
    );
    expect(fitted.reasoning).toEqual({ budgetTokens: 16384 });
    expect(fitted.unmodeled).toEqual({ context_management: { edits: [] } });
    expect(notes.map((note) => [note.param, note.change])).toEqual([
      ['reasoning', 'mapped'],
      ['output_config.effort', 'left out'],
    ]);
  });

  it("keeps Claude Code's adaptive effort for Claude 4.6 as it came, and maps levels it lacks to the nearest", () => {
    const request = claudeCodeTurn();
    expect(fitRequest(request, target('anthropic', 'anthropic', 'claude-opus-4-6')).request).toBe(request);
    const xhigh = fitRequest(
      claudeCodeTurn({ reasoning: { effort: 'xhigh' } }),
      target('anthropic', 'anthropic', 'claude-opus-4-6'),
    );
    expect(xhigh.request.reasoning).toEqual({ effort: 'max' });
    const minimal = fitRequest(
      claudeCodeTurn({ reasoning: { effort: 'minimal' } }),
      target('anthropic', 'anthropic', 'claude-opus-4-7'),
    );
    expect(minimal.request.reasoning).toEqual({ effort: 'low' });
  });

  it("leaves out thinking and the client's effort for a Claude that does not reason", () => {
    const { request: fitted } = fitRequest(
      claudeCodeTurn(),
      target('anthropic', 'anthropic', 'claude-3-5-haiku-20241022'),
    );
    expect(fitted).not.toHaveProperty('reasoning');
    expect(fitted.unmodeled).toEqual({ context_management: { edits: [] } });
    expect(fitted.maxOutputTokens).toBe(8192);
  });

  it('gives Gemini 2.5 a budget within its range and Gemini 3 a level it has', () => {
    const flash = fitRequest(
      claudeCodeTurn({ reasoning: { effort: 'xhigh' } }),
      target('gemini', 'gemini', 'gemini-2.5-flash'),
    );
    expect(flash.request.reasoning).toEqual({ budgetTokens: 24576 });
    const pro = fitRequest(
      claudeCodeTurn({ reasoning: { effort: 'none' } }),
      target('gemini', 'gemini', 'gemini-2.5-pro'),
    );
    expect(pro.request.reasoning).toEqual({ budgetTokens: 128 });
    const three = fitRequest(
      claudeCodeTurn({ reasoning: { effort: 'medium' } }),
      target('gemini', 'gemini', 'gemini-3-pro-preview'),
    );
    expect(three.request.reasoning).toEqual({ effort: 'high' });
  });

  it("maps a client's thinking budget to a level for a model that takes levels", () => {
    const { request: fitted } = fitRequest(
      claudeCodeTurn({ reasoning: { budgetTokens: 10000 } }),
      target('openai-compatible', 'openai', 'gpt-5'),
    );
    expect(fitted.reasoning).toEqual({ effort: 'medium' });
  });

  it('raises the output limit for a thinking budget, within the model limit', () => {
    const { request: fitted } = fitRequest(
      claudeCodeTurn({ maxOutputTokens: 4000, reasoning: { effort: 'xhigh' } }),
      target('anthropic', 'anthropic', 'claude-opus-4-1'),
    );
    expect(fitted.maxOutputTokens).toBe(32000);
    expect(fitted.reasoning!.budgetTokens).toBeLessThan(32000);
  });

  it('sends Bedrock models other than Claude no reasoning parameter', () => {
    const { request: fitted } = fitRequest(
      claudeCodeTurn(),
      target('bedrock', 'bedrock', 'openai.gpt-oss-120b-1:0'),
    );
    expect(fitted).not.toHaveProperty('reasoning');
  });

  it("refuses tools for a model the catalog lists without them, naming 'tools', unless tool_choice is none", () => {
    // every source that lists o1-preview says it takes no tools
    const error = refusal(() =>
      fitRequest(claudeCodeTurn(), target('openai-compatible', 'openai', 'o1-preview')),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST', param: 'tools' });
    const { request: fitted, notes } = fitRequest(
      claudeCodeTurn({ toolChoice: 'none' }),
      target('openai-compatible', 'openai', 'o1-preview'),
    );
    expect(fitted).not.toHaveProperty('tools');
    expect(fitted).not.toHaveProperty('toolChoice');
    expect(notes[0]).toMatchObject({ param: 'tools', change: 'left out' });
  });

  it('sends tools and reasoning to a model whose capabilities no source states', () => {
    // only genai-prices lists Claude Opus 4.8 (prices, no capabilities): unknown is not "none"
    const entry = catalog.find('anthropic', 'claude-opus-4-8');
    expect(entry?.capabilities.tools).toBeUndefined();
    const { request: fitted } = fitRequest(
      claudeCodeTurn(),
      target('anthropic', 'anthropic', 'claude-opus-4-8'),
    );
    expect(fitted.tools).toHaveLength(1);
    expect(fitted.reasoning).toBeDefined();
  });
});
