import type { IncomingHttpHeaders } from 'node:http';

/** A request to Gemini's REST API, as its path says. */
export type GeminiPath =
  | { kind: 'list' }
  | { kind: 'get'; model: string }
  /** `models/{model}:{method}`: generateContent, streamGenerateContent, countTokens, embedContent, … */
  | { kind: 'call'; model: string; method: string }
  | { kind: 'unknown' };

/** A model name in a path: `models/` is Gemini's resource prefix, `%2F` a `provider/model` slash. */
function modelOf(segment: string): string {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  return name.startsWith('models/') ? name.slice('models/'.length) : name;
}

/**
 * Whether a request is for Gemini's REST API, and which: everything under `/v1beta/` and
 * `/v1alpha/`, and `/v1/models/{model}:{method}`. `/v1/models` itself is OpenAI's list unless the
 * client speaks Gemini (its key in `x-goog-api-key`, or in a `key=` parameter, which is refused).
 * The method follows the last colon: a model name may hold one (`llama3.2:3b`). A `provider/model`
 * name may come without `models/`: the Vercel AI SDK's Google provider takes a name with a slash
 * for a whole resource name (`tunedModels/…`) and sends `/v1beta/openai/gpt-4o:generateContent`.
 */
export function matchGeminiPath(
  path: string,
  headers: IncomingHttpHeaders,
  query: URLSearchParams | undefined,
): GeminiPath | undefined {
  const match = /^\/(v1beta|v1alpha|v1)\/(.*)$/.exec(path);
  if (!match) return undefined;
  const [, version, rest] = match as unknown as [string, string, string];
  const gemini = headers['x-goog-api-key'] !== undefined || query?.has('key') === true;
  const call = /^(.+):([A-Za-z]+)$/.exec(rest);
  if (call) {
    const [, name, method] = call as unknown as [string, string, string];
    // `models/{model}` anywhere; a bare `provider/model` on Gemini's own paths, or from its client
    if (/^models\/./.test(name) || (name.includes('/') && (version !== 'v1' || gemini)))
      return { kind: 'call', model: modelOf(name), method };
  }
  if (version === 'v1' && (!gemini || !/^models(\/|$)/.test(rest))) return undefined;
  if (rest === 'models' || rest === 'models/') return { kind: 'list' };
  const model = /^models\/(.+)$/.exec(rest);
  return model ? { kind: 'get', model: modelOf(model[1]!) } : { kind: 'unknown' };
}
