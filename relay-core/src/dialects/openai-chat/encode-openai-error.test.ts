import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import { encodeOpenAIError } from './encode-openai-error.js';

describe('encodeOpenAIError', () => {
  it("types a request too long for every target's context window as an invalid request", () => {
    const refusal = new RelayError(
      'NO_PROVIDER',
      'no target can serve this request: openai/gpt-4o-mini (its context window (128000 tokens) is smaller than this request (about 180000))',
      { status: 400, isRetryable: false },
    );
    expect(encodeOpenAIError(refusal).error.type).toBe('invalid_request_error');
  });

  it('keeps server_error for what the relay or the upstreams cannot do', () => {
    expect(encodeOpenAIError(new RelayError('NO_PROVIDER', 'all down', { status: 503 })).error.type).toBe(
      'server_error',
    );
    expect(encodeOpenAIError(new RelayError('UPSTREAM_SERVER_ERROR', 'boom')).error.type).toBe(
      'server_error',
    );
  });
});
