import { describe, expect, it } from 'vitest';
import { promptSignature, semanticConflict } from './semantic-guard.js';

describe('semanticConflict', () => {
  it.each([
    ['Should I restart the server?', 'Should I not restart the server?', 'different negations'],
    ['Is it safe to delete the cache?', "Isn't it safe to delete the cache?", 'different negations'],
    ['Book a table for 4 people', 'Book a table for 6 people', 'different numbers'],
    ['Book a table for four people', 'Book a table for six people', 'different numbers'],
    ['Send the invoice of 1,200 dollars', 'Send the invoice of 1,500 dollars', 'different numbers'],
    ['Write a poem for Alice', 'Write a poem for Bob', 'different names'],
    ['List the largest lakes', 'List the smallest lakes', 'different polarity'],
  ])('tells "%s" from "%s"', (a, b, why) => {
    expect(semanticConflict(a, b)).toBe(why);
  });

  it.each([
    ['Tell me the capital of France', 'tell me the capital of France please'],
    ['How do I reset my router?', 'How can I reset my router'],
    ['What is 2 + 2? Explain.', 'Explain: what is 2 + 2'],
  ])('lets the paraphrases "%s" and "%s" share an answer', (a, b) => {
    expect(semanticConflict(a, b)).toBeUndefined();
  });

  it('ignores capitals at the start of a sentence but keeps names inside one', () => {
    expect(promptSignature('Please call Marie. Then email her.')).toEqual({
      negations: [],
      numbers: [],
      names: ['Marie'],
      polarity: [],
    });
  });
});
