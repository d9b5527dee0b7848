import type { EmulatedApi } from '../error-bodies.js';

/**
 * Which recording answers which request: data, so a test can read what the emulator will say.
 * `stream` / `json` name the recording for streamed and non-streamed requests (see
 * load-recording.ts for the reference syntax); a scenario with only one of them answers the
 * other kind with a 400 rather than invent content. When several scenarios fit a request, the
 * first in table order answers; the others are reached by name (`x-emulator-scenario` or a
 * fault's `scenario`).
 */
export interface Scenario {
  name: string;
  /** Model names (as requested, taken from the recorded request or response) this scenario answers. */
  models: string[];
  /** The provider family; a request with tools falls back to the family's tool-call recording. */
  family?: string;
  /** Only for requests that carry tools (true) or none (false); undefined: either. */
  tools?: boolean;
  /** An embeddings recording, not a chat answer. */
  embeddings?: boolean;
  /** Only for requests that ask for extended thinking (true) or not (false); undefined: either. */
  thinking?: boolean;
  /** Only for requests whose JSON body has this top-level field (e.g. `web_search_options`). */
  requires?: string;
  /** Every answer is a recorded failure: its models are left out of GET /v1/models. */
  error?: boolean;
  /** The API it answers (default OpenAI chat completions). */
  api?: EmulatedApi;
  stream?: string;
  json?: string;
}

export const vercel = 'vercel-ai';
export const pydantic = 'pydantic-ai-cassettes';
export const firebase = 'firebase-vertexai-sdk-test-data';
