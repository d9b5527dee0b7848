import type { RouteConfig } from '../api/admin-types.js';

/** Moves the item at `from` to `to`, returning a new list. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item!);
  return next;
}

/** "a, b ,c" → ['a', 'b', 'c']; empty → undefined (the key is left out of config.yaml). */
export function parseList(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** An object without undefined values, or undefined when nothing is left. */
function compact<T extends Record<string, unknown>>(value: T | undefined): T | undefined {
  if (!value) return undefined;
  const kept = Object.entries(value).filter(
    ([, item]) =>
      item !== undefined &&
      item !== '' &&
      !(typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length === 0),
  );
  return kept.length > 0 ? (Object.fromEntries(kept) as T) : undefined;
}

/**
 * A route without empty optional parts, as it should be written to config.yaml. Keys the form
 * does not edit (an evaluator, a semantic rewrite model, anything newer) are kept as they were.
 */
export function cleanRoute(route: RouteConfig): RouteConfig {
  const when = Object.fromEntries(
    Object.entries(route.when ?? {}).filter(([, value]) => value !== undefined && value !== ''),
  ) as RouteConfig['when'];
  const {
    name: _name,
    targets: _targets,
    strategy: _strategy,
    weights: _weights,
    when: _when,
    policy: _policy,
    hedge_delay_ms: _hedge,
    cache: _cache,
    gates: _gates,
    ...others
  } = route;
  const cache = compact({
    ...route.cache,
    exact: compact(route.cache?.exact),
    semantic: compact(route.cache?.semantic),
  });
  const gates = compact({ ...route.gates });
  return {
    name: route.name.trim(),
    targets: route.targets.map((target) => target.trim()).filter(Boolean),
    ...(route.strategy && route.strategy !== 'ordered' ? { strategy: route.strategy } : {}),
    ...(route.strategy === 'weighted' && route.weights ? { weights: route.weights } : {}),
    ...(when && Object.keys(when).length > 0 ? { when } : {}),
    ...(route.policy?.regions.length ? { policy: route.policy } : {}),
    ...(route.strategy === 'hedge' && route.hedge_delay_ms !== undefined
      ? { hedge_delay_ms: route.hedge_delay_ms }
      : {}),
    ...(cache ? { cache } : {}),
    ...(gates ? { gates } : {}),
    ...others,
  };
}

/** The issues of config.yaml that belong to route `index` (`routes[2].targets` → route 2). */
export function issuesOfRoute(issues: Array<{ path: string; message: string }>, index: number) {
  const prefix = `routes[${index}]`;
  return issues
    .filter((issue) => issue.path === prefix || issue.path.startsWith(`${prefix}.`))
    .map((issue) => ({ field: issue.path.slice(prefix.length + 1), message: issue.message }));
}
