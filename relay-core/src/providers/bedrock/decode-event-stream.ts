import { crc32 } from 'node:zlib';
import { inMb, maxEventBytes } from '../shared/upstream-limits.js';
import { RelayError } from '../../canonical/errors.js';

/** One message of the AWS event-stream binary framing (`application/vnd.amazon.eventstream`). */
export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

/**
 * Incremental decoder for AWS event-stream frames: a 12-byte prelude (total length, headers
 * length, prelude CRC32), headers, payload, message CRC32. Frames may be split anywhere across
 * reads; a CRC mismatch is a protocol error, never silently accepted. Only string headers
 * (type 7) carry what Bedrock sends; other header types are skipped by their size.
 */
export class EventStreamDecoder {
  private buffer = Buffer.alloc(0);

  constructor(private readonly provider: string) {}

  push(chunk: Uint8Array): EventStreamMessage[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const messages: EventStreamMessage[] = [];
    while (this.buffer.length >= 12) {
      const total = this.buffer.readUInt32BE(0);
      const headersLength = this.buffer.readUInt32BE(4);
      if (total < 16 || headersLength > total - 16) this.fail('bad frame lengths');
      if (total > maxEventBytes) this.fail(`a frame larger than ${inMb(maxEventBytes)}`);
      if (crc32(this.buffer.subarray(0, 8)) !== this.buffer.readUInt32BE(8))
        this.fail('prelude checksum mismatch');
      if (this.buffer.length < total) break;
      if (crc32(this.buffer.subarray(0, total - 4)) !== this.buffer.readUInt32BE(total - 4))
        this.fail('message checksum mismatch');
      messages.push({
        headers: this.readHeaders(this.buffer.subarray(12, 12 + headersLength)),
        payload: Buffer.from(this.buffer.subarray(12 + headersLength, total - 4)),
      });
      this.buffer = this.buffer.subarray(total);
    }
    return messages;
  }

  /** Bytes of an unfinished frame left at the end of the body (a cut stream when non-zero). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private readHeaders(bytes: Buffer): Record<string, string> {
    const headers: Record<string, string> = {};
    let offset = 0;
    while (offset < bytes.length) {
      const nameLength = bytes.readUInt8(offset);
      const name = bytes.toString('utf8', offset + 1, offset + 1 + nameLength);
      offset += 1 + nameLength;
      const type = bytes.readUInt8(offset);
      offset += 1;
      const fixed: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };
      if (type === 6 || type === 7) {
        const length = bytes.readUInt16BE(offset);
        if (type === 7) headers[name] = bytes.toString('utf8', offset + 2, offset + 2 + length);
        offset += 2 + length;
      } else if (type in fixed) offset += fixed[type]!;
      else this.fail(`unknown header type ${type}`);
    }
    return headers;
  }

  private fail(reason: string): never {
    throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${this.provider}: malformed event stream (${reason})`, {
      provider: this.provider,
    });
  }
}

/** Encodes one frame (tests and the emulator's fault injection). */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name);
      const valueBytes = Buffer.from(value);
      const head = Buffer.alloc(1 + nameBytes.length + 3);
      head.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(head, 1);
      head.writeUInt8(7, 1 + nameBytes.length);
      head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      return Buffer.concat([head, valueBytes]);
    }),
  );
  const body = Buffer.from(payload);
  const total = 12 + headerBytes.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, headerBytes, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(message), 0);
  return Buffer.concat([message, crc]);
}
