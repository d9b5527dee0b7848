import type { APIError } from 'openai';
import type {
  ResponseCreateParams,
  ResponseInputItem,
  ResponseOutputItem,
} from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import {
  scriptedEncryptedReasoning,
  scriptedModels,
  useScriptedHarness,
} from '../helpers/scripted-tool-upstream.js';

// A Codex-shaped request (trimmed from Codex CLI 0.171.0's first request, /tmp/cap/codex/000.json:
// functions, a namespace of sub-agent tools, a hosted web search; plus the free-form apply_patch
// tool Codex offers some models) through the relay to a Chat Completions, an Anthropic and a
// Responses upstream. The scripted upstream calls a tool only under the name it was offered.
const { harness, upstream } = await useScriptedHarness();
const { chat: chatModel, anthropic: anthropicModel, responses: responsesModel } = scriptedModels;

const patchGrammar = 'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF';
const tools = [
  {
    type: 'function',
    name: 'exec_command',
    description: 'Runs a command in a PTY.',
    strict: false,
    parameters: {
      type: 'object',
      properties: { cmd: { type: 'string', description: 'Shell command to execute.' } },
      required: ['cmd'],
      additionalProperties: false,
    },
  },
  {
    type: 'namespace',
    name: 'multi_agent_v1',
    description: 'Tools for spawning and managing sub-agents.',
    tools: [
      {
        type: 'function',
        name: 'spawn_agent',
        description: 'Spawn a sub-agent.',
        strict: false,
        parameters: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      },
      {
        type: 'function',
        name: 'wait_agent',
        description: 'Wait for agents.',
        strict: false,
        parameters: { type: 'object', properties: { targets: { type: 'array', items: { type: 'string' } } } },
      },
    ],
  },
  {
    type: 'custom',
    name: 'apply_patch',
    description: 'Use the `apply_patch` tool to edit files.',
    format: { type: 'grammar', syntax: 'lark', definition: patchGrammar },
  },
  { type: 'web_search', external_web_access: true },
];

const input = [
  {
    type: 'message',
    id: 'msg_5aa118e5-a4c6-51e5-8470-b1593a75d5de',
    role: 'developer',
    content: [{ type: 'input_text', text: 'You are a coding agent running in the Codex CLI.' }],
  },
  {
    type: 'message',
    id: 'msg_01a25044-421f-79d1-a628-83c639dda677',
    role: 'user',
    content: [{ type: 'input_text', text: 'Create hello.txt containing hi' }],
  },
];

function codexRequest(model: string, stream: boolean) {
  return {
    model,
    stream,
    input,
    tools,
    tool_choice: 'auto',
    parallel_tool_calls: true,
    reasoning: { summary: 'auto' },
    store: false,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: '01a25044-41df-7272-9df2-7438e80964aa',
    client_metadata: { thread_id: '01a25044-41df-7272-9df2-7438e80964aa' },
  } as unknown as ResponseCreateParams;
}

const spawn = { name: 'spawn_agent', namespace: 'multi_agent_v1', input: '{"message":"write the tests"}' };
const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n';

/** The answer to a request, streamed (the final response and every event's type) or whole. */
async function ask(body: ResponseCreateParams) {
  if (!body.stream) {
    const response = await harness.openai.responses.create({ ...body, stream: false });
    return { response, events: [] as Array<{ type: string; [key: string]: unknown }> };
  }
  const stream = harness.openai.responses.stream(
    body as Parameters<typeof harness.openai.responses.stream>[0],
  );
  const events: Array<{ type: string; [key: string]: unknown }> = [];
  stream.on('event', (event) => events.push(event as unknown as { type: string }));
  return { response: await stream.finalResponse(), events };
}

const called = (output: ResponseOutputItem[]) =>
  output.find((item) => item.type === 'function_call' || item.type === 'custom_tool_call');

