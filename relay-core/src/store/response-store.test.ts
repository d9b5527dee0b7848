import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { createResponseStore } from './response-store.js';

describe('response store (previous_response_id)', () => {
  it('returns a stored conversation until it expires, then forgets it', () => {
    let now = 1_000_000;
    const store = createResponseStore(openDatabase(':memory:'), 60_000, () => now);
    const conversation = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];
    store.save('resp_1', conversation);
    expect(store.load('resp_1')).toEqual(conversation);
    now += 59_999;
    expect(store.load('resp_1')).toEqual(conversation);
    now += 2;
    expect(store.load('resp_1')).toBeUndefined();
    expect(store.load('resp_unknown')).toBeUndefined();
  });

  it('gives a conversation to the key partition that stored it only', () => {
    const store = createResponseStore(openDatabase(':memory:'));
    const conversation = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'PIN 4711' }] }];
    store.save('resp_2', conversation, 'partition-a');
    expect(store.load('resp_2', 'partition-a')).toEqual(conversation);
    expect(store.load('resp_2', 'partition-b')).toBeUndefined();
    expect(store.load('resp_2')).toBeUndefined();
  });
});
