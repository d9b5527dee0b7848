import type { GeminiUnmodeled } from '../../canonical/types.js';
import type { GenerateContentWire } from './gemini-api-schema.js';

/** Top-level fields the canonical request carries. */
const modeledFields = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
  'model',
]);

/** `generationConfig` fields the canonical request carries (structured output: see below). */
const modeledConfig = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
]);

/** Top-level fields that change the answer: only Gemini can serve a request that has them. */
const refusedFields: Record<string, string> = {
  cachedContent: 'content cached at Gemini',
  continuationToken: 'a Gemini generation to continue',
};

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Keeps apart what a request's `generationConfig` and `toolConfig` say that the canonical form does
 * not carry. By the tolerance rule (DESIGN.md §3), what changes the answer (several candidates,
 * audio or image output, log probabilities, enum output) is refused by any other upstream; what
 * only tunes Gemini (`mediaResolution`, `speechConfig` without audio, routing) is left out there.
 */
export function unmodeledConfig(wire: GenerateContentWire, unmodeled: GeminiUnmodeled): void {
  const refuse = (param: string, reason: string) => unmodeled.refused.push({ param, reason });
  const config: Record<string, unknown> = {};
  const mime = wire.generationConfig?.responseMimeType?.toLowerCase();
  // JSON and plain text are the canonical response formats; another type (text/x.enum) is Gemini's
  const ownFormat = mime !== undefined && mime !== 'application/json' && mime !== 'text/plain';
  for (const [key, value] of Object.entries(wire.generationConfig ?? {})) {
    if (!given(value) || modeledConfig.has(key)) continue;
    if (key === 'responseMimeType' || key === 'responseSchema' || key === 'responseJsonSchema') {
      if (!ownFormat) continue;
      if (key === 'responseMimeType') refuse('generationConfig.responseMimeType', `${mime} output`);
    } else if (key === 'thinkingConfig') {
      // the budget and level are the canonical reasoning; whether to show thoughts is Gemini's
      const { thinkingBudget: _budget, thinkingLevel: _level, ...rest } = value as Record<string, unknown>;
      if (Object.keys(rest).length === 0) continue;
      config.thinkingConfig = rest;
      continue;
    } else if (key === 'candidateCount') {
      if (value === 1) continue;
      refuse('generationConfig.candidateCount', `${String(value)} candidates`);
    } else if (key === 'responseModalities') {
      const other =
        Array.isArray(value) && value.some((modality) => String(modality).toUpperCase() !== 'TEXT');
      if (other) refuse('generationConfig.responseModalities', `${value.join(', ')} output`);
    } else if (key === 'responseLogprobs' && value === true) {
      refuse('generationConfig.responseLogprobs', 'log probabilities');
    }
    config[key] = value;
  }
  if (Object.keys(config).length > 0) unmodeled.fields.generationConfig = config;
  const { functionCallingConfig: _calling, ...toolConfig } = wire.toolConfig ?? {};
  if (Object.values(toolConfig).some(given)) unmodeled.fields.toolConfig = toolConfig;
}

/** Keeps apart a request's top-level fields the canonical form does not carry. */
export function unmodeledFields(body: Record<string, unknown>, unmodeled: GeminiUnmodeled): void {
  for (const [key, value] of Object.entries(body)) {
    if (modeledFields.has(key) || !given(value)) continue;
    unmodeled.fields[key] = value;
    if (Object.hasOwn(refusedFields, key) && value !== '')
      unmodeled.refused.push({ param: key, reason: refusedFields[key]! });
  }
}
