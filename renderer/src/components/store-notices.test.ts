import { describe, expect, it } from 'vitest';
import type { RelayStatus } from '../api/admin-types.js';
import { storeNotices } from './store-notices.js';

type Stores = Pick<RelayStatus, 'state' | 'history'>;

const healthyHistory = {
  store: 'sqlite',
  pending: 0,
  spooled: 0,
  dropped: 0,
  rejected: 0,
  failing: false,
} as const;
const single: Stores = { state: { kind: 'memory', shared: false }, history: healthyHistory };

describe('storeNotices', () => {
  it('says nothing for a relay on its own memory and SQLite, or before the status is known', () => {
    expect(storeNotices(single)).toEqual([]);
    expect(storeNotices(undefined)).toEqual([]);
    // an older relay's status has neither field
    expect(storeNotices({})).toEqual([]);
  });

  it('says nothing while Redis and PostgreSQL answer', () => {
    const team: Stores = {
      state: { kind: 'redis', shared: true, server: 'redis://redis.internal:6379' },
      history: { ...healthyHistory, store: 'postgres', pending: 12 },
    };
    expect(storeNotices(team)).toEqual([]);
  });

  it('says limits, budgets and breakers are this relay’s own while Redis is away, naming only its host', () => {
    const notices = storeNotices({
      ...single,
      state: {
        kind: 'redis',
        shared: false,
        server: 'redis://redis.internal:6380',
        problem: 'connect ECONNREFUSED',
      },
    });
    expect(notices).toEqual([
      'Shared state unavailable (Redis at redis.internal:6380): limits, budgets and circuit breakers apply to this relay only until Redis returns.',
    ]);
  });

  it('never shows a user or password the server field still holds, nor an address that does not parse', () => {
    const leaky = storeNotices({
      ...single,
      state: { kind: 'redis', shared: false, server: 'rediss://admin:hunter2@cache.example:6379/0' },
    });
    expect(leaky.join(' ')).not.toMatch(/hunter2|admin/);
    expect(leaky.join(' ')).toContain('Redis at cache.example:6379');
    const odd = storeNotices({
      ...single,
      state: { kind: 'redis', shared: false, server: 'p4ss@not a url' },
    });
    expect(odd).toEqual([
      'Shared state unavailable: limits, budgets and circuit breakers apply to this relay only until Redis returns.',
    ]);
  });

  it('counts the requests waiting while the history database is unreachable', () => {
    const history = {
      ...healthyHistory,
      store: 'postgres',
      pending: 1_204,
      spooled: 1_000,
      failing: true,
    } as const;
    expect(storeNotices({ ...single, history })).toEqual([
      'History database unreachable: 1,204 requests waiting, written when it returns.',
    ]);
    expect(storeNotices({ ...single, history: { ...history, pending: 1 } })).toEqual([
      'History database unreachable: 1 request waiting, written when it returns.',
    ]);
  });

  it('says how many requests were lost past the spool’s bound', () => {
    const history = {
      ...healthyHistory,
      store: 'postgres',
      pending: 100_000,
      dropped: 37,
      failing: true,
    } as const;
    expect(storeNotices({ ...single, history })).toEqual([
      "History database unreachable: 100,000 requests waiting, written when it returns. 37 requests past the spool's bound were lost.",
    ]);
  });

  it('gives one notice per store when both are away', () => {
    const notices = storeNotices({
      state: { kind: 'redis', shared: false },
      history: { ...healthyHistory, store: 'postgres', pending: 3, failing: true },
    });
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^Shared state unavailable: /);
    expect(notices[1]).toMatch(/^History database unreachable: 3 requests waiting/);
  });
});
