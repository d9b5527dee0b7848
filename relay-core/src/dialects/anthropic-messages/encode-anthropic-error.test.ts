import { describe, expect, it } from 'vitest';
import { RelayError } from '../../canonical/errors.js';
import { convertAnthropicError } from '../../providers/anthropic/anthropic-error.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';

describe("Anthropic's errors as Anthropic words them", () => {
  it("gives an Anthropic upstream's refusal as it came: its words without the relay's prefix, its error code", () => {
    const body = {
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'messages.1: role "system" must follow a user or assistant message',
        details: { error_code: 'mid_conversation_system_not_supported', echoed: 'sk-ant-secret' },
      },
    };
    const error = convertAnthropicError(400, {}, JSON.stringify(body), 'anthropic');
    expect(encodeAnthropicError(error)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: body.error.message,
        details: { error_code: 'mid_conversation_system_not_supported' },
      },
    });
    // an upstream that is not Anthropic keeps the relay's attribution
    const other = new RelayError('UPSTREAM_BAD_REQUEST', 'openai: bad', { provider: 'openai' });
    expect(encodeAnthropicError(other).error.message).toBe('openai: bad');
  });

  it("leads the relay's refusal of a parameter with its Anthropic name", () => {
    const unknown = new RelayError('MODEL_NOT_FOUND', "unknown model 'nope'", { param: 'model' });
    expect(encodeAnthropicError(unknown)).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: "model: unknown model 'nope'" },
    });
    const parallel = new RelayError('BAD_REQUEST', 'not supported by the gemini upstream', {
      param: 'parallel_tool_calls',
    });
    expect(encodeAnthropicError(parallel).error.message).toBe(
      'tool_choice.disable_parallel_tool_use: not supported by the gemini upstream',
    );
    const worded = new RelayError('BAD_REQUEST', 'max_tokens: Field required', { param: 'max_tokens' });
    expect(encodeAnthropicError(worded).error.message).toBe('max_tokens: Field required');
  });
});
