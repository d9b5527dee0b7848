import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('joins a line that arrives over many reads once, and counts what the open event holds', () => {
    const parser = new SseParser();
    const piece = 'x'.repeat(1000);
    expect(parser.push('data: {"a":"')).toEqual([]);
    for (let i = 0; i < 2000; i++) expect(parser.push(piece)).toEqual([]);
    // the line waits for its end: 2 MB held, nothing parsed or copied yet
    expect(parser.openEventBytes).toBe(2_000_012);
    expect(parser.push('"}\ndata: second line')).toEqual([]);
    expect(parser.openEventBytes).toBe('{"a":""}'.length + 2_000_000 + 'data: second line'.length);
    const [event] = parser.push('\n\n');
    expect(event!.data).toBe(`{"a":"${piece.repeat(2000)}"}\nsecond line`);
    expect(parser.openEventBytes).toBe(0);
  });

  it('ends an event at a CR that closed the last read as soon as the next read shows no LF follows', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r\r')).toEqual([]);
    // the next read has no line end of its own, yet it settles the CR before it
    expect(parser.push('data: b')).toEqual([{ data: 'a' }]);
    expect(parser.push('\r\r')).toEqual([]);
    expect(parser.end()).toEqual([{ data: 'b' }]);
  });

  it('drops comment keep-alives and keeps a final event that lacks its blank line', () => {
    const parser = new SseParser();
    expect(parser.push(': ping\n\ndata: {"x":1}')).toEqual([]);
    expect(parser.end()).toEqual([{ data: '{"x":1}' }]);
    // the unterminated last line may arrive over several reads
    const split = new SseParser();
    for (const read of ['data: {"y"', ':', '2}']) expect(split.push(read)).toEqual([]);
    expect(split.end()).toEqual([{ data: '{"y":2}' }]);
  });

  it('reports what is pending when a stream is cut mid-line', () => {
    const parser = new SseParser();
    parser.push('data: {"trunc');
    expect(parser.pendingText).toBe('data: {"trunc');
  });

  it('ends lines at a lone CR too, and waits when a CR is the last byte so far', () => {
    const parser = new SseParser();
    expect(parser.push('data: a\r\rdata: b\r')).toEqual([{ data: 'a' }]);
    expect(parser.push('\ndata: c\r\n\r\n')).toEqual([{ data: 'b\nc' }]);
    expect(parser.push('data: d\r')).toEqual([]);
    expect(parser.end()).toEqual([{ data: 'd' }]);
  });

  it('drops a UTF-8 byte order mark at the start of the stream, even split across reads', () => {
    const bytes = new TextEncoder().encode('\ufeffdata: a\n\ndata: \ufeffb\n\n');
    expect(parseInPieces('\ufeffdata: a\n\n', 1)).toEqual([{ data: 'a' }]);
    const parser = new SseParser();
    expect([
      ...parser.feed(bytes.subarray(0, 2)),
      ...parser.feed(bytes.subarray(2)),
      ...parser.end(),
    ]).toEqual([{ data: 'a' }, { data: '\ufeffb' }]);
  });

  it('yields the first event of a large read before parsing the rest of it', () => {
    const parser = new SseParser();
    const read = Array.from({ length: 300 }, (_, i) => `data: {"n":${i}}\n\n`).join('');
    const events = parser.feed(read);
    expect(events.next().value).toEqual({ data: '{"n":0}' });
    // the other 299 events are still unparsed text
    expect(parser.pendingText).toBe(read.slice('data: {"n":0}\n\n'.length));
    expect([...events]).toHaveLength(299);
    expect(parser.pendingText).toBe('');
  });
});

describe('SseParser (property)', () => {
  // field values never hold CR or LF (the format has no escape for them); data lines may be many
  const value = fc.string({ unit: 'grapheme', maxLength: 12 }).map((text) => text.replace(/[\r\n]/g, ' '));
  const sseEvent = fc.record({
    event: fc.option(
      value.filter((text) => text.length > 0 && !text.startsWith(' ')),
      { nil: undefined },
    ),
    data: fc.array(value, { minLength: 1, maxLength: 3 }),
    comment: fc.boolean(),
  });

  it('yields the written events whatever the line endings and wherever the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.array(sseEvent, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (events, newline, cuts) => {
          const text = events
            .map(
              ({ event, data, comment }) =>
                [
                  ...(comment ? [': keep-alive'] : []),
                  ...(event === undefined ? [] : [`event: ${event}`]),
                  ...data.map((line) => `data: ${line}`),
                  '',
                ].join(newline) + newline,
            )
            .join('');
          const bytes = new TextEncoder().encode(text);
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const parser = new SseParser();
          const parsed = [];
          let from = 0;
          for (const point of [...points, bytes.length]) {
            parsed.push(...parser.feed(bytes.subarray(from, point)));
            from = point;
          }
          parsed.push(...parser.end());
          expect(parsed).toEqual(
            events.map(({ event, data }) => ({
              ...(event === undefined ? {} : { event }),
              data: data.join('\n'),
            })),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
