import { describe, expect, it } from 'vitest';
import { refusedParam } from '../../../../test/helpers/refused-param.js';
import { convertToAnthropicRequest } from '../../providers/anthropic/convert-to-anthropic-request.js';
import { convertToOpenAIRequest } from '../../providers/openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../../providers/openai-responses/convert-to-responses-request.js';
import { encodeOpenAIError } from '../openai-chat/encode-openai-error.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { reasoningEnvelope } from './reasoning-envelope.js';

const parse = (body: Record<string, unknown>) =>
  parseResponsesRequest({ model: 'm', ...body }, () => undefined).request;

/** The OpenAI error body a call's refusal becomes. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return encodeOpenAIError(error as Parameters<typeof encodeOpenAIError>[0]).error;
  }
  throw new Error('expected a refusal');
}

const tools = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} } },
  {
    type: 'namespace',
    name: 'multi_agent_v1',
    description: 'Sub-agents.',
    tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object', properties: {} } }],
  },
  {
    type: 'custom',
    name: 'apply_patch',
    format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
  },
  { type: 'web_search', external_web_access: true },
];

// a later Codex turn: the items Codex keeps and sends back (shapes from codex-rs/protocol models.rs)
const laterTurn = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Spawn a helper.' }] },
  {
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: 'Plan.' }],
    encrypted_content: 'gAAAAAopenai',
  },
  { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } },
  { type: 'function_call', call_id: 'c1', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{}' },
  { type: 'function_call_output', call_id: 'c1', output: 'started' },
  { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch' },
  { type: 'custom_tool_call_output', call_id: 'c2', output: 'applied' },
  { type: 'local_shell_call', call_id: 'c3', status: 'completed', action: { type: 'exec', command: ['ls'] } },
  { type: 'local_shell_call_output', call_id: 'c3', output: 'a.txt' },
];

describe('an OpenAI Responses request, canonical', () => {
  it("reads Codex's tools: namespace members flat, custom tools as one-string functions, hosted tools apart", () => {
    const request = parse({ input: 'hi', tools });
    expect(request.tools).toMatchObject([
      { name: 'exec_command', responsesTool: tools[0] },
      {
        name: 'multi_agent_v1__spawn_agent',
        namespace: { name: 'multi_agent_v1', description: 'Sub-agents.', member: 'spawn_agent' },
      },
      { name: 'apply_patch', kind: 'custom', parameters: { required: ['input'] } },
      { name: 'web_search', kind: 'hosted', responsesTool: tools[3] },
    ]);
  });

  it("reads a later Codex turn's items: each call under its tool's canonical name, each item kept", () => {
    const request = parse({ input: laterTurn, tools });
    const parts = request.messages.flatMap((message) => message.content);
    expect(
      parts.map((part) => (part.type === 'tool_call' ? `${part.type}:${part.name}` : part.type)),
    ).toEqual([
      'text',
      'reasoning',
      'native',
      'tool_call:multi_agent_v1__spawn_agent',
      'tool_result',
      'tool_call:apply_patch',
      'tool_result',
      'tool_call:local_shell',
      'tool_result',
    ]);
    expect(parts[5]).toMatchObject({ arguments: JSON.stringify({ input: '*** Begin Patch' }) });
    expect(parts[7]).toMatchObject({ arguments: JSON.stringify({ type: 'exec', command: ['ls'] }) });
    // a web search the model made is the record of what it did: not essential elsewhere
    expect(parts[2]).toEqual({
      type: 'native',
      dialect: 'openai-responses',
      item: true,
      value: laterTurn[2],
    });
    // OpenAI's encrypted reasoning stays OpenAI's
    expect(parts[1]).toMatchObject({ text: 'Plan.', responsesItem: laterTurn[1] });
  });

  it('sends the items to a Responses upstream as they came, and the readable part of them elsewhere', () => {
    const request = parse({ input: laterTurn, tools });
    expect(convertToResponsesRequest(request, 'gpt-5-codex').input).toEqual(laterTurn);
    const chat = convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' });
    expect((chat.messages as Array<{ role: string }>).map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
  });

  it("reads back signed thinking another provider needs, from the relay's own encrypted_content", () => {
    const signed = {
      type: 'reasoning' as const,
      text: 'Think.',
      signature: 'EvQBsig',
      provider: 'anthropic',
    };
    const item = { type: 'reasoning', summary: [], encrypted_content: reasoningEnvelope(signed) };
    const request = parse({
      input: [{ role: 'user', content: 'hi' }, item, { role: 'user', content: 'go' }],
    });
    expect(request.messages[1]!.content).toEqual([signed]);
    const anthropic = convertToAnthropicRequest(request, 'claude', 'anthropic');
    expect((anthropic.messages as Array<{ content: unknown[] }>)[1]!.content).toEqual([
      { type: 'thinking', thinking: 'Think.', signature: 'EvQBsig' },
    ]);
    // OpenAI could not read it: it is not sent there
    const sent = convertToResponsesRequest(request, 'gpt-5-codex').input as Array<{ type?: string }>;
    expect(sent.some((entry) => entry.type === 'reasoning')).toBe(false);
  });

  it('keeps what only a Responses upstream reads, and refuses it elsewhere when the answer depends on it', () => {
    const file = { type: 'input_file', file_id: 'file-abc' };
    const request = parse({
      input: [
        { type: 'compaction', encrypted_content: 'gAAAAAsummary' },
        { role: 'user', content: [{ type: 'input_text', text: 'Summarise this.' }, file] },
      ],
    });
    expect(convertToResponsesRequest(request, 'gpt-5-codex').input).toEqual([
      { type: 'compaction', encrypted_content: 'gAAAAAsummary' },
      { role: 'user', content: [{ type: 'input_text', text: 'Summarise this.' }, file] },
    ]);
    expect(refusal(() => convertToAnthropicRequest(request, 'claude', 'anthropic'))).toEqual({
      message: "Unsupported value: 'input[0].type' does not support 'compaction' with this model.",
      type: 'invalid_request_error',
      param: 'input[0].type',
      code: 'unsupported_value',
    });
    const fileOnly = parse({ input: [{ role: 'user', content: [file] }] });
    expect(refusedParam(() => convertToAnthropicRequest(fileOnly, 'claude', 'anthropic'))).toBe(
      'input[0].content[0].type',
    );
    // Chat Completions has files too
    const chat = convertToOpenAIRequest(fileOnly, 'm', { maxTokensField: 'max_tokens' });
    expect((chat.messages as Array<{ content: unknown }>)[0]!.content).toEqual([
      { type: 'file', file: { file_id: 'file-abc' } },
    ]);
  });

  it('keeps top-level fields as sent for a Responses upstream, mapping efforts above max', () => {
    const request = parse({
      input: 'hi',
      reasoning: { effort: 'ultra', summary: 'detailed' },
      text: { verbosity: 'low' },
      truncation: 'auto',
      some_newer_field: { on: true },
    });
    expect(request.reasoning).toEqual({ effort: 'max' });
    const body = convertToResponsesRequest(request, 'gpt-5-codex');
    expect(body).toMatchObject({
      reasoning: { effort: 'ultra', summary: 'detailed' },
      text: { verbosity: 'low' },
      truncation: 'auto',
      some_newer_field: { on: true },
      store: false,
    });
  });

  it('names what it refuses as OpenAI does', () => {
    expect(refusal(() => parse({ input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }))).toEqual({
      message: "Missing required parameter: 'input[0].call_id'.",
      type: 'invalid_request_error',
      param: 'input[0].call_id',
      code: 'missing_required_parameter',
    });
    expect(refusal(() => parse({ input: 'hi', background: true }))).toMatchObject({
      message: "Unsupported parameter: 'background' is not supported with this model.",
      param: 'background',
    });
    expect(refusal(() => parse({ input: 'hi', tool_choice: 'sometimes' }))).toMatchObject({
      message: "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.",
      param: 'tool_choice',
      code: 'invalid_value',
    });
  });
});
