import { describe, expect, it } from 'vitest';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// Requests fitted to their target from the catalog, and routes that pick by the agent and the
// purpose of a call: Claude Code's background calls to one model, its main loop to another.
const harness = useHarness({
  extraConfig: `routes:
  - name: agent-route
    when: { agent: claude-code, purpose: background }
    targets: [backup/gpt-4.1-nano]
  - name: agent-route
    targets: [openai/gpt-4o-mini]
  - name: claude
    targets: [anthropic/claude-sonnet-4-5]
`,
});

/** Claude Code 2.1.332's headers (/tmp/cap/claude/000.json, trimmed). */
const claudeCodeHeaders = {
  'content-type': 'application/json',
  'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)',
  'x-app': 'cli',
  'anthropic-version': '2023-06-01',
  'x-api-key': clientKey,
};

const billing = 'x-anthropic-billing-header: cc_version=2.1.332.4e6; cc_entrypoint=sdk-cli;';

/** Claude Code's main-loop turn as it sends it (trimmed): tools, max_tokens 32000, adaptive thinking at high. */
function mainTurn(model = 'agent-route') {
  return {
    model,
    max_tokens: 32000,
    stream: true,
    system: [
      { type: 'text', text: billing },
      { type: 'text', text: 'You are an agent working with the user toward their goals.' },
    ],
    messages: [{ role: 'user', content: 'Create hello.txt containing hi' }],
    tools: [
      {
        name: 'Write',
        description: 'Writes a file',
        input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      },
    ],
    thinking: { type: 'adaptive' },
    output_config: { effort: 'high' },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
  };
}

/** Claude Code's quota check: its small fast model, no tools, max_tokens 1. */
const quotaCheck = {
  model: 'agent-route',
  max_tokens: 1,
  stream: true,
  system: [{ type: 'text', text: billing }],
  messages: [{ role: 'user', content: 'quota' }],
};

async function send(body: unknown, headers: Record<string, string> = claudeCodeHeaders) {
  const response = await fetch(`${harness.relay.url}/v1/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await response.text();
  return response;
}

function admin(path: string, body: unknown) {
  return fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('requests fitted to their target', () => {
  it("sends gpt-4o-mini the catalog's output limit and no reasoning, and records the clamp on the attempt", async () => {
    const response = await send(mainTurn());
    expect(response.status).toBe(200);
    expect(response.headers.get('x-relay-provider')).toBe('openai');
    const sent = harness.emulator.calls.find((call) => call.path === '/v1/chat/completions')!.body as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 16384 });
    expect(sent).not.toHaveProperty('reasoning_effort');
    const id = response.headers.get('x-relay-request-id');
    await harness.waitForRequest(id);
    const attempt = harness.relay.db.prepare('SELECT fitted FROM attempts WHERE request_id = ?').get(id) as {
      fitted: string;
    };
    expect(JSON.parse(attempt.fitted)).toEqual([
      expect.objectContaining({ param: 'max_tokens', change: 'clamped', from: 32000, to: 16384 }),
      expect.objectContaining({ param: 'reasoning', change: 'left out' }),
    ]);
  });

  it("keeps an Anthropic client's own bytes to Anthropic, with the clamped max_tokens written into them", async () => {
    const text = JSON.stringify({
      ...mainTurn('claude'),
      tools: undefined,
      thinking: undefined,
      output_config: undefined,
      max_tokens: 100000,
    });
    expect((await send(text)).status).toBe(200);
    const call = harness.emulator.calls.find((entry) => entry.path === '/v1/messages')!;
    const expected = text
      .replace('"model":"claude"', '"model":"claude-sonnet-4-5"')
      .replace('"max_tokens":100000', '"max_tokens":64000');
    expect(call.bytes!.toString('utf8')).toBe(expected);
  });
});

describe('routes that know the agent', () => {
  it("sends Claude Code's background call to the cheap route and its main loop to the other", async () => {
    expect((await send(quotaCheck)).headers.get('x-relay-provider')).toBe('backup');
    expect((await send(mainTurn())).headers.get('x-relay-provider')).toBe('openai');
  });

  it('sends the same call from another client to the unconditional route', async () => {
    const sdk = { ...claudeCodeHeaders, 'user-agent': 'Anthropic/JS 0.60.0' };
    expect((await send(quotaCheck, sdk)).headers.get('x-relay-provider')).toBe('openai');
  });

  it('explains which condition matched and what would be fitted for each target', async () => {
    const explained = (await (
      await admin('/admin/routing/explain', {
        model: 'agent-route',
        max_tokens: 32000,
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: 'Create hello.txt' }],
        tools: [{ type: 'function', function: { name: 'Write', parameters: { type: 'object' } } }],
        headers: { 'user-agent': 'claude-cli/2.1.332 (external, sdk-cli)' },
      })
    ).json()) as {
      agent: { id: string };
      conditions: Array<{ matched: boolean; conditions: Array<{ condition: string; holds: boolean }> }>;
      eligible: Array<{ target: string; fitted: Array<{ param: string; change: string }> }>;
    };
    expect(explained.agent.id).toBe('claude-code');
    expect(explained.conditions).toEqual([
      {
        matched: false,
        conditions: [
          expect.objectContaining({ condition: 'agent', holds: true }),
          expect.objectContaining({ condition: 'purpose', holds: false }),
        ],
      },
      { matched: true, conditions: [] },
    ]);
    expect(explained.eligible).toEqual([
      expect.objectContaining({
        target: 'openai/gpt-4o-mini',
        fitted: [
          expect.objectContaining({ param: 'max_tokens', change: 'clamped' }),
          expect.objectContaining({ param: 'reasoning', change: 'left out' }),
        ],
      }),
    ]);
  });
});
