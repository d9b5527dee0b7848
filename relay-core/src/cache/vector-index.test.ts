import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/open-database.js';
import { CacheStore } from './cache-store.js';
import { cosineSimilarity, createVectorIndex, fromBlob, toBlob } from './vector-index.js';

const vector = (...values: number[]) => Float32Array.from(values);

function seed() {
  const db = openDatabase(':memory:');
  const store = new CacheStore(db);
  const put = (key: string, scope: string, values: Float32Array, expiresAt = 1e15) =>
    store.put(
      {
        key,
        scope,
        answer: { id: key, model: 'm', created: 0, content: [], finishReason: 'stop' },
        provider: 'p',
        upstreamModel: 'm',
        costUsd: 0,
        expiresAt,
        semantic: { promptText: `prompt ${key}`, vector: values, expiresAt },
      },
      0,
      1e9,
    );
  put('east', 'a', vector(1, 0, 0));
  put('north-east', 'a', vector(1, 1, 0));
  put('north', 'a', vector(0, 1, 0));
  put('other-scope', 'b', vector(1, 0, 0));
  put('expired', 'a', vector(1, 0, 0), 10);
  return db;
}

describe('vector index', () => {
  it('round-trips float32 vectors through BLOBs', () => {
    expect(Array.from(fromBlob(toBlob(vector(0.5, -1, 2))))).toEqual([0.5, -1, 2]);
    expect(cosineSimilarity(vector(1, 0), vector(0, 1))).toBe(0);
    expect(cosineSimilarity(vector(1, 1), vector(2, 2))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(vector(0, 0), vector(1, 1))).toBe(0);
  });

  it('finds the nearest live prompts within one scope only, best first (JS fallback)', () => {
    const index = createVectorIndex(seed(), { preferExtension: false });
    expect(index.kind).toBe('js-cosine');
    const found = index.search('a', vector(1, 0.1, 0), 100, 5);
    expect(found.map((match) => match.key)).toEqual(['east', 'north-east', 'north']);
    expect(found[0]!.similarity).toBeCloseTo(0.995, 3);
    expect(found[0]!.promptText).toBe('prompt east');
    expect(index.search('a', vector(1, 0.1, 0), 100, 1)).toHaveLength(1);
  });

  it('ranks the same with sqlite-vec (an optional dependency, installed by npm install)', () => {
    const index = createVectorIndex(seed());
    expect(index.kind).toBe('sqlite-vec');
    const found = index.search('a', vector(0.2, 1, 0), 100, 5);
    expect(found.map((match) => match.key)).toEqual(['north', 'north-east', 'east']);
    expect(found[0]!.similarity).toBeCloseTo(0.981, 3);
  });
});
