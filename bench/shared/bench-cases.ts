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
];
