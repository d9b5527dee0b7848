import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import { gatesSchema } from '../config/cache-gates-schema.js';
import { parseScore } from '../pipeline/runtime-evaluator.js';
import { planGateTries } from './plan-gate-tries.js';
import { runGates } from './run-gates.js';

const request = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'route',
  stream: false,
  includeUsage: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'A recipe, please.' }] }],
  ...extra,
});
const answer = (text: string): CanonicalResponse => ({
  id: 'a',
  model: 'm',
  created: 0,
  content: [{ type: 'text', text }],
  finishReason: 'stop',
});
const gates = (value: unknown) => gatesSchema.parse(value);
const schemaRequest = request({
  responseFormat: {
    type: 'json_schema',
    name: 'recipe',
    schema: {
      type: 'object',
      properties: { title: { type: 'string' }, servings: { type: 'integer', minimum: 1 } },
      required: ['title', 'servings'],
    },
  },
});

describe('runGates', () => {
  it('fails a short answer and passes a long enough one', async () => {
    expect(
      await runGates(gates({ min_length: 10 }), request(), answer('  Too short '), undefined, {}),
    ).toEqual([{ gate: 'min_length', passed: false, detail: '9 characters, fewer than 10' }]);
    expect(
      await runGates(gates({ min_length: 10 }), request(), answer('Long enough, surely.'), undefined, {}),
    ).toEqual([{ gate: 'min_length', passed: true }]);
  });

  it("checks JSON, then the request's schema, naming the field at fault", async () => {
    const json = gates({ json: true });
    expect(
      (await runGates(json, schemaRequest, answer('Sure! {"title": "x"}'), undefined, {}))[0],
    ).toMatchObject({
      gate: 'json',
      passed: false,
    });
    expect(
      await runGates(json, schemaRequest, answer('{"title": "Pancakes", "servings": 0}'), undefined, {}),
    ).toEqual([
      { gate: 'json', passed: true },
      { gate: 'json_schema', passed: false, detail: expect.stringMatching(/^servings: /) },
    ]);
    expect(
      await runGates(json, schemaRequest, answer('{"title": "Pancakes", "servings": 4}'), undefined, {}),
    ).toEqual([
      { gate: 'json', passed: true },
      { gate: 'json_schema', passed: true },
    ]);
    // a tool call answers with arguments, not a JSON document: the JSON gate leaves it alone
    const toolCall: CanonicalResponse = {
      ...answer(''),
      content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{"a":1}' }],
      finishReason: 'tool_calls',
    };
    expect(await runGates(json, schemaRequest, toolCall, undefined, {})).toEqual([]);
    // no schema asked for: any JSON passes
    expect(await runGates(json, request(), answer('[1, 2]'), undefined, {})).toEqual([
      { gate: 'json', passed: true },
    ]);
  });

  it('fails refusals by pattern, case-insensitively', async () => {
    const forbidden = gates({ forbidden: ["^I(?: a|')m sorry", 'as an ai'] });
    expect(
      await runGates(forbidden, request(), answer("I'm sorry, I can't help with that."), undefined, {}),
    ).toEqual([{ gate: 'forbidden', passed: false, detail: "matches /^I(?: a|')m sorry/i" }]);
    expect((await runGates(forbidden, request(), answer('Here it is.'), undefined, {}))[0]!.passed).toBe(
      true,
    );
  });

  it('asks the evaluator only when the cheap gates passed, and compares its score', async () => {
    const asked: string[] = [];
    const evaluate = async (_model: string, _prompt: string, question: string, text: string) => {
      asked.push(question);
      return { score: text.includes('good') ? 0.9 : 0.2, costUsd: 0.00001 };
    };
    const config = gates({ min_length: 3, evaluator: { model: 'openai/gpt-4o-mini', threshold: 0.6 } });
    expect((await runGates(config, request(), answer('a good answer'), evaluate, {})).at(-1)).toEqual({
      gate: 'evaluator',
      passed: true,
      detail: 'score 0.9',
      costUsd: 0.00001,
    });
    expect((await runGates(config, request(), answer('a weak answer'), evaluate, {})).at(-1)).toMatchObject({
      gate: 'evaluator',
      passed: false,
    });
    await runGates(config, request(), answer('no'), evaluate, {});
    expect(asked).toEqual(['A recipe, please.', 'A recipe, please.']);
  });

  it('reads scores on 0–1, 0–10 and 0–100 scales', () => {
    expect(parseScore('0.75')).toBe(0.75);
    expect(parseScore('Score: 8/10')).toBe(0.8);
    expect(parseScore('85')).toBe(0.85);
    expect(() => parseScore('excellent')).toThrow(/no score/);
  });
});

describe('planGateTries', () => {
  it('repeats each target for its retries over the first targets the escalations allow', () => {
    expect(planGateTries(['a', 'b', 'c'], gates({ retries: 1, escalations: 1 }), 1)).toEqual([
      'a',
      'a',
      'b',
      'b',
    ]);
    expect(planGateTries(['a', 'b', 'c'], gates({ escalations: 0 }), 1)).toEqual(['a']);
    // upstream failover may still reach further than the escalations
    expect(planGateTries(['a', 'b', 'c'], gates({ escalations: 0 }), 3)).toEqual(['a', 'b', 'c']);
  });
});
