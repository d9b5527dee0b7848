import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceModel as replaceInBytes, replaceModelInText } from './replace-model.js';

/** The same on text (the tests' bodies are written as text), the result as text. */
function replaceModel(text: string, model: string): string | undefined {
  return replaceInBytes(Buffer.from(text), model)?.toString('utf8');
}

describe('replaceModel', () => {
  it('replaces only the top-level model and keeps every other byte as the client wrote it', () => {
    const text =
      '{ "messages" : [{"role":"user","content":"say \\"model\\": \\\\"x\\\\" \\u00e9"}],\n' +
      '  "tools":[{"name":"pick","input_schema":{"properties":{"model":{"type":"string"}}}}],\n' +
      '  "model" :\t"claude-sonnet-4-5" , "max_tokens": 10 }';
    const replaced = replaceModel(text, 'claude-sonnet-4-5-20250929');
    expect(replaced).toBe(text.replace('"claude-sonnet-4-5"', '"claude-sonnet-4-5-20250929"'));
  });

  it('keeps multi-byte characters in keys and values byte for byte', () => {
    const text = '{"système":"é ─ “x” 😀 \\"","model":"a","ключ":["日本語",{"model":"🙂"}]}';
    const replaced = replaceInBytes(Buffer.from(text), 'b');
    expect(replaced?.equals(Buffer.from(text.replace('"a"', '"b"')))).toBe(true);
  });

  it('writes the new model as a JSON string', () => {
    expect(replaceModel('{"model":"a"}', 'b"\\c')).toBe('{"model":"b\\"\\\\c"}');
  });

  it('finds a model key written with escapes, as JSON.parse reads it', () => {
    expect(replaceModel('{"mod\\u0065l":"a","x":1}', 'b')).toBe('{"mod\\u0065l":"b","x":1}');
  });

  it('refuses a body it cannot send as it came', () => {
    // parsers disagree on which of two keys counts
    expect(replaceModel('{"model":"a","model":"b"}', 'c')).toBeUndefined();
    expect(replaceModel('{"model":"a","mod\\u0065l":"b"}', 'c')).toBeUndefined();
    // not a string, or no model at all, or not an object
    expect(replaceModel('{"model":7}', 'c')).toBeUndefined();
    expect(replaceModel('{"messages":[{"model":"a"}]}', 'c')).toBeUndefined();
    expect(replaceModel('["model","a"]', 'c')).toBeUndefined();
  });

  it("replaces a fitted request's max_tokens too, keeping every other byte", () => {
    const text = '{"max_tokens" : 32000 ,"model":"a","messages":[{"max_tokens":5}],"x":1.5e3}';
    expect(replaceInBytes(Buffer.from(text), 'b', 16384)?.toString('utf8')).toBe(
      '{"max_tokens" : 16384 ,"model":"b","messages":[{"max_tokens":5}],"x":1.5e3}',
    );
    expect(replaceInBytes(Buffer.from('{"model":"a","max_tokens":1e3}'), 'b', 8)?.toString('utf8')).toBe(
      '{"model":"b","max_tokens":8}',
    );
  });

  it('refuses to write a max_tokens the body does not hold exactly once, as a number', () => {
    for (const text of [
      '{"model":"a"}',
      '{"model":"a","max_tokens":1,"max_tokens":2}',
      '{"model":"a","max_tokens":"1"}',
      '{"model":"a","max_tokens":null}',
      '{"model":"a","max_tok\\u0065ns":1,"max_tokens":2}',
    ])
      expect(replaceInBytes(Buffer.from(text), 'b', 8)).toBeUndefined();
  });

  it('gives what JSON.parse reads, the model replaced, for any JSON object with a model, in any script', () => {
    const body = fc.tuple(
      fc.dictionary(
        fc.string({ unit: 'grapheme' }).filter((key) => key !== 'model' && key !== '__proto__'),
        fc.jsonValue({ stringUnit: 'grapheme' }),
      ),
      fc.string({ unit: 'grapheme' }),
      fc.nat(),
      fc.constantFrom(0, 2),
    );
    fc.assert(
      fc.property(body, fc.string(), ([fields, model, at, indent], upstream) => {
        const entries = Object.entries(fields);
        entries.splice(at % (entries.length + 1), 0, ['model', model]);
        const text = JSON.stringify(Object.fromEntries(entries), null, indent);
        const replaced = replaceModel(text, upstream);
        expect(replaced).toBeDefined();
        expect(JSON.parse(replaced!)).toEqual({ ...(JSON.parse(text) as object), model: upstream });
      }),
    );
  });

  it('gives what JSON.parse reads, model and max_tokens replaced, for any object holding both', () => {
    const body = fc.tuple(
      fc.dictionary(
        fc.string({ unit: 'grapheme' }).filter((key) => !['model', 'max_tokens', '__proto__'].includes(key)),
        fc.jsonValue({ stringUnit: 'grapheme' }),
      ),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      fc.nat(),
      fc.constantFrom(0, 2),
    );
    fc.assert(
      fc.property(body, fc.nat(), ([fields, limit, at, indent], fitted) => {
        const entries = Object.entries(fields);
        entries.splice(at % (entries.length + 1), 0, ['model', 'm'], ['max_tokens', limit]);
        const text = JSON.stringify(Object.fromEntries(entries), null, indent);
        const replaced = replaceInBytes(Buffer.from(text), 'n', fitted)?.toString('utf8');
        expect(replaced).toBeDefined();
        expect(JSON.parse(replaced!)).toEqual({
          ...(JSON.parse(text) as object),
          model: 'n',
          max_tokens: fitted,
        });
      }),
    );
  });
});

describe('replaceModelInText', () => {
  it('changes the top-level model of any compact answer as JSON.parse reads it, nested ones kept', () => {
    const answer = fc.tuple(
      fc.dictionary(
        fc.string({ unit: 'grapheme' }).filter((key) => !['model', '__proto__'].includes(key)),
        fc.jsonValue({ stringUnit: 'grapheme' }),
      ),
      fc.string({ unit: 'grapheme' }),
      fc.nat(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(answer, fc.string({ unit: 'grapheme' }), ([fields, current, at, nested], model) => {
        const entries: Array<[string, unknown]> = Object.entries(fields);
        entries.splice(at % (entries.length + 1), 0, ['model', current]);
        // an object inside that names a model too must keep its own
        if (nested) entries.push(['usage', { model: current }]);
        const text = JSON.stringify(Object.fromEntries(entries));
        const replaced = replaceModelInText(text, model, current);
        expect(replaced).toBeDefined();
        const expected = { ...(JSON.parse(text) as object), model };
        expect(JSON.parse(replaced!)).toEqual(expected);
      }),
    );
  });

  it('is the text itself when the model is already the one asked for', () => {
    const text = '{"id":"x","model":"gpt-4.1","choices":[]}';
    expect(replaceModelInText(text, 'gpt-4.1', 'gpt-4.1')).toBe(text);
    expect(replaceModelInText(text, 'gpt-4.1')).toBe(text);
  });
});
