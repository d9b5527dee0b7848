import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import ranks from 'js-tiktoken/ranks/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeCounter } from './bpe-counter.js';

const stock = new Tiktoken(ranks);
let counter: BpeCounter;
beforeAll(async () => {
  counter = await BpeCounter.build(ranks);
});
const characters = [...'aAzZéß東京語ñ0179 \n\t.,;:{}()[]<>"\'`/\\_-+=*&^%$#@!?|~😀✓—«»'];
const word = fc.array(fc.constantFrom(...characters), { maxLength: 8 }).map((chars) => chars.join(''));

describe('BpeCounter', () => {
  it('counts any text of ordinary pieces exactly as js-tiktoken encodes it', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.constantFrom(' ', '\n', ''), (words, separator) => {
        const text = words.join(separator);
        expect(counter.count(text)).toBe(stock.encode(text).length);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a special token as the text it is, where js-tiktoken refuses it', () => {
    const text = 'end <|endoftext|> here';
    expect(() => stock.encode(text)).toThrow();
    expect(counter.count(text)).toBeGreaterThan(stock.encode(text, 'all').length);
  });
});
