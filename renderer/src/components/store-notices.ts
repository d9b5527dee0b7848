import type { RelayStatus } from '../api/admin-types.js';
import { formatCount } from '../format.js';

const requests = (n: number) => `${formatCount(n)} request${n === 1 ? '' : 's'}`;

/**
 * The Redis server as host and port only: whatever else its URL holds (a user or password the
 * relay failed to remove) stays off the screen, and an address that does not parse is not shown.
 */
function redisHost(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    return new URL(server).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the window says about a team store that is away, one sentence per store: Redis asked for
 * but not shared, or history writes failing. Nothing for a relay on its own memory and SQLite, or
 * for stores that answer.
 */
export function storeNotices(status: Pick<RelayStatus, 'state' | 'history'> | undefined): string[] {
  const notices: string[] = [];
  const state = status?.state;
  if (state?.kind === 'redis' && state.shared === false) {
    const host = redisHost(state.server);
    notices.push(
      `Shared state unavailable${host ? ` (Redis at ${host})` : ''}: limits, budgets and circuit breakers ` +
        'apply to this relay only until Redis returns.',
    );
  }
  const history = status?.history;
  if (history?.failing === true) {
    const waiting = history.pending ?? 0;
    const lost = history.dropped ?? 0;
    notices.push(
      `History database unreachable: ${requests(waiting)} waiting, written when it returns.` +
        (lost > 0 ? ` ${requests(lost)} past the spool's bound ${lost === 1 ? 'was' : 'were'} lost.` : ''),
    );
  }
  return notices;
}
