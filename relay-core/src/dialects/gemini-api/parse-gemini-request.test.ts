import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RelayError } from '../../canonical/errors.js';
import { carryReasoning } from './carry-reasoning.js';
import { parseGeminiRequest } from './parse-gemini-request.js';

const cli = JSON.parse(
  readFileSync(new URL('./__fixtures__/gemini-cli-first-turn.json', import.meta.url), 'utf8'),
) as { body: Record<string, unknown> };
const call = { model: 'agent-route', stream: true };
const parse = (body: unknown) => parseGeminiRequest(body, call).request;
const user = (text: string) => ({ role: 'user', parts: [{ text }] });

function refusal(body: unknown): RelayError {
  try {
    parse(body);
  } catch (error) {
    return error as RelayError;
  }
  throw new Error('the request was not refused');
}

describe('parseGeminiRequest', () => {
  it("reads Gemini CLI's first turn: the model from the path, its system prompt, tools and sampling", () => {
    const { request, includeThoughts } = parseGeminiRequest(cli.body, call);
    expect(request.model).toBe('agent-route');
    expect(request.stream).toBe(true);
    expect(request.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(request.messages[1]!.content).toHaveLength(2);
    expect(request.tools?.map((tool) => tool.name)).toEqual(['read_file', 'run_shell_command']);
    expect(request.tools?.[0]?.parameters).toMatchObject({ type: 'object', required: ['file_path'] });
    expect(request).toMatchObject({ temperature: 1, topP: 0.95, topK: 64 });
    // includeThoughts alone asks to see thoughts, not for a thinking budget
    expect(request.reasoning).toBeUndefined();
    expect(includeThoughts).toBe(true);
    expect(request.geminiUnmodeled?.refused ?? []).toEqual([]);
  });

  it('reads either field spelling (proto names, as in Google curl examples)', () => {
    const snake = parse({
      system_instruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ inline_data: { mime_type: 'image/png', data: 'iVBO' } }] }],
      generation_config: { max_output_tokens: 50, stop_sequences: ['END'] },
      tools: [
        {
          function_declarations: [
            { name: 'f', parameters_json_schema: { type: 'object', required: ['a_b'] } },
          ],
        },
      ],
    });
    expect(snake.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] });
    expect(snake.messages[1]!.content[0]).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' },
    });
    expect(snake).toMatchObject({ maxOutputTokens: 50, stop: ['END'] });
    // a schema is the client's own: its property names are not renamed
    expect(snake.tools?.[0]?.parameters).toEqual({ type: 'object', required: ['a_b'] });
  });

  it('pairs calls and responses without ids by name, and takes off the function-name prefix Gemini CLI adds', () => {
    const request = parse({
      contents: [
        user('list and read'),
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'ls', args: { dir: '.' } }, thoughtSignature: 'c2lnLWdlbWluaQ==' },
            { functionCall: { id: 'read_file__toolu_01', name: 'read_file', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            {
              functionResponse: { id: 'read_file__toolu_01', name: 'read_file', response: { output: 'hi' } },
            },
            { functionResponse: { name: 'ls', response: { error: 'denied' } } },
          ],
        },
      ],
    });
    const [, model, results] = request.messages;
    expect(model!.content).toEqual([
      {
        type: 'tool_call',
        id: 'call_0',
        name: 'ls',
        arguments: '{"dir":"."}',
        providerData: { thoughtSignature: 'c2lnLWdlbWluaQ==' },
      },
      { type: 'tool_call', id: 'toolu_01', name: 'read_file', arguments: '{}' },
    ]);
    expect(results!.content).toEqual([
      { type: 'tool_result', toolCallId: 'toolu_01', content: [{ type: 'text', text: '{"output":"hi"}' }] },
      {
        type: 'tool_result',
        toolCallId: 'call_0',
        content: [{ type: 'text', text: '{"error":"denied"}' }],
        isError: true,
      },
    ]);
  });

  it("brings back another provider's reasoning that the relay carried in a thought signature", () => {
    const carried = carryReasoning([
      { type: 'reasoning', text: 'Use the tool.', signature: 'sig-anthropic' },
    ]);
    const request = parse({
      contents: [
        user('weather?'),
        {
          role: 'model',
          parts: [{ functionCall: { name: 'weather', args: {} }, thoughtSignature: carried }],
        },
      ],
    });
    expect(request.messages[1]!.content).toEqual([
      { type: 'reasoning', text: 'Use the tool.', signature: 'sig-anthropic' },
      { type: 'tool_call', id: 'call_0', name: 'weather', arguments: '{}' },
    ]);
  });

  it('converts Gemini schemas to JSON Schema, and JSON output with a schema to the canonical format', () => {
    const request = parse({
      contents: [user('q')],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'find',
              parameters: {
                type: 'OBJECT',
                properties: {
                  query: { type: 'STRING', nullable: true },
                  limit: { type: 'INTEGER', maxItems: '3' },
                },
                propertyOrdering: ['query', 'limit'],
              },
            },
          ],
        },
      ],
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: { type: 'ARRAY', items: { type: 'STRING', format: 'enum', enum: ['a', 'b'] } },
      },
    });
    expect(request.tools?.[0]?.parameters).toEqual({
      type: 'object',
      properties: { query: { type: ['string', 'null'] }, limit: { type: 'integer', maxItems: 3 } },
    });
    expect(request.responseFormat).toEqual({
      type: 'json_schema',
      name: 'response',
      schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
    });
    const jsonSchema = { type: 'object', properties: { next_speaker: { enum: ['user', 'model'] } } };
    const next = parse({
      contents: [user('q')],
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: jsonSchema },
    });
    expect(next.responseFormat).toEqual({ type: 'json_schema', name: 'response', schema: jsonSchema });
    const plain = parse({
      contents: [user('q')],
      generationConfig: { responseMimeType: 'application/json' },
    });
    expect(plain.responseFormat).toEqual({ type: 'json_object' });
  });

  it('maps thinking budgets and levels to the canonical reasoning', () => {
    const reasoning = (thinkingConfig: unknown) =>
      parse({ contents: [user('q')], generationConfig: { thinkingConfig } }).reasoning;
    expect(reasoning({ thinkingBudget: 0 })).toEqual({ effort: 'none' });
    expect(reasoning({ thinkingBudget: 4096 })).toEqual({ budgetTokens: 4096 });
    expect(reasoning({ thinkingLevel: 'HIGH' })).toEqual({ effort: 'high' });
    expect(reasoning({ thinkingLevel: 'low' })).toEqual({ effort: 'low' });
    expect(reasoning({ thinkingBudget: -1 })).toBeUndefined();
  });

  it('maps functionCallingConfig to the tool choice; ANY over several names narrows the tools', () => {
    const declarations = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];
    const choice = (functionCallingConfig: unknown) =>
      parse({
        contents: [user('q')],
        tools: [{ functionDeclarations: declarations }],
        toolConfig: { functionCallingConfig },
      });
    expect(choice({ mode: 'ANY', allowedFunctionNames: ['b'] }).toolChoice).toEqual({ name: 'b' });
    const narrowed = choice({ mode: 'ANY', allowedFunctionNames: ['a', 'c'] });
    expect(narrowed.toolChoice).toBe('required');
    expect(narrowed.tools?.map((tool) => tool.name)).toEqual(['a', 'c']);
    expect(choice({ mode: 'NONE' }).toolChoice).toBe('none');
    expect(choice({ mode: 'AUTO' }).toolChoice).toBe('auto');
  });

  it('keeps apart what only Gemini can honour, and marks what changes the answer', () => {
    const request = parse({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Summarise' },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
            { inlineData: { mimeType: 'text/plain', data: Buffer.from('notes').toString('base64') } },
          ],
        },
      ],
      cachedContent: 'cachedContents/abc',
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      tools: [{ googleSearch: {} }, { codeExecution: {} }],
      generationConfig: { candidateCount: 2, mediaResolution: 'MEDIA_RESOLUTION_LOW', presencePenalty: 0.5 },
    });
    // a text file's text is text any model can read
    expect(request.messages[0]!.content).toEqual([
      { type: 'text', text: 'Summarise' },
      { type: 'text', text: 'notes' },
    ]);
    expect(request.passthrough).toEqual({ presence_penalty: 0.5 });
    const unmodeled = request.geminiUnmodeled!;
    expect(unmodeled.refused.map((entry) => entry.param)).toEqual([
      'contents[0].parts[1]',
      'generationConfig.candidateCount',
      'cachedContent',
    ]);
    expect(unmodeled.tools).toEqual([{ googleSearch: {} }, { codeExecution: {} }]);
    expect(unmodeled.fields).toMatchObject({
      cachedContent: 'cachedContents/abc',
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      generationConfig: { candidateCount: 2, mediaResolution: 'MEDIA_RESOLUTION_LOW' },
    });
  });

  it('refuses a malformed body with a 400 naming the field as Google does', () => {
    const missing = refusal({ generationConfig: {} });
    expect(missing).toMatchObject({ code: 'BAD_REQUEST', param: 'contents' });
    expect(missing.message).toMatch(/^Invalid value at 'contents': /);
    expect(refusal({ contents: [user('q')], generationConfig: { temperature: 3 } })).toMatchObject({
      param: 'generationConfig.temperature',
    });
    expect(refusal({ contents: [{ parts: [{ functionCall: { args: {} } }] }] })).toMatchObject({
      param: 'contents[0].parts[0].functionCall.name',
    });
  });
});
