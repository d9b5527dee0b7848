import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../canonical/types.js';
import { StreamProgress } from './stream-progress.js';

function progressOf(events: StreamEvent[]): StreamProgress {
  const progress = new StreamProgress();
  for (const event of events) progress.observe(event);
  return progress;
}

const start: StreamEvent = { type: 'message_start', id: 'a', model: 'm', created: 1 };
const text = (index: number, ...pieces: string[]): StreamEvent[] => [
  { type: 'part_start', index, part: { type: 'text' } },
  ...pieces.map((piece): StreamEvent => ({ type: 'text_delta', index, text: piece })),
];
const reasoning = (index: number, closed: boolean): StreamEvent[] => [
  { type: 'part_start', index, part: { type: 'reasoning' } },
  { type: 'reasoning_delta', index, text: 'Thinking.' },
  ...(closed ? [{ type: 'part_end', index } as StreamEvent] : []),
];

describe('where a broken stream can go on', () => {
  it('inside a text part: after its text, in that part', () => {
    const point = progressOf([start, ...reasoning(0, true), ...text(1, 'Hello, ', 'wor')]).resumePoint();
    expect(point).toEqual({ text: 'Hello, wor', openText: 1, nextIndex: 2 });
  });

  it('after a text part ended: the text of every text part, in a part of its own', () => {
    const events = [
      start,
      ...text(0, 'One.'),
      { type: 'part_end', index: 0 } as StreamEvent,
      ...text(1, ' Two'),
    ];
    expect(progressOf(events).resumePoint()).toEqual({ text: 'One. Two', openText: 1, nextIndex: 2 });
    expect(progressOf(events.slice(0, 4)).resumePoint()).toEqual({ text: 'One.', nextIndex: 1 });
  });

  it('nowhere once a tool call began, reasoning was cut off, the answer ended or nothing was said', () => {
    const toolCall: StreamEvent[] = [
      ...text(0, 'Let me look.'),
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'c', name: 'read' } },
      { type: 'tool_arguments_delta', index: 1, arguments: '{"pa' },
    ];
    expect(progressOf([start, ...toolCall]).resumePoint()).toBeUndefined();
    expect(progressOf([start, ...text(0, 'So'), ...reasoning(1, false)]).resumePoint()).toBeUndefined();
    expect(
      progressOf([start, ...text(0, 'Done'), { type: 'finish', reason: 'stop' }]).resumePoint(),
    ).toBeUndefined();
    expect(progressOf([start, ...reasoning(0, true), ...text(1)]).resumePoint()).toBeUndefined();
  });

  it('nowhere in a refusal', () => {
    const refusal: StreamEvent[] = [
      { type: 'part_start', index: 0, part: { type: 'text', refusal: true } },
      { type: 'text_delta', index: 0, text: "I can't help with" },
    ];
    expect(progressOf([start, ...refusal]).resumePoint()).toBeUndefined();
  });
});
