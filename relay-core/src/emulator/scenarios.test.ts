import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRecording } from './load-recording.js';
import { pickScenario, scenarioModels, scenarios } from './scenarios.js';
import type { RequestShape } from './scenarios.js';

const fixtureText = (reference: string) => {
  const path = reference.split(/:(.*)/s)[1]!.split('#')[0]!;
  return readFileSync(new URL(`../../../resources/recordings/${path}`, import.meta.url), 'utf8');
};

// model names that cannot appear in the recording, and why
const unrecordedNames: Record<string, string> = {
  // Azure addresses the model router by its deployment name; the recording names the model it chose
  'azure-model-router': 'model-router',
  // spec-derived, not a recording
  'gemini-embedding': 'gemini-embedding-001',
};

const shape = (model: string, extra: Partial<RequestShape> = {}): RequestShape => ({
  api: 'openai-chat',
  model,
  stream: false,
  hasTools: false,
  toolResult: false,
  thinking: false,
  embeddings: false,
  fields: ['model', 'messages'],
  ...extra,
});

describe('the scenario table', () => {
  it('names each scenario once and every recording it points to loads', () => {
    expect(new Set(scenarios.map((scenario) => scenario.name)).size).toBe(scenarios.length);
    for (const scenario of scenarios) {
      expect(scenario.stream ?? scenario.json, scenario.name).toBeDefined();
      if (scenario.json) expect(loadRecording(scenario.json).kind, scenario.name).toBe('json');
      if (scenario.stream) {
        const recording = loadRecording(scenario.stream);
        // a stream recording is a stream, or an HTTP error sent before any streaming starts
        expect(recording.kind !== 'json' || recording.status >= 400, scenario.name).toBe(true);
      }
    }
  });

  it('answers to model names taken from its recordings', () => {
    for (const scenario of scenarios) {
      const recorded = [scenario.stream, scenario.json]
        .filter((reference): reference is string => reference !== undefined)
        .map((reference) => decodeURIComponent(fixtureText(reference)))
        .join('\n');
      for (const model of scenario.models) {
        if (unrecordedNames[scenario.name] === model) continue;
        expect(recorded, `${scenario.name}: ${model}`).toContain(model);
      }
    }
  });

  it('replays recorded failures with their recorded status', () => {
    const status = (reference: string | undefined) =>
      reference ? loadRecording(reference).status : undefined;
    const byName = (name: string) => scenarios.find((scenario) => scenario.name === name)!;
    expect(status(byName('openai-o1-mini-system-role-error').json)).toBe(400);
    expect(status(byName('openrouter-rate-limited').json)).toBe(429);
    expect(status(byName('groq-model-not-found').json)).toBe(404);
    expect(status(byName('groq-tool-use-failed').json)).toBe(400);
  });

  it('picks by model, tools and the fields a recording needs', () => {
    const name = (pick: ReturnType<typeof pickScenario>) =>
      'scenario' in pick ? pick.scenario.name : pick.problem;
    expect(name(pickScenario(shape('gpt-4.1-nano')))).toBe('openai-text');
    expect(name(pickScenario(shape('gpt-4.1-nano', { hasTools: true })))).toBe('openai-tool-call');
    expect(name(pickScenario(shape('llama-3.3-70b-versatile', { hasTools: true })))).toBe('groq-tool-call');
    expect(name(pickScenario(shape('gpt-4o')))).toBe('unknown-model');
    expect(name(pickScenario(shape('gpt-4o', { fields: ['web_search_options'] })))).toBe(
      'openai-web-search-unsupported',
    );
    expect(name(pickScenario(shape('text-embedding-3-small', { embeddings: true })))).toBe(
      'openai-embedding',
    );
    expect(name(pickScenario(shape('text-embedding-3-small')))).toBe('unknown-model');
    expect(name(pickScenario(shape('gpt-4.1-nano'), 'groq-text'))).toBe('groq-text');
  });

  it("answers a tool's result in words where the model has such a recording, else calls again", () => {
    const name = (pick: ReturnType<typeof pickScenario>) =>
      'scenario' in pick ? pick.scenario.name : pick.problem;
    const afterTool = { hasTools: true, toolResult: true };
    expect(name(pickScenario(shape('gpt-4.1-nano', afterTool)))).toBe('openai-text');
    // a forced scenario is what it names
    expect(name(pickScenario(shape('gpt-4.1-nano', afterTool), 'openai-tool-call'))).toBe('openai-tool-call');
    // claude-haiku-4-5 was recorded calling a tool only: it calls again rather than fail
    const haiku = { ...afterTool, api: 'anthropic-messages' as const };
    expect(name(pickScenario(shape('claude-haiku-4-5', haiku)))).toBe('anthropic-json-tool');
  });

  it('lists no model whose every answer is a failure', () => {
    const listed = scenarioModels();
    expect(listed).toContain('deepseek-reasoner');
    expect(listed).not.toContain('non-existent');
    expect(listed).not.toContain('google/gemini-2.0-flash-exp:free');
  });
});
