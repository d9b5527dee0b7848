import { describe, expect, it } from 'vitest';
import { buildChatBody, checkPrompt, takeSseData } from './stream-chat.js';

const prompt = { system: '', user: 'hi', jsonSchema: '', tools: '' };

describe('the playground request', () => {
  it('asks for a stream with usage, and adds a JSON schema only when given', () => {
    expect(buildChatBody('demo/gpt-4.1-nano', prompt)).toEqual({
      model: 'demo/gpt-4.1-nano',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const withSchema = buildChatBody('m', { ...prompt, system: 'be brief', jsonSchema: '{"type":"object"}' });
    expect(withSchema.messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hi' },
    ]);
    expect(withSchema.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: { type: 'object' } },
    });
  });

  it('names the field whose JSON is broken', () => {
    expect(() => buildChatBody('m', { ...prompt, tools: '[{' })).toThrow(/The tools is not valid JSON/);
  });

  it('refuses an empty message, or no model in any column, naming what to fix', () => {
    const problem = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as { field?: string }).field;
      }
      return undefined;
    };
    expect(problem(() => checkPrompt({ ...prompt, user: '  ' }, ['m']))).toBe('message');
    expect(problem(() => checkPrompt(prompt, ['', ' ']))).toBe('models');
    expect(problem(() => checkPrompt({ ...prompt, jsonSchema: '{' }, ['m']))).toBe('jsonSchema');
    expect(problem(() => checkPrompt(prompt, ['', 'm']))).toBeUndefined();
  });
});

describe('SSE framing', () => {
  it('returns complete events and keeps a partial one for the next read', () => {
    expect(takeSseData('data: {"a":1}\n\ndata: [DONE]\n\ndata: {"b"')).toEqual({
      data: ['{"a":1}', '[DONE]'],
      rest: 'data: {"b"',
    });
  });
});
