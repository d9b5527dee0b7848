import { readFileSync } from 'node:fs';
import { ApiError, GoogleGenAI } from '@google/genai';
import type { Content, GenerateContentResponse, Part } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Gemini CLI's dialect: the official @google/genai SDK against the relay's Gemini API, backed by
// OpenAI-compatible, Anthropic, Responses and Gemini upstreams replaying recorded traffic.
const harness = useHarness({
  extraConfig: `routes:
  - name: agent-route
    targets: [gemini/gemini-3-pro-preview]
aliases:
  team-model: [anthropic/claude-sonnet-4-5]
`,
});
const genai = () =>
  new GoogleGenAI({
    apiKey: clientKey,
    httpOptions: { baseUrl: harness.relay.url, headers: { 'x-test': '1' } },
  });

/** Gemini CLI 0.61.0's first request, trimmed (relay-core/src/dialects/gemini-api/__fixtures__). */
const cli = JSON.parse(
  readFileSync(
    new URL(
      '../../relay-core/src/dialects/gemini-api/__fixtures__/gemini-cli-first-turn.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { headers: Record<string, string>; body: Record<string, unknown> };

interface Family {
  model: string;
  text: string;
  tool: string;
  /** What the upstream answers once it has the tool's result. */
  answer: string;
  /** The tool result as the upstream received it: the id it answers and the text. */
  toolResult(body: Record<string, unknown>): { id?: string; text: string } | undefined;
}

type Json = Record<string, unknown>;
const last = <T>(list: T[] | undefined) => list?.at(-1);

const families: Record<string, Family> = {
  'openai-compatible': {
    model: 'openai/gpt-4o-mini',
    text: 'openai-text',
    tool: 'openai-tool-call',
    answer: 'openai-tool-result-answer',
    toolResult: (body) => {
      const message = last(body.messages as Json[]);
      return message?.role === 'tool'
        ? { id: message.tool_call_id as string, text: message.content as string }
        : undefined;
    },
  },
  anthropic: {
    model: 'anthropic/claude-haiku-4-5',
    text: 'anthropic-text',
    tool: 'anthropic-json-tool',
    answer: 'anthropic-text',
    toolResult: (body) => {
      const block = (last(body.messages as Json[])?.content as Json[] | undefined)?.[0];
      return block?.type === 'tool_result'
        ? { id: block.tool_use_id as string, text: ((block.content as Json[])[0]!.text as string) ?? '' }
        : undefined;
    },
  },
  responses: {
    // a model the catalog lists as served only by the Responses API
    model: 'openai/o1-pro',
    text: 'responses-tool-result-answer',
    tool: 'responses-tool-call',
    answer: 'responses-tool-result-answer',
    toolResult: (body) => {
      const item = last(body.input as Json[]);
      return item?.type === 'function_call_output'
        ? { id: item.call_id as string, text: item.output as string }
        : undefined;
    },
  },
  gemini: {
    model: 'gemini/gemini-3-pro-preview',
    text: 'gemini-text',
    tool: 'gemini-tool-call',
    answer: 'gemini-text',
    toolResult: (body) => {
      const part = (last(body.contents as Json[])?.parts as Json[] | undefined)?.[0];
      const response = part?.functionResponse as Json | undefined;
      return response
        ? { id: response.id as string | undefined, text: JSON.stringify(response.response) }
        : undefined;
    },
  },
};
const names = Object.keys(families);
const tools = [
  {
    functionDeclarations: [
      { name: 'tool', description: 'a tool', parametersJsonSchema: { type: 'object', properties: {} } },
    ],
  },
];

async function streamParts(model: string, contents: Content[] | string, config = {}) {
  const parts: Part[] = [];
  let final: GenerateContentResponse | undefined;
  for await (const chunk of await genai().models.generateContentStream({ model, contents, config })) {
    parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
    final = chunk;
  }
  return { parts, final: final! };
}

/** The same request through the OpenAI SDK, streamed or not: the reference (see the dialect matrix). */
async function chatReference(model: string, withTool: boolean, stream: boolean) {
  const request = {
    model,
    messages: [{ role: 'user' as const, content: 'hi' }],
    ...(withTool
      ? {
          tools: [
            {
              type: 'function' as const,
              function: { name: 'tool', parameters: { type: 'object', properties: {} } },
            },
          ],
        }
      : {}),
  };
  if (!stream) {
    const message = (await harness.openai.chat.completions.create(request)).choices[0]!.message;
    return { text: message.content ?? '', calls: [] };
  }
  let text = '';
  const calls: Array<{ name: string; args: string }> = [];
  for await (const chunk of await harness.openai.chat.completions.create({ ...request, stream: true })) {
    const delta = chunk.choices[0]?.delta;
    text += delta?.content ?? '';
    for (const call of delta?.tool_calls ?? []) {
      calls[call.index] ??= { name: '', args: '' };
      calls[call.index]!.name += call.function?.name ?? '';
      calls[call.index]!.args += call.function?.arguments ?? '';
    }
  }
  return {
    text,
    calls: calls.map((call) => ({ name: call.name, args: JSON.parse(call.args || '{}') as unknown })),
  };
}

/** Whether a scenario has a recording of a whole (non-streamed) answer. */
const answersWhole = (scenario: string) =>
  scenarios.find((entry) => entry.name === scenario)?.json !== undefined;

describe('Gemini API clients (@google/genai) through the relay', () => {
  it.each(names)(
    '%s: whole and streamed text, with the usage and the name the client asked for',
    async (name) => {
      const family = families[name]!;
      harness.emulator.inject({ scenario: family.text, times: 4 });
      const reference = await chatReference(family.model, false, true);
      const { parts, final } = await streamParts(family.model, 'hi');
      expect(parts.map((part) => part.text ?? '').join('')).toBe(reference.text);
      expect(reference.text.length).toBeGreaterThan(0);
      expect(final.candidates?.[0]?.finishReason).toBe('STOP');
      expect(final.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
      expect(final.modelVersion).toBe(family.model);
      if (!answersWhole(family.text)) return;
      const wholeReference = await chatReference(family.model, false, false);
      const whole = await genai().models.generateContent({ model: family.model, contents: 'hi' });
      expect(whole.text).toBe(wholeReference.text);
      expect(whole.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
      expect(whole.modelVersion).toBe(family.model);
      expect(whole.sdkHttpResponse?.headers?.['x-relay-provider']).toBe(family.model.split('/')[0]);
    },
  );

  it.each(names)('%s: a function call, its arguments whole, and the turn with its result', async (name) => {
    const family = families[name]!;
    harness.emulator.inject({ scenario: family.tool, times: 2 });
    const reference = await chatReference(family.model, true, true);
    const { parts, final } = await streamParts(family.model, 'hi', { tools });
    const calls = parts.filter((part) => part.functionCall);
    expect(calls.map((part) => ({ name: part.functionCall!.name, args: part.functionCall!.args }))).toEqual(
      reference.calls,
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(final.candidates?.[0]?.finishReason).toBe('STOP');

    // the next turn, as Gemini CLI sends it: its own id prefix on the call, and the result
    const call = calls[0]!.functionCall!;
    const cliId = call.id ? `${call.name}__${call.id}` : undefined;
    harness.emulator.reset();
    harness.emulator.inject({ scenario: family.answer });
    const contents: Content[] = [
      { role: 'user', parts: [{ text: 'hi' }] },
      { role: 'model', parts: [{ ...calls[0], functionCall: { ...call, id: cliId } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { id: cliId, name: call.name, response: { output: 'Paris' } } }],
      },
    ];
    const answer = await streamParts(family.model, contents, { tools });
    expect(answer.parts.map((part) => part.text ?? '').join('').length).toBeGreaterThan(0);
    const sent = family.toolResult(harness.emulator.calls[0]!.body as Record<string, unknown>);
    expect(sent?.text).toContain('Paris');
    // the upstream sees the id it gave (Gemini's own body goes as the client wrote it)
    expect(sent?.id).toBe(name === 'gemini' ? cliId : call.id);
  });

  it('JSON output with a schema: each upstream is asked for it in its own terms', async () => {
    const schema = {
      type: 'object',
      properties: {
        next_speaker: { type: 'string', enum: ['user', 'model'] },
        reasoning: { type: 'string' },
      },
      required: ['next_speaker', 'reasoning'],
    };
    const config = { responseMimeType: 'application/json', responseJsonSchema: schema };
    const answer = await genai().models.generateContent({
      model: `openai/${synthesizedModels.schemaAnswer}`,
      contents: 'Who speaks next?',
      config,
    });
    expect(JSON.parse(answer.text!)).toEqual({ next_speaker: 'user', reasoning: 'example' });
    const asked = async (name: string) => {
      harness.emulator.reset();
      harness.emulator.inject({ scenario: families[name]!.text });
      await streamParts(families[name]!.model, 'Who speaks next?', config);
      return harness.emulator.calls[0]!.body as Json;
    };
    expect(((await asked('openai-compatible')).response_format as Json).json_schema).toMatchObject({
      schema,
    });
    expect(((await asked('anthropic')).output_config as Json).format).toEqual({
      type: 'json_schema',
      schema,
    });
    expect(((await asked('responses')).text as Json).format).toMatchObject({ type: 'json_schema', schema });
    expect(((await asked('gemini')).generationConfig as Json).responseJsonSchema).toEqual(schema);
  });

  it('countTokens: an estimate of the prompt, that grows with it', async () => {
    const count = (text: string) =>
      genai().models.countTokens({ model: 'anthropic/claude-haiku-4-5', contents: text });
    const short = await count('hello');
    const long = await count('hello '.repeat(200));
    expect(short.totalTokens).toBeGreaterThan(0);
    expect(long.totalTokens).toBeGreaterThan(short.totalTokens! * 10);
    expect(short.sdkHttpResponse?.headers?.['x-relay-token-count']).toBe('estimated');
  });

  it('embeddings: one vector a text, from an OpenAI or a Gemini upstream, recorded in the history', async () => {
    const fromOpenAI = await genai().models.embedContent({
      model: `openai/${synthesizedModels.hashedEmbedding}`,
      contents: ['cats purr', 'dogs bark'],
    });
    expect(fromOpenAI.embeddings).toHaveLength(2);
    expect(fromOpenAI.embeddings![0]!.values!.length).toBeGreaterThan(0);
    expect(fromOpenAI.embeddings![0]!.values).not.toEqual(fromOpenAI.embeddings![1]!.values);
    harness.emulator.reset();
    const fromGemini = await genai().models.embedContent({
      model: 'gemini/gemini-embedding-001',
      contents: ['cats purr', 'dogs bark'],
      config: { taskType: 'RETRIEVAL_QUERY', outputDimensionality: 3 },
    });
    expect(fromGemini.embeddings).toHaveLength(2);
    const sent = harness.emulator.calls[0]!;
    expect(sent.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    const asked = expect.objectContaining({ taskType: 'RETRIEVAL_QUERY', outputDimensionality: 3 });
    expect((sent.body as { requests: unknown[] }).requests).toEqual([asked, asked]);
    // a single content through :embedContent answers one `embedding`
    const single = await fetch(
      `${harness.relay.url}/v1beta/models/openai%2F${synthesizedModels.hashedEmbedding}:embedContent`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': clientKey },
        body: JSON.stringify({ content: { parts: [{ text: 'cats purr' }] } }),
      },
    );
    const body = (await single.json()) as { embedding: { values: number[] } };
    expect(body.embedding.values).toEqual(fromOpenAI.embeddings![0]!.values);
    const row = await harness.waitForRequest(single.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({
      requested_model: `openai/${synthesizedModels.hashedEmbedding}`,
      status: 'ok',
    });
  });
});

/** A raw Gemini API call, as Gemini CLI or curl makes it. */
function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'x-goog-api-key': clientKey },
) {
  return fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
type GoogleError = { error: { code: number; message: string; status: string; details?: Json[] } };
const sseParts = (text: string) =>
  text
    .split('\r\n\r\n')
    .filter(Boolean)
    .flatMap(
      (frame) =>
        (JSON.parse(frame.replace(/^data: /, '')) as GenerateContentResponse).candidates?.[0]?.content
          ?.parts ?? [],
    );

describe("Gemini CLI's requests and the Gemini API's edges", () => {
  it("serves Gemini CLI's first turn through a translating route and sends it unchanged to Gemini", async () => {
    const headers = { ...cli.headers, 'x-goog-api-key': clientKey };
    const bytes = JSON.stringify(cli.body);
    harness.emulator.inject({ scenario: 'openai-tool-call' });
    const translated = await post(
      '/v1beta/models/openai%2Fgpt-4o-mini:streamGenerateContent?alt=sse',
      bytes,
      headers,
    );
    expect(translated.status).toBe(200);
    expect(translated.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sseParts(await translated.text()).some((part) => part.functionCall?.name === 'get_capital')).toBe(
      true,
    );
    const upstream = harness.emulator.calls[0]!.body as Json;
    expect((upstream.tools as Json[]).map((tool) => (tool.function as Json).name)).toEqual([
      'read_file',
      'run_shell_command',
    ]);
    expect((upstream.messages as Json[])[0]).toMatchObject({ role: 'system' });

    harness.emulator.reset();
    const same = await post(
      '/v1beta/models/gemini%2Fgemini-3-pro-preview:streamGenerateContent?alt=sse',
      bytes,
      headers,
    );
    expect(same.status).toBe(200);
    expect(sseParts(await same.text()).some((part) => part.functionCall)).toBe(true);
    const call = harness.emulator.calls[0]!;
    expect(call.path).toBe('/v1beta/models/gemini-3-pro-preview:streamGenerateContent');
    expect(call.query).toBe('?alt=sse');
    expect(call.bytes?.toString()).toBe(bytes);
    const row = await harness.waitForRequest(same.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({
      dialect: 'gemini-api',
      requested_model: 'gemini/gemini-3-pro-preview',
      stream: 1,
    });
  });

  it.each([
    ['a route', 'agent-route', 'gemini', 'gemini-text'],
    ['an alias', 'team-model', 'anthropic', 'anthropic-text'],
    ['a bare catalog name', 'gpt-4.1-nano', 'openai', 'openai-text'],
  ])('names %s in the path, as the other endpoints do', async (_kind, model, provider, scenario) => {
    harness.emulator.inject({ scenario });
    const response = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-relay-provider')).toBe(provider);
    const text = await response.text();
    expect(
      sseParts(text)
        .map((part) => part.text ?? '')
        .join('').length,
    ).toBeGreaterThan(0);
    const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    expect(row).toMatchObject({ requested_model: model, dialect: 'gemini-api' });
  });

  it('without alt=sse, streams one JSON array', async () => {
    harness.emulator.inject({ scenario: 'anthropic-text' });
    const response = await post('/v1/models/anthropic%2Fclaude-sonnet-4-5:streamGenerateContent', {
      contents: [{ parts: [{ text: 'hi' }] }],
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const chunks = (await response.json()) as GenerateContentResponse[];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)!.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join('')).toMatch(
      /^Hello!/,
    );
  });

  it("carries Anthropic's signed thinking through a Gemini client's history, to Anthropic and not to Gemini", async () => {
    harness.emulator.inject({ scenario: 'anthropic-thinking' });
    const first = await streamParts('anthropic/claude-sonnet-4-5', 'What is 925 / 5?', {
      thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 },
    });
    const thinking = first.parts
      .filter((part) => part.thought)
      .map((part) => part.text)
      .join('');
    expect(thinking.length).toBeGreaterThan(0);
    // Gemini CLI keeps no thought parts in its history, and joins the text parts that carry nothing else
    const [signed, ...rest] = first.parts.filter((part) => !part.thought);
    expect(signed!.thoughtSignature).toBeDefined();
    const kept: Part[] = [signed!, { text: rest.map((part) => part.text).join('') }];
    const history: Content[] = [
      { role: 'user', parts: [{ text: 'What is 925 / 5?' }] },
      { role: 'model', parts: [...kept, { functionCall: { name: 'check', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'check', response: { output: 'ok' } } }] },
    ];
    harness.emulator.reset();
    harness.emulator.inject({ scenario: 'anthropic-text' });
    await streamParts('anthropic/claude-sonnet-4-5', history, { thinkingConfig: { thinkingBudget: 2048 } });
    const toAnthropic = (harness.emulator.calls[0]!.body as { messages: Json[] }).messages[1]!;
    const blocks = toAnthropic.content as Json[];
    expect(blocks[0]).toEqual({ type: 'thinking', thinking, signature: expect.stringMatching(/^Ev/) });
    expect(blocks.map((block) => block.type)).toEqual(['thinking', 'text', 'text', 'tool_use']);

    harness.emulator.reset();
    harness.emulator.inject({ scenario: 'gemini-text' });
    await streamParts('gemini/gemini-3-pro-preview', history);
    const toGemini = harness.emulator.calls[0]!;
    // converted, not sent as it came: Gemini would refuse a signature it did not issue
    expect(toGemini.text).not.toContain('sb.r1.');
    expect((toGemini.body as { contents: Json[] }).contents[1]).toEqual({
      role: 'model',
      parts: [
        { text: kept[0]!.text },
        { text: kept[1]!.text },
        { functionCall: { name: 'check', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
      ],
    });
  });

  it('refuses what only Gemini can honour on another upstream, naming it, and sends it to Gemini', async () => {
    const body = { contents: [{ parts: [{ text: 'hi' }] }], cachedContent: 'cachedContents/abc123' };
    const refused = await post('/v1beta/models/openai%2Fgpt-4.1-nano:generateContent', body);
    expect(refused.status).toBe(400);
    const error = (await refused.json()) as GoogleError;
    expect(error.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(error.error.message).toMatch(/'cachedContent'.*not supported by the OpenAI-compatible upstream/);
    expect(error.error.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'cachedContent', description: error.error.message }],
      },
    ]);
    expect(harness.emulator.calls).toHaveLength(0);
    harness.emulator.inject({ scenario: 'gemini-text' });
    const served = await post('/v1beta/models/gemini%2Fgemini-3-pro-preview:generateContent', body);
    expect(served.status).toBe(200);
    expect(harness.emulator.calls[0]!.body).toMatchObject({ cachedContent: 'cachedContents/abc123' });
  });

  it('answers an upstream 429 as Google does: RESOURCE_EXHAUSTED with the retry delay where Gemini clients read it', async () => {
    harness.emulator.inject({ status: 429, retryAfter: 2 });
    const error = await genai()
      .models.generateContent({ model: 'openai/gpt-4.1-nano', contents: 'hi' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const body = JSON.parse((error as ApiError).message) as GoogleError;
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    });
  });

  it('takes the client key from x-goog-api-key only: a key= parameter is refused with the header to use', async () => {
    const body = { contents: [{ parts: [{ text: 'hi' }] }] };
    const inUrl = await post(
      `/v1beta/models/openai%2Fgpt-4.1-nano:generateContent?key=${clientKey}`,
      body,
      {},
    );
    expect(inUrl.status).toBe(400);
    const refusal = (await inUrl.json()) as GoogleError;
    expect(refusal.error.status).toBe('INVALID_ARGUMENT');
    expect(refusal.error.message).toMatch(/x-goog-api-key header/);
    const missing = await post('/v1beta/models/openai%2Fgpt-4.1-nano:generateContent', body, {});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as GoogleError).error.status).toBe('UNAUTHENTICATED');
    const wrong = await post('/v1beta/models/openai%2Fgpt-4.1-nano:generateContent', body, {
      'x-goog-api-key': 'sb-wrong',
    });
    expect(wrong.status).toBe(401);
    expect(harness.emulator.calls).toHaveLength(0);
  });

  it("lists models in Gemini's shape, finds one, and answers an unknown one or method with NOT_FOUND", async () => {
    const listed = await genai().models.list();
    const models: string[] = [];
    for await (const model of listed) models.push(model.name!);
    expect(models).toContain('models/openai/gpt-4o-mini');
    const one = await genai().models.get({ model: 'gemini-3-pro-preview' });
    expect(
      one.supportedActions ?? (one as { supportedGenerationMethods?: string[] }).supportedGenerationMethods,
    ).toContain('generateContent');
    const unknown = await genai()
      .models.get({ model: 'no-such-model' })
      .catch((caught: unknown) => caught);
    expect((unknown as ApiError).status).toBe(404);
    const method = await post('/v1beta/models/openai%2Fgpt-4.1-nano:predict', {});
    expect(method.status).toBe(404);
    expect(((await method.json()) as GoogleError).error.status).toBe('NOT_FOUND');
  });
});
