import fc from 'fast-check';
import { wireJsonValue } from '../helpers/wire-json-value.js';
import { describe, expect, it } from 'vitest';
import { parseGeminiRequest } from '../../relay-core/src/dialects/gemini-api/parse-gemini-request.js';
import { mutated } from '../helpers/mutated-json.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// The tolerance rule (DESIGN.md §3) for the Gemini dialect: what the relay does not model reaches a
// Gemini upstream unchanged; elsewhere it is left out unless it changes the answer, and then
// refused with a 400 in Google's shape that names it. Fields, part kinds and tools come from
// Gemini's API (the ones the relay leaves out) and from its future (names no version has yet).
const harness = useHarness();

const future = fc.stringMatching(/^[A-Z][a-z]{2,8}$/).map((name) => `future${name}`);
const extras = fc.dictionary(future, wireJsonValue({ maxDepth: 2 }), { maxKeys: 3 });

/** Real fields that only tune Gemini: left out for other upstreams, never refused. */
const tuning = {
  top: fc.subarray([
    ['safetySettings', [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]],
    ['labels', { team: 'a' }],
    ['serviceTier', 'SERVICE_TIER_FLEX'],
    ['store', false],
  ] as const),
  config: fc.subarray([
    ['mediaResolution', 'MEDIA_RESOLUTION_LOW'],
    ['speechConfig', { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } }],
    ['enableEnhancedCivicAnswers', true],
    ['routingConfig', { autoMode: {} }],
    ['candidateCount', 1],
    ['responseModalities', ['TEXT']],
  ] as const),
  part: fc.subarray([
    ['mediaResolution', { level: 'MEDIA_RESOLUTION_HIGH' }],
    ['partMetadata', { source: 'x' }],
  ] as const),
  /** Hosted tools: offers the model may use, Gemini's own. */
  tools: fc.subarray([
    { googleSearch: {} },
    { urlContext: {} },
    { codeExecution: {} },
    { googleMaps: {} },
    { fileSearch: { fileSearchStoreNames: ['stores/a'] } },
    { computerUse: { environment: 'ENVIRONMENT_BROWSER' } },
  ]),
  /** Kinds of parts the relay does not model (a server-side tool call, a transcript). */
  partKinds: fc.subarray([
    { toolCall: { id: 't1', toolType: 'GOOGLE_SEARCH' } },
    { audioTranscription: { text: 'hi' } },
  ]),
};

/** A valid request with unknown and unmodeled things at every level. */
const tolerable = fc
  .record({
    top: extras,
    config: extras,
    thinking: extras,
    content: extras,
    part: extras,
    declaration: extras,
    tool: extras,
    realTop: tuning.top,
    realConfig: tuning.config,
    realPart: tuning.part,
    hosted: tuning.tools,
    partKinds: tuning.partKinds,
  })
  .map((x) => ({
    ...Object.fromEntries(x.realTop),
    ...x.top,
    contents: [
      {
        role: 'user',
        parts: [{ text: 'hi', ...Object.fromEntries(x.realPart), ...x.part }, ...x.partKinds],
        ...x.content,
      },
    ],
    tools: [
      {
        functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object' }, ...x.declaration }],
        ...x.tool,
      },
      ...x.hosted,
    ],
    generationConfig: {
      temperature: 0.5,
      thinkingConfig: { includeThoughts: true, ...x.thinking },
      ...Object.fromEntries(x.realConfig),
      ...x.config,
    },
  }));

/** What changes the answer and only Gemini honours: refused elsewhere, naming the field. */
const meaningful = [
  {
    param: 'cachedContent',
    add: (body: Record<string, unknown>) => ({ ...body, cachedContent: 'cachedContents/c1' }),
  },
  {
    param: 'generationConfig.candidateCount',
    add: (body: Record<string, unknown>) => ({ ...body, generationConfig: { candidateCount: 3 } }),
  },
  {
    param: 'generationConfig.responseModalities',
    add: (body: Record<string, unknown>) => ({
      ...body,
      generationConfig: { responseModalities: ['TEXT', 'AUDIO'] },
    }),
  },
  {
    param: 'generationConfig.responseMimeType',
    add: (body: Record<string, unknown>) => ({
      ...body,
      generationConfig: { responseMimeType: 'text/x.enum', responseSchema: { type: 'STRING', enum: ['a'] } },
    }),
  },
  {
    param: 'contents[0].parts[1]',
    add: (body: Record<string, unknown>) => ({
      ...body,
      contents: [
        {
          role: 'user',
          parts: [{ text: 'read this' }, { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } }],
        },
      ],
    }),
  },
  {
    param: 'contents[0].parts[1]',
    add: (body: Record<string, unknown>) => ({
      ...body,
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'watch' },
            {
              fileData: {
                fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/v1',
                mimeType: 'video/mp4',
              },
            },
          ],
        },
      ],
    }),
  },
];

