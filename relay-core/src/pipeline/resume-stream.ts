import type { ServerResponse } from 'node:http';
import { addUsage } from '../canonical/add-usage.js';
import { carryClientBody } from '../canonical/client-body.js';
import type { RelayError } from '../canonical/errors.js';
import type { CanonicalRequest, Usage } from '../canonical/types.js';
import type { StreamEncoder } from '../dialects/dialect-codec.js';
import type { Target } from '../routing/resolve-targets.js';
import { toClientError } from '../shared/send-json.js';
import { continueRequest } from './continue-request.js';
import { failsOver, retryRuleFor } from '../canonical/retry-rules.js';
import type { FallbackClass } from '../canonical/retry-rules.js';
import type { RelayRuntime } from './relay-runtime.js';
import { ContinuationSplice } from './splice-continuation.js';
import { StreamProgress } from './stream-progress.js';
import type { ResumePoint } from './stream-progress.js';

/**
 * A stream that may be continued should it break after its first byte (`fallback.resume_streams`):
 * it follows what the client was sent and, once the stream broke where it can go on, keeps the
 * client's encoder open while the attempt loop asks the next targets for the rest of the answer
 * (pipeline/try-model-target.ts). Each continuation is built on the client's request with the
 * answer so far (pipeline/continue-request.ts) and spliced into the client's stream
 * (pipeline/splice-continuation.ts).
 */
export class StreamResume {
  /** What the client was sent, in its own part numbering (continuations included). */
  readonly progress = new StreamProgress();
  /** The client's encoder, once the stream broke (a continuation goes on in it). */
  encoder: StreamEncoder | undefined;
  /** What the client consumed over the attempts that broke (their usage, reported or counted). */
  consumed: Usage | undefined;
  /** The stream's last break: what the client is told when no continuation comes. */
  private lastBreak: RelayError | undefined;
  /** Where the last break left the answer, until a continuation takes over. */
  private point: ResumePoint | undefined;
  private skip = '';
  /** The client's request, with its headers but not its body's bytes (a continuation says more). */
  private readonly base: CanonicalRequest;

  constructor(
    request: CanonicalRequest,
    private readonly fallbackOn: readonly FallbackClass[],
  ) {
    this.base = { ...request };
    carryClientBody(request, this.base, false);
  }

  /** Where the stream could go on after this error, or undefined when it ends with it. */
  pointAfter(error: RelayError): ResumePoint | undefined {
    // a break goes on when the retry rules call it resumable and `fallback.on` has its class
    if (!retryRuleFor(error.code).resumable || !failsOver(error.code, this.fallbackOn)) return undefined;
    return this.progress.resumePoint();
  }

  /** Records a break the stream can go on from, with what the attempt that broke consumed. */
  broke(encoder: StreamEncoder, error: RelayError, point: ResumePoint, usage: Usage): void {
    this.encoder = encoder;
    this.lastBreak = error;
    this.point = point;
    this.consumed = this.consumed ? addUsage(this.consumed, usage) : usage;
  }

  /** Whether the stream broke and waits for a continuation. */
  get waiting(): boolean {
    return this.point !== undefined;
  }

  /** How many characters of answer text the client has (the splice point the history shows). */
  get offset(): number {
    return this.point ? [...this.point.text].length : 0;
  }

  /** The request that asks `target` for the rest of the answer. */
  requestFor(target: Target): CanonicalRequest {
    const spent = this.consumed?.outputTokens ?? 0;
    const continuation = continueRequest(this.base, this.point?.text ?? '', target, spent);
    this.skip = continuation.skip;
    return continuation.request;
  }

  /** Hands the client's stream to the continuation that answered: its events' splice. */
  takeOver(): ContinuationSplice | undefined {
    const { point, consumed } = this;
    if (!point || !consumed) return undefined;
    this.point = undefined;
    return new ContinuationSplice(point, consumed, this.skip);
  }

  /** Ends the client's stream with its last break's error: no continuation came. */
  end(runtime: RelayRuntime, response: ServerResponse): void {
    if (response.destroyed || !this.encoder || !this.lastBreak) return;
    const { error, message } = toClientError(this.lastBreak, runtime);
    response.end(this.encoder.encodeError(error, message));
  }
}
