import type { Config } from '../config/schema.js';
import { deadlinesOf } from '../providers/types.js';
import type { RouteEntry } from './resolve-targets.js';

/**
 * The routes a request can name: the user's own, then the built-in `auto` (when its tiers are
 * configured and no route of that name exists), then aliases (one name, several providers).
 */
export function routesOf(config: Config): RouteEntry[] {
  const routes: RouteEntry[] = config.routes.map(
    ({ hedge_delay_ms, first_token_timeout_ms, first_byte_timeout_ms, ...route }) => {
      const deadlines = deadlinesOf({ first_token_timeout_ms, first_byte_timeout_ms });
      return {
        ...route,
        ...(hedge_delay_ms === undefined ? {} : { hedgeDelayMs: hedge_delay_ms }),
        ...(deadlines ? { deadlines } : {}),
      };
    },
  );
  const taken = new Set(routes.map((route) => route.name));
  if (config.auto && !taken.has('auto')) {
    const { simple, complex } = config.auto;
    routes.push(
      {
        name: 'auto',
        when: { complexity: 'simple' },
        targets: [...simple, ...complex],
        tiers: [...simple.map(() => 0), ...complex.map(() => 1)],
        strategy: 'cheapest',
      },
      { name: 'auto', targets: complex, strategy: 'cheapest' },
    );
  }
  for (const [name, targets] of Object.entries(config.aliases)) {
    if (!taken.has(name)) routes.push({ name, targets, strategy: 'ordered' });
  }
  return routes;
}
