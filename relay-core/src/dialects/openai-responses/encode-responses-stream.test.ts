import { describe, expect, it } from 'vitest';
import { recordedPayloads } from '../../../../test/helpers/recorded-payloads.js';
import { ResponsesEventConverter } from '../../providers/openai-responses/convert-responses-events.js';
import { wrapCustomInput } from '../../canonical/custom-tool-input.js';
import type { CanonicalTool, StreamEvent } from '../../canonical/types.js';
import { readReasoningEnvelope } from './reasoning-envelope.js';
import { ResponsesStreamEncoder } from './encode-responses-stream.js';

/** The events a client reads: type and payload of each SSE frame. */
function encode(events: StreamEvent[], tools: CanonicalTool[] = []) {
  let stored: Array<Record<string, unknown>> | undefined;
  const encoder = new ResponsesStreamEncoder(
    { id: 'resp_1', createdAt: 1, store: true },
    (output) => {
      stored = output;
    },
    new Map(tools.map((tool) => [tool.name, tool])),
  );
  const text = events.map((event) => encoder.encode(event)).join('');
  const frames = text
    .split('\n\n')
    .filter((frame) => frame.includes('data: '))
    .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as Record<string, unknown>);
  return { frames, stored: stored! };
}

const start: StreamEvent = { type: 'message_start', id: 'x', model: 'm', created: 1 };

describe('the Responses stream encoder', () => {
  it('closes a part the upstream never closed before the response completes, with no gap in the output', () => {
    const { frames, stored } = encode([
      start,
      { type: 'part_start', index: 0, part: { type: 'reasoning' } },
      { type: 'reasoning_delta', index: 0, text: 'thinking' },
      { type: 'part_start', index: 1, part: { type: 'text' } },
      { type: 'text_delta', index: 1, text: 'Hello' },
      { type: 'part_end', index: 1 },
      // the reasoning part (0) never ends
      { type: 'finish', reason: 'stop' },
    ]);
    const completed = frames.at(-1)!;
    expect(completed.type).toBe('response.completed');
    const output = (completed.response as { output: Array<{ type: string }> }).output;
    expect(output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(stored.map((item) => item.type)).toEqual(['reasoning', 'message']);
    const done = frames.filter((frame) => frame.type === 'response.output_item.done');
    expect(done.map((frame) => frame.output_index)).toEqual([1, 0]);
  });

  it('numbers output items in the order they open, whatever order they end in', () => {
    const { frames } = encode([
      start,
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'a', name: 'f' } },
      { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'b', name: 'g' } },
      { type: 'part_end', index: 1 },
      { type: 'part_start', index: 2, part: { type: 'tool_call', id: 'c', name: 'h' } },
      { type: 'part_end', index: 0 },
      { type: 'part_end', index: 2 },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    const added = frames.filter((frame) => frame.type === 'response.output_item.added');
    expect(added.map((frame) => frame.output_index)).toEqual([0, 1, 2]);
    const output = (frames.at(-1)!.response as { output: Array<{ call_id: string }> }).output;
    expect(output.map((item) => item.call_id)).toEqual(['a', 'b', 'c']);
  });

  it('ends a part opened twice before opening it again', () => {
    const { frames } = encode([
      start,
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'text_delta', index: 0, text: 'one' },
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'text_delta', index: 0, text: 'two' },
      { type: 'finish', reason: 'stop' },
    ]);
    const output = (frames.at(-1)!.response as { output: Array<{ content: Array<{ text: string }> }> })
      .output;
    expect(output.map((item) => item.content[0]!.text)).toEqual(['one', 'two']);
  });
});

