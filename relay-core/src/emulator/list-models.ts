import { scenarioModels, scenarios } from './scenarios.js';
import { synthesizedModels } from './synthesized/synthesized-scenarios.js';

// a fixed timestamp, so listings are stable across runs
const created = 1_700_000_000;

/**
 * GET /v1/models in OpenAI's list shape: every model the OpenAI-compatible scenarios answer with a
 * recording that is not an error, owned by the provider family that recorded it, and the models
 * whose answers the emulator makes up (embeddings of any text, answers to any schema).
 */
export function listModels(): string {
  const data = [
    ...scenarioModels('openai-chat').map((id) => ({
      id,
      object: 'model',
      created,
      owned_by: scenarios.find((scenario) => scenario.models.includes(id))?.family ?? 'emulator',
    })),
    ...Object.values(synthesizedModels).map((id) => ({ id, object: 'model', created, owned_by: 'emulator' })),
  ];
  return JSON.stringify({ object: 'list', data });
}
