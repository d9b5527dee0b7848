import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';

// content_policy is an opt-in fallback class: this relay turns it on
const harness = useHarness({
  fallbackOn: ['rate_limit', 'server_error', 'content_policy'],
  extraConfig: 'aliases:\n  nano: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]\n',
});

const refusal = {
  status: 400,
  body: {
    error: {
      message: 'Your request was rejected as a result of our safety system.',
      type: 'invalid_request_error',
      param: null,
      code: 'content_policy_violation',
    },
  },
};

describe('content-policy refusals', () => {
  it('fail over to the next target when the config opts in', async () => {
    harness.emulator.inject(refusal);
    const { response } = await harness.openai.chat.completions
      .create({ model: 'nano', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-relay-provider')).toBe('backup');
    expect(response.headers.get('x-relay-attempts')).toBe('2');
  });
});

describe("the built-in 'auto' route without tiers", () => {
  it('tells the user how to configure it', async () => {
    const error = (await harness.openai.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as { status: number; message: string };
    expect(error.status).toBe(404);
    expect(error.message).toContain('auto: { simple:');
  });
});