describe('calls and reasoning from a provider without Responses items', () => {
  const tools: CanonicalTool[] = [
    {
      name: 'multi_agent_v1__spawn_agent',
      parameters: {},
      namespace: { name: 'multi_agent_v1', member: 'spawn_agent' },
    },
    { name: 'apply_patch', parameters: {}, kind: 'custom' },
  ];

  it('answers a call to a namespace member namespaced, and a custom call with its text', () => {
    const patch = '*** Begin Patch\n+"hi"\n';
    const args = wrapCustomInput(patch);
    const { frames, stored } = encode(
      [
        start,
        {
          type: 'part_start',
          index: 0,
          part: { type: 'tool_call', id: 'c1', name: 'multi_agent_v1__spawn_agent' },
        },
        { type: 'tool_arguments_delta', index: 0, arguments: '{"message":"go"}' },
        { type: 'part_end', index: 0 },
        { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'c2', name: 'apply_patch' } },
        { type: 'tool_arguments_delta', index: 1, arguments: args.slice(0, 9) },
        { type: 'tool_arguments_delta', index: 1, arguments: args.slice(9) },
        { type: 'part_end', index: 1 },
        { type: 'finish', reason: 'tool_calls' },
      ],
      tools,
    );
    expect(stored).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'c1',
        name: 'spawn_agent',
        namespace: 'multi_agent_v1',
        arguments: '{"message":"go"}',
      }),
      expect.objectContaining({ type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: patch }),
    ]);
    expect(frames.find((frame) => frame.type === 'response.custom_tool_call_input.done')).toMatchObject({
      input: patch,
    });
    // a custom call's arguments are not streamed as a function's
    expect(frames.filter((frame) => frame.type === 'response.function_call_arguments.delta')).toHaveLength(1);
  });

  it("carries a thinking block's signature in encrypted_content, to read back next turn", () => {
    const { stored } = encode([
      start,
      { type: 'part_start', index: 0, part: { type: 'reasoning' } },
      { type: 'reasoning_delta', index: 0, text: 'Hmm.' },
      { type: 'signature_delta', index: 0, signature: 'EvQBsig' },
      { type: 'part_end', index: 0 },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(stored[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Hmm.' }] });
    expect(readReasoningEnvelope(stored[0]!.encrypted_content as string)).toEqual({
      type: 'reasoning',
      text: 'Hmm.',
      signature: 'EvQBsig',
    });
  });
});

describe('a Responses upstream streamed to a Responses client', () => {
  // every recorded Responses stream with output items (vercel/ai chunks and pydantic-ai cassettes,
  // see resources/recordings/SOURCES.md)
  const recordings = [
    'typed-chunks:vercel-ai/openai/openai-reasoning-encrypted-content.1.chunks.txt',
    'typed-chunks:vercel-ai/openai/openai-phase.1.chunks.txt',
    'typed-chunks:vercel-ai/openai/openai-web-search-tool.1.chunks.txt',
    'typed-chunks:vercel-ai/azure/azure-tool-call.1.chunks.txt',
    'typed-chunks:vercel-ai/azure/azure-text.1.chunks.txt',
    'cassette:pydantic-ai-cassettes/test_openai_responses/test_openai_responses_stream.yaml',
  ];

  it.each(recordings)(
    'keeps one id per output item from added through its deltas to done: %s',
    (recording) => {
      const converter = new ResponsesEventConverter('openai');
      const events = recordedPayloads(recording).flatMap((payload) => [...converter.convert(payload)]);
      const { frames } = encode(events);
      const added = new Map<unknown, unknown>();
      let done = 0;
      for (const frame of frames) {
        const item = frame.item as { id?: unknown } | undefined;
        if (frame.type === 'response.output_item.added') added.set(frame.output_index, item?.id);
        else if (frame.type === 'response.output_item.done') {
          // the check the openai SDK (7.x) makes on every streamed item
          expect(item?.id, `${String(frame.type)} ${String(frame.output_index)}`).toBe(
            added.get(frame.output_index),
          );
          done++;
        } else if (frame.item_id !== undefined) expect(frame.item_id).toBe(added.get(frame.output_index));
      }
      expect(done).toBeGreaterThan(0);
    },
  );
});