describe('a Codex-shaped request through the relay (openai SDK)', () => {
  it('to a Chat upstream: namespaced tools offered flat, hosted ones left out, a streamed call answered namespaced', async () => {
    upstream.call = spawn;
    const { response, events } = await ask(codexRequest(chatModel, true));
    expect(called(response.output)).toMatchObject({
      type: 'function_call',
      name: 'spawn_agent',
      namespace: 'multi_agent_v1',
      arguments: '{"message":"write the tests"}',
    });
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ name: 'spawn_agent', arguments: '{"message":"write the tests"}' });
    const sent = upstream.requests.at(-1)!.body as {
      tools: Array<{ function: { name: string; parameters: unknown } }>;
    };
    expect(sent.tools.map((tool) => tool.function.name)).toEqual([
      'exec_command',
      'multi_agent_v1__spawn_agent',
      'multi_agent_v1__wait_agent',
      'apply_patch',
    ]);
    // the free-form tool is a function of one string, its grammar described
    expect(sent.tools[3]!.function.parameters).toMatchObject({
      properties: { input: { type: 'string', description: expect.stringContaining(patchGrammar) } },
      required: ['input'],
    });
    // what tunes OpenAI's own service goes to OpenAI's Chat Completions; the rest is left out
    expect(sent).toMatchObject({ prompt_cache_key: '01a25044-41df-7272-9df2-7438e80964aa' });
    expect(sent).not.toHaveProperty('client_metadata');
    expect(sent).not.toHaveProperty('include');
    expect(sent).not.toHaveProperty('reasoning');
  });

  it('to an Anthropic upstream: web search runs as its own, a whole and a streamed custom call answered as custom', async () => {
    upstream.call = spawn;
    const whole = await ask(codexRequest(anthropicModel, false));
    expect(called(whole.response.output)).toMatchObject({ name: 'spawn_agent', namespace: 'multi_agent_v1' });
    const sent = upstream.requests.at(-1)!.body as { tools: Array<Record<string, unknown>> };
    expect(sent.tools.map((tool) => tool.name)).toEqual([
      'exec_command',
      'multi_agent_v1__spawn_agent',
      'multi_agent_v1__wait_agent',
      'apply_patch',
      'web_search',
    ]);
    expect(sent.tools[4]).toEqual({ type: 'web_search_20250305', name: 'web_search' });

    upstream.call = { name: 'apply_patch', input: JSON.stringify({ input: patch }) };
    const { response, events } = await ask(codexRequest(anthropicModel, true));
    expect(called(response.output)).toMatchObject({
      type: 'custom_tool_call',
      name: 'apply_patch',
      input: patch,
    });
    expect(events.find((event) => event.type === 'response.custom_tool_call_input.done')).toMatchObject({
      input: patch,
    });
  });

  it('to a Responses upstream: every item, tool and field as Codex sent it; the answer with its own items', async () => {
    upstream.call = spawn;
    const { response } = await ask(codexRequest(responsesModel, true));
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1/responses');
    expect(sent.body.tools).toEqual(tools);
    // items go without their ids: the relay asks OpenAI to store nothing, so ids refer to nothing
    expect(sent.body.input).toEqual(input.map(({ id: _id, ...item }) => item));
    expect(sent.body).toMatchObject({
      model: 'gpt-5-codex',
      store: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { summary: 'auto' },
      prompt_cache_key: '01a25044-41df-7272-9df2-7438e80964aa',
      client_metadata: { thread_id: '01a25044-41df-7272-9df2-7438e80964aa' },
      parallel_tool_calls: true,
    });
    // the upstream's own items: ids, encrypted reasoning, the web search it ran, the namespaced call
    expect(response.output).toEqual([
      expect.objectContaining({
        id: 'rs_scripted',
        type: 'reasoning',
        encrypted_content: scriptedEncryptedReasoning,
      }),
      expect.objectContaining({ id: 'ws_scripted', type: 'web_search_call' }),
      expect.objectContaining({ id: 'fc_scripted', name: 'spawn_agent', namespace: 'multi_agent_v1' }),
    ]);

    // the next turn, as Codex sends it: the output back, and the call's output
    upstream.call = undefined;
    const call = called(response.output)!;
    const next = [
      ...input,
      ...response.output,
      { type: 'function_call_output', call_id: call.call_id, output: 'agent started' },
    ] as ResponseInputItem[];
    const second = await ask({ ...codexRequest(responsesModel, false), input: next });
    expect(second.response.output_text).toBe('All done.');
    expect(upstream.requests.at(-1)!.body.input).toEqual([
      ...input.map(({ id: _id, ...item }) => item),
      expect.objectContaining({ type: 'reasoning', encrypted_content: scriptedEncryptedReasoning }),
      expect.objectContaining({ type: 'web_search_call', action: { type: 'search', query: 'relay' } }),
      expect.objectContaining({ type: 'function_call', name: 'spawn_agent', namespace: 'multi_agent_v1' }),
      { type: 'function_call_output', call_id: 'call_scripted', output: 'agent started' },
    ]);
    expect(
      (upstream.requests.at(-1)!.body.input as Array<Record<string, unknown>>).some((item) => 'id' in item),
    ).toBe(false);
  });

  it('keeps nothing of a conversation sent with store: false, streamed or whole', async () => {
    upstream.call = undefined;
    const stored = () => harness.relay.db.prepare('SELECT COUNT(*) AS n FROM responses').get();
    const before = stored();
    for (const stream of [true, false]) {
      const { response } = await ask(codexRequest(chatModel, stream));
      const error = (await harness.openai.responses
        .create({ model: chatModel, input: 'again', previous_response_id: response.id })
        .catch((caught: unknown) => caught)) as APIError;
      expect(error.status).toBe(404);
      expect(error.param).toBe('previous_response_id');
    }
    expect(stored()).toEqual(before);
  });

  it('continues a stored conversation on a Responses upstream with its encrypted reasoning', async () => {
    upstream.call = spawn;
    const first = await ask({ ...codexRequest(responsesModel, false), store: true });
    const call = called(first.response.output)!;
    upstream.call = undefined;
    await harness.openai.responses.create({
      model: responsesModel,
      previous_response_id: first.response.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'agent started' }],
    });
    const sent = upstream.requests.at(-1)!.body.input as Array<Record<string, unknown>>;
    expect(sent.map((item) => item.type ?? item.role)).toEqual([
      'message',
      'message',
      'reasoning',
      'web_search_call',
      'function_call',
      'function_call_output',
    ]);
    expect(sent[2]).toMatchObject({ encrypted_content: scriptedEncryptedReasoning });
  });

  it('forcing a hosted tool a provider cannot run is refused as OpenAI words it', async () => {
    const forced = {
      ...codexRequest(chatModel, false),
      tool_choice: { type: 'web_search' },
    } as unknown as ResponseCreateParams;
    const before = upstream.requests.length;
    const error = (await harness.openai.responses
      .create(forced)
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain(
      "Unsupported value: 'tool_choice' does not support 'web_search' with this model.",
    );
    expect(error).toMatchObject({
      param: 'tool_choice',
      code: 'unsupported_value',
      type: 'invalid_request_error',
    });
    expect(upstream.requests.length).toBe(before);
  });

  it("carries Anthropic's signed thinking through a Responses client to the next turn", async () => {
    // the emulator's Anthropic answers a request with thinking from a recording with a signature
    const first = await harness.openai.responses.create({
      model: 'anthropic/claude-sonnet-4-5',
      input: 'What is 925 divided by 5?',
      reasoning: { effort: 'medium' },
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    const carried = reasoning?.encrypted_content ?? '';
    expect(carried).toMatch(/^switchboard\.reasoning\.v1:/);
    const { signature } = JSON.parse(
      Buffer.from(carried.slice(carried.indexOf(':') + 1), 'base64url').toString(),
    ) as { signature: string };
    await harness.openai.responses.create({
      model: 'anthropic/claude-sonnet-4-5',
      input: [
        { role: 'user', content: 'What is 925 divided by 5?' },
        ...(first.output as ResponseInputItem[]),
        { role: 'user', content: 'And by 25?' },
      ],
      reasoning: { effort: 'medium' },
    });
    const sent = harness.emulator.calls.at(-1)!.body as {
      messages: Array<{ content: Array<Record<string, unknown>> }>;
    };
    expect(sent.messages[1]!.content[0]).toMatchObject({
      type: 'thinking',
      thinking: expect.stringContaining('925'),
      signature,
    });
  });
});