async function post(model: string, body: string, method = 'generateContent') {
  const response = await fetch(`${harness.relay.url}/v1beta/models/${encodeURIComponent(model)}:${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': clientKey },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('the Gemini dialect tolerates what it does not model', () => {
  it('parses any request with unknown fields, part kinds and tools, refusing none', () => {
    fc.assert(
      fc.property(tolerable, (body) => {
        const { request } = parseGeminiRequest(body, { model: 'm', stream: false });
        expect(request.geminiUnmodeled?.refused ?? []).toEqual([]);
        expect(request.tools?.map((tool) => tool.name)).toEqual(['f']);
        expect(request.messages[0]!.content[0]).toEqual({ type: 'text', text: 'hi' });
      }),
      { numRuns: 300 },
    );
  });

  it('sends such a request to Gemini byte for byte, and serves it from another upstream without it', async () => {
    await fc.assert(
      fc.asyncProperty(tolerable, async (body) => {
        harness.emulator.reset();
        const text = JSON.stringify(body);
        const toGemini = await post('gemini/gemini-3-pro-preview', text, 'streamGenerateContent');
        expect(toGemini.status, toGemini.text).toBe(200);
        expect(harness.emulator.calls[0]!.bytes!.toString()).toBe(text);
        const toOpenAI = await post('openai/gpt-4.1-nano', text, 'streamGenerateContent');
        expect(toOpenAI.status, toOpenAI.text).toBe(200);
        const sent = harness.emulator.calls[1]!.text!;
        expect(sent).not.toMatch(/future[A-Z]|safetySettings|googleSearch|toolCall/);
      }),
      { numRuns: 25 },
    );
  });

  it.each(meaningful.map((entry) => [entry.param, entry] as const))(
    "%s changes the answer: Gemini is sent it, any other upstream refuses it in Google's shape",
    async (param, { add }) => {
      const body = JSON.stringify(add({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }));
      for (const model of ['openai/gpt-4.1-nano', 'anthropic/claude-sonnet-4-5']) {
        const refused = await post(model, body);
        expect(refused.status).toBe(400);
        const { error } = JSON.parse(refused.text) as {
          error: {
            code: number;
            status: string;
            message: string;
            details: Array<{ fieldViolations?: Array<{ field: string }> }>;
          };
        };
        expect(error.code).toBe(400);
        expect(error.status).toBe('INVALID_ARGUMENT');
        expect(error.message).toContain(`'${param}'`);
        expect(error.details[0]!.fieldViolations![0]!.field).toBe(param);
      }
      harness.emulator.reset();
      const served = await post('gemini/gemini-3-pro-preview', body);
      expect(served.status).toBe(200);
      expect(harness.emulator.calls[0]!.bytes!.toString()).toBe(body);
    },
  );

  it.each(['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents'])(
    ":%s: random and mutated bodies get a 4xx in Google's shape, never a 5xx",
    async (method) => {
      const valid =
        method === 'embedContent'
          ? { content: { parts: [{ text: 'a' }] } }
          : method === 'batchEmbedContents'
            ? { requests: [{ content: { parts: [{ text: 'a' }] } }] }
            : {
                contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
                generationConfig: { temperature: 0.2 },
              };
      const model = method.includes('mbed') ? 'openai/hashed-embedding' : 'openai/gpt-4.1-nano';
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.json(),
            fc.string(),
            mutated(valid).map((value) => JSON.stringify(value)),
          ),
          async (body) => {
            const { status, text } = await post(model, body, method);
            if (status === 200) return;
            expect(status, text).toBeGreaterThanOrEqual(400);
            expect(status, text).toBeLessThan(500);
            const { error } = JSON.parse(text) as {
              error: { code: number; status: string; message: string };
            };
            expect(error.code).toBe(status);
            expect(error.status).toMatch(/^[A-Z_]+$/);
          },
        ),
        { numRuns: 40 },
      );
      expect((await fetch(`${harness.relay.url}/health`)).status).toBe(200);
    },
  );
});
