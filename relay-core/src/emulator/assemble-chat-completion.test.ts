import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleChatCompletion } from './assemble-chat-completion.js';
import { startEmulator } from './index.js';
import type { Emulator } from './index.js';
import { loadRecording } from './load-recording.js';
import { scenarios } from './scenarios.js';

let emulator: Emulator;
let client: OpenAI;
const tools = [
  { type: 'function' as const, function: { name: 'get_capital', parameters: { type: 'object' } } },
];

beforeAll(async () => {
  emulator = await startEmulator({ wholeFromStream: true });
  client = new OpenAI({ baseURL: `${emulator.url}/v1`, apiKey: 'demo', maxRetries: 0 });
});
afterAll(() => emulator.close());

const recordingOf = (name: string) => loadRecording(scenarios.find((entry) => entry.name === name)!.stream!);

describe('a whole answer assembled from a streamed recording', () => {
  it('carries the tool call the stream made, with its arguments joined', () => {
    const answer = JSON.parse(assembleChatCompletion(recordingOf('openai-tool-call'))!) as {
      object: string;
      choices: Array<{ message: { tool_calls: Array<{ function: { name: string; arguments: string } }> } }>;
      finish_reason: string;
      usage: { completion_tokens: number };
    };
    expect(answer.object).toBe('chat.completion');
    const call = answer.choices[0]!.message.tool_calls[0]!;
    expect(call.function.name).not.toBe('');
    expect(() => JSON.parse(call.function.arguments) as unknown).not.toThrow();
    expect(answer.usage.completion_tokens).toBeGreaterThan(0);
  });

  it('keeps typed thinking parts as parts, each joined into one', () => {
    const answer = JSON.parse(assembleChatCompletion(recordingOf('mistral-magistral-thinking-stream'))!) as {
      choices: Array<{ message: { content: Array<{ type: string; thinking?: Array<{ text: string }> }> } }>;
    };
    const parts = answer.choices[0]!.message.content;
    expect(parts.map((part) => part.type)).toEqual(['thinking', 'text']);
    expect(parts[0]!.thinking![0]!.text.length).toBeGreaterThan(20);
  });

  it('refuses to assemble a stream that carries an error', () => {
    expect(assembleChatCompletion(recordingOf('openrouter-stream-error'))).toBeUndefined();
  });
});

describe('an emulator with wholeFromStream (what --demo starts)', () => {
  it('answers every chat model it lists both whole and streamed, with and without tools', async () => {
    const listed = (await client.models.list()).data.map((model) => model.id);
    const chatModels = listed.filter((id) => !/embedding/.test(id));
    expect(chatModels.length).toBeGreaterThan(8);
    const failures: string[] = [];
    for (const model of chatModels) {
      for (const withTools of [false, true]) {
        const body = {
          model,
          messages: [{ role: 'user' as const, content: 'hi' }],
          ...(withTools ? { tools } : {}),
        };
        try {
          const whole = await client.chat.completions.create(body);
          const message = whole.choices[0]!.message;
          if (!message.content && !message.tool_calls?.length && !JSON.stringify(message).includes('text'))
            failures.push(`${model} whole${withTools ? ' +tools' : ''}: empty answer`);
          const stream = await client.chat.completions.create({ ...body, stream: true });
          let chunks = 0;
          for await (const _chunk of stream) chunks += 1;
          if (chunks === 0) failures.push(`${model} streamed${withTools ? ' +tools' : ''}: no chunk`);
        } catch (error) {
          failures.push(`${model}${withTools ? ' +tools' : ''}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers the whole request with the text the stream would have sent', async () => {
    const whole = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(10);
    expect(whole.choices[0]!.message.content).toBe(text);
  });
});
