import type { Recording } from './recording.js';

/** How many texts an embeddings request asks vectors for: OpenAI's `input`, Gemini's `requests`. */
function inputCount(body: unknown): number | undefined {
  const { input, requests } = (body ?? {}) as { input?: unknown; requests?: unknown };
  if (typeof input === 'string') return 1;
  if (Array.isArray(input)) {
    // an array of numbers is one text as token ids; strings or id arrays are a text each
    return input.length > 0 && input.every((item) => typeof item === 'number') ? 1 : input.length;
  }
  return Array.isArray(requests) ? requests.length : undefined;
}

/**
 * A recorded embeddings answer with one vector for each text the request sent, as every provider
 * answers: the recording's vectors in turn (the two recorded for two texts serve any number),
 * renumbered. A recording of another shape, or a request whose count cannot be read, replays as
 * it was recorded.
 */
export function fitEmbeddingsCount(recording: Recording, body: unknown): Recording {
  const count = inputCount(body);
  if (recording.kind !== 'json' || recording.status !== 200 || count === undefined) return recording;
  const answer = JSON.parse(recording.body) as { data?: unknown; embeddings?: unknown };
  const field = Array.isArray(answer.data)
    ? 'data'
    : Array.isArray(answer.embeddings)
      ? 'embeddings'
      : undefined;
  if (field === undefined) return recording;
  const recorded = answer[field] as Array<Record<string, unknown>>;
  if (recorded.length === 0 || recorded.length === count) return recording;
  const vectors = Array.from({ length: count }, (_, index) => {
    const vector = { ...recorded[index % recorded.length]! };
    if ('index' in vector) vector.index = index;
    return vector;
  });
  return { ...recording, body: JSON.stringify({ ...answer, [field]: vectors }) };
}
