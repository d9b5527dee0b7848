import { describe, expect, it } from 'vitest';
import { EventStreamDecoder, encodeEventStreamMessage } from './decode-event-stream.js';

const frames = [
  encodeEventStreamMessage(
    { ':event-type': 'messageStart', ':message-type': 'event' },
    '{"role":"assistant"}',
  ),
  encodeEventStreamMessage(
    { ':event-type': 'contentBlockDelta', ':message-type': 'event' },
    '{"delta":{"text":"héllo 👋"}}',
  ),
];
const body = Buffer.concat(frames);

describe('EventStreamDecoder (AWS event-stream framing)', () => {
  it('decodes frames split at every possible byte boundary', () => {
    for (let cut = 1; cut < body.length; cut++) {
      const decoder = new EventStreamDecoder('bedrock');
      const messages = [...decoder.push(body.subarray(0, cut)), ...decoder.push(body.subarray(cut))];
      expect(messages.map((m) => [m.headers[':event-type'], m.payload.toString()])).toEqual([
        ['messageStart', '{"role":"assistant"}'],
        ['contentBlockDelta', '{"delta":{"text":"héllo 👋"}}'],
      ]);
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('refuses a corrupted frame instead of passing garbage on', () => {
    const corrupt = Buffer.from(body);
    corrupt[frames[0]!.length - 6]! ^= 0xff;
    expect(() => new EventStreamDecoder('bedrock').push(corrupt)).toThrow(
      /bedrock: malformed event stream \(message checksum mismatch\)/,
    );
  });

  it('refuses a frame larger than 32 MB from its prelude, without waiting for its bytes', () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(100 * 2 ** 20, 0);
    prelude.writeUInt32BE(0, 4);
    expect(() => new EventStreamDecoder('bedrock').push(prelude)).toThrow(
      /bedrock: malformed event stream \(a frame larger than 32 MB\)/,
    );
  });
});
