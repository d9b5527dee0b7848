import { describe, expect, it } from 'vitest';
import { SseParser } from './parse-sse.js';

function parseInPieces(text: string, pieceSize: number) {
  const parser = new SseParser();
  const bytes = new TextEncoder().encode(text);
  const events = [];
  for (let i = 0; i < bytes.length; i += pieceSize)
    events.push(...parser.push(bytes.subarray(i, i + pieceSize)));
  events.push(...parser.end());
  return events;
}

describe('SseParser', () => {
  const stream =
    ': OPENROUTER PROCESSING\n\n' +
    'data: {"a":"héllo 👋"}\n\n' +
    'event: content_block_delta\r\ndata: {"b":1}\r\n\r\n' +
    'data: line one\ndata: line two\n\n' +
    'data: [DONE]\n\n';

  it('yields the same events however the bytes are split, including inside UTF-8 sequences', () => {
    const whole = parseInPieces(stream, stream.length * 4);
    expect(whole).toEqual([
      { data: '{"a":"héllo 👋"}' },
      { event: 'content_block_delta', data: '{"b":1}' },
      { data: 'line one\nline two' },
      { data: '[DONE]' },
    ]);
    for (const size of [1, 2, 3, 5, 7, 13]) expect(parseInPieces(stream, size)).toEqual(whole);
  });

  it('drops comment keep-alives and keeps a final event that lacks its blank line', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\ndata: {"x":1}')).toEqual([]);
    expect(parser.end()).toEqual([{ data: '{"x":1}' }]);
  });

  it('reports what is pending when a stream is cut mid-line', () => {
    const parser = new SseParser();
    parser.push('data: {"trunc');
    expect(parser.pendingText).toBe('data: {"trunc');
  });
});
