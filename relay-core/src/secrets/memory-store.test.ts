import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';

describe('memory store', () => {
  it('round-trips, lists provider ids only and deletes', async () => {
    const store = createMemoryStore({ openai: 'sk-one' });
    await store.set('groq', 'gsk-two');
    expect(await store.get('groq')).toBe('gsk-two');
    expect(await store.list()).toEqual(['groq', 'openai']);
    expect(await store.delete('openai')).toBe(true);
    expect(await store.delete('openai')).toBe(false);
    expect(await store.get('openai')).toBeUndefined();
    expect(createMemoryStore({}, 'keychain').source).toBe('keychain');
  });
});
