import { describe, expect, it } from 'vitest';
import { freshPlayground, loadPlayground, savePlayground } from './persist-playground.js';

function memory() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the playground kept across restarts', () => {
  it('comes back with its columns, answers and settings; a stream cut by the reload shows as stopped', () => {
    const storage = memory();
    const state = freshPlayground(['demo/a', 'demo/b']);
    state.columns[0]!.run = { status: 'done', text: 'an answer', requestId: 'req_1' };
    state.columns[1]!.run = { status: 'running', text: 'half an' };
    state.raw = true;
    state.prompt = { ...state.prompt, user: 'my question' };
    savePlayground(state, storage);
    const loaded = loadPlayground(storage);
    expect(loaded.columns.map((column) => [column.model, column.run.status, column.run.text])).toEqual([
      ['demo/a', 'done', 'an answer'],
      ['demo/b', 'stopped', 'half an'],
    ]);
    expect(loaded.raw).toBe(true);
    expect(loaded.prompt.user).toBe('my question');
  });

  it('starts fresh from nothing or from something unreadable', () => {
    expect(loadPlayground(memory()).columns).toHaveLength(2);
    const broken = memory();
    broken.setItem('switchboard.playground', '{not json');
    expect(loadPlayground(broken).prompt.user).toMatch(/holiday/);
  });
});
