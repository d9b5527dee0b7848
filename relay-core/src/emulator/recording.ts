/** A recorded response, ready to replay. */
export type Recording =
  | { kind: 'json'; status: number; body: string; contentType: string }
  /** One string per SSE event, its framing included, replayed one event per write. */
  | { kind: 'sse'; status: number; contentType: string; events: string[] }
  /** AWS event-stream frames (Bedrock ConverseStream), replayed one frame per write. */
  | { kind: 'binary'; status: number; contentType: string; frames: Buffer[] };
