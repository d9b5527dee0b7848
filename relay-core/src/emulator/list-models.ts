import { scenarioModels, scenarios } from './scenarios.js';
import { synthesizedModels } from './synthesized/synthesized-scenarios.js';

// a fixed timestamp, so listings are stable across runs
const created = 1_700_000_000;

/**
 * Every model the emulator answers on OpenAI's API: those its OpenAI-compatible scenarios answer
 * with a recording that is not an error, and those whose answers it makes up (embeddings of any
 * text, answers to any schema).
 */
export function emulatorModelIds(): string[] {
  return [...scenarioModels('openai-chat'), ...Object.values(synthesizedModels)];
}

/**
 * GET /v1/models in OpenAI's list shape (emulatorModelIds), each owned by the provider family that
 * recorded it.
 */
export function listModels(): string {
  const data = emulatorModelIds().map((id) => ({
    id,
    object: 'model',
    created,
    owned_by: scenarios.find((scenario) => scenario.models.includes(id))?.family ?? 'emulator',
  }));
  return JSON.stringify({ object: 'list', data });
}
