import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../canonical/types.js';
import { ResponsesStreamEncoder } from './encode-responses-stream.js';

/** The events a client reads: type and payload of each SSE frame. */
function encode(events: StreamEvent[]) {
  let stored: Array<Record<string, unknown>> | undefined;
  const encoder = new ResponsesStreamEncoder({ id: 'resp_1', createdAt: 1, store: true }, (output) => {
    stored = output;
  });
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
