import type { LoadRequest } from './run-load.js';
import { benchClientKey } from './start-bench-stack.js';

/** One benchmark case: what the client sends the relay, and the same answer asked of the emulator. */
export interface BenchCase {
  name: string;
  stream: boolean;
  relay: LoadRequest;
  direct: LoadRequest;
}

const prompt = [{ role: 'user', content: 'Invent a holiday.' }];
const openAIHeaders = { 'content-type': 'application/json', authorization: `Bearer ${benchClientKey}` };
const anthropicHeaders = {
  'content-type': 'application/json',
  'x-api-key': benchClientKey,
  'anthropic-version': '2023-06-01',
};

function chat(model: string, stream: boolean): LoadRequest {
  return {
    path: '/v1/chat/completions',
    body: JSON.stringify({ model, messages: prompt, stream }),
    headers: openAIHeaders,
    stream,
  };
}

function messages(model: string, stream: boolean): LoadRequest {
  return {
    path: '/v1/messages',
    body: JSON.stringify({ model, max_tokens: 1024, messages: prompt, stream }),
    headers: anthropicHeaders,
    stream,
  };
}

/**
 * A coding agent's request as Claude Code sends them late in a session: a long system prompt,
 * 20 tools, 50 turns of tool calls with file contents in their results (about 88 kB). The
 * emulator answers it with its recorded Anthropic tool call. `fileLine` is each line of those
 * file contents: ASCII, or with a character beyond it (a dash), as much real text has; JavaScript
 * then holds the whole body's text as two bytes a character.
 */
function agentRequest(fileLine = 'file contents line'): LoadRequest {
  const schema = {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'a path' },
      content: { type: 'string' },
      flags: { type: 'array', items: { type: 'string' } },
    },
    required: ['path'],
  };
  const tools = Array.from({ length: 20 }, (_, i) => ({
    name: `tool_${i}`,
    description: 'Does a thing. '.repeat(20),
    input_schema: schema,
  }));
  const turns: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    turns.push({
      role: 'user',
      content:
        i === 0
          ? [{ type: 'text', text: 'Please fix the bug in src/app.ts. '.repeat(30) }]
          : [
              {
                type: 'tool_result',
                tool_use_id: `toolu_${i - 1}`,
                content: [{ type: 'text', text: `${fileLine}\n`.repeat(60) }],
              },
            ],
    });
    turns.push({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me look at the file.' },
        { type: 'tool_use', id: `toolu_${i}`, name: 'tool_1', input: { path: `src/file${i}.ts` } },
      ],
    });
  }
  turns.push({ role: 'user', content: [{ type: 'text', text: 'continue' }] });
  return {
    path: '/v1/messages',
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 8192,
      system: [{ type: 'text', text: 'You are a coding agent. '.repeat(200) }],
      messages: turns,
      tools,
      stream: true,
    }),
    headers: anthropicHeaders,
    stream: true,
  };
}

/**
 * OpenAI chat in and out (the recorded gpt-4.1-nano answer: 2.7 kB JSON, ~390 SSE chunks), and
 * streams translated between dialects: an Anthropic client to an OpenAI upstream, an OpenAI
 * client to an Anthropic upstream (the recorded claude-sonnet-4-5 text answer). The direct
 * baseline is always the upstream's own dialect.
 */
export const benchCases: BenchCase[] = [
  { name: 'chat', stream: false, relay: chat('gpt-4.1-nano', false), direct: chat('gpt-4.1-nano', false) },
  {
    name: 'chat stream',
    stream: true,
    relay: chat('gpt-4.1-nano', true),
    direct: chat('gpt-4.1-nano', true),
  },
  {
    name: 'messages → chat upstream, stream',
    stream: true,
    relay: messages('gpt-4.1-nano', true),
    direct: chat('gpt-4.1-nano', true),
  },
  {
    name: 'chat → messages upstream, stream',
    stream: true,
    relay: chat('claude-sonnet-4-5', true),
    direct: messages('claude-sonnet-4-5', true),
  },
  {
    name: 'agent request (88 kB, tools), messages, stream',
    stream: true,
    relay: agentRequest(),
    direct: agentRequest(),
  },
  {
    name: 'agent request (101 kB, beyond ASCII), messages, stream',
    stream: true,
    relay: agentRequest('file contents — line'),
    direct: agentRequest('file contents — line'),
  },
];
