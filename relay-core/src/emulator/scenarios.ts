import type { RequestShape } from './routes/api-route.js';
import { anthropicScenarios } from './scenario-tables/anthropic-messages.js';
import { bedrockScenarios } from './scenario-tables/bedrock.js';
import { geminiScenarios } from './scenario-tables/gemini.js';
import { openAIChatScenarios } from './scenario-tables/openai-chat.js';
import { openAICompatibleScenarios } from './scenario-tables/openai-compatible.js';
import { openAIResponsesScenarios } from './scenario-tables/openai-responses.js';
import type { Scenario } from './scenario-tables/scenario.js';

export type { Scenario } from './scenario-tables/scenario.js';
export type { RequestShape } from './routes/api-route.js';

/** Every recording the emulator can answer with, in the order they are tried. */
export const scenarios: Scenario[] = [
  ...openAIChatScenarios,
  ...openAICompatibleScenarios,
  ...anthropicScenarios,
  ...geminiScenarios,
  ...openAIResponsesScenarios,
  ...bedrockScenarios,
];

const apiOf = (scenario: Scenario) => scenario.api ?? 'openai-chat';

/** Every model name the emulator answers on that API with a non-error recording, for GET /v1/models. */
export function scenarioModels(api: RequestShape['api'] = 'openai-chat'): string[] {
  const served = scenarios.filter((scenario) => apiOf(scenario) === api && !scenario.error);
  return [...new Set(served.flatMap((scenario) => scenario.models))].sort();
}

/** The outcome of picking a scenario: one to replay, or why none answers. */
export type ScenarioPick =
  { scenario: Scenario } | { problem: 'unknown-scenario' | 'unknown-model' | 'no-recording'; detail: string };

/**
 * The scenario for a request: the forced one by name, else the first whose model, API and
 * request shape fit (an answer before a recorded failure). A request with tools to a model recorded only without them falls back to
 * its family's tool-call recording. A tool's result is answered in words where the model has a
 * recording without tools, as a model answers one: an agent's loop ends there instead of calling
 * the recorded tool again and again.
 */
export function pickScenario(shape: RequestShape, forced?: string): ScenarioPick {
  if (forced !== undefined) {
    const scenario = scenarios.find((candidate) => candidate.name === forced);
    return scenario ? { scenario } : { problem: 'unknown-scenario', detail: forced };
  }
  if (shape.toolResult && shape.hasTools) {
    const text = pickScenario({ ...shape, hasTools: false, toolResult: false });
    if ('scenario' in text) return text;
  }
  const own = scenarios.filter(
    (scenario) =>
      apiOf(scenario) === shape.api &&
      (scenario.embeddings ?? false) === shape.embeddings &&
      scenario.models.includes(shape.model) &&
      (scenario.requires === undefined || shape.fields.includes(scenario.requires)),
  );
  if (own.length === 0) return { problem: 'unknown-model', detail: shape.model };
  const fits = (scenario: Scenario) =>
    (scenario.tools === undefined || scenario.tools === shape.hasTools) &&
    (scenario.thinking === undefined || scenario.thinking === shape.thinking);
  // a model with a recorded answer gives it; its recorded failures are reached by name
  const exact = own.find((scenario) => fits(scenario) && !scenario.error) ?? own.find(fits);
  if (exact) return { scenario: exact };
  const family = own[0]!.family;
  const familyToolCall = shape.hasTools
    ? scenarios.find(
        (scenario) =>
          apiOf(scenario) === shape.api &&
          scenario.family === family &&
          scenario.tools === true &&
          fits(scenario),
      )
    : undefined;
  if (familyToolCall) return { scenario: familyToolCall };
  const wanted = `${shape.hasTools ? 'with' : 'without'} tools${shape.thinking ? ', with thinking' : ''}`;
  return {
    problem: 'no-recording',
    detail: `no recording of model '${shape.model}' for a request ${wanted}`,
  };
}
