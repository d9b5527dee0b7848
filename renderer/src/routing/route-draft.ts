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

/**
 * A config issue's message in plain words: the relay's own messages are already plain; the
 * schema's generic ones ("Too small: expected string to have >=1 characters") are reworded.
 */
export function plainMessage(message: string): string {
  const rules: Array<[RegExp, (match: RegExpExecArray) => string]> = [
    [/^Too small: expected string to have >=1 characters?$/, () => 'must not be empty'],
    [/^Too small: expected array to have >=1 items?$/, () => 'needs at least one entry'],
    [/^Too small: expected number to be >0$/, () => 'must be more than 0'],
    [/^Too small: expected number to be >=(\S+)$/, (match) => `must be at least ${match[1]}`],
    [/^Too big: expected number to be <=(\S+)$/, (match) => `must be at most ${match[1]}`],
    [
      /^Invalid input: expected (\w+), received (\w+)$/,
      (match) => `must be a ${match[1]}, not a ${match[2]}`,
    ],
    [
      /^Invalid option: expected one of (.*)$/,
      (match) => `must be one of ${match[1]!.replaceAll('"', '').split('|').join(', ')}`,
    ],
    [/^Unrecognized key: "(.*)"$/, (match) => `'${match[1]}' is not a setting here (a typo?)`],
  ];
  for (const [pattern, reword] of rules) {
    const match = pattern.exec(message);
    if (match) return reword(match);
  }
  return message;
}

/**
 * What is wrong with the drafts before they go to the relay: a route without a name or without
 * targets. The relay checks everything again; these are the ones to say at once, next to the field.
 */
export function draftIssues(routes: RouteConfig[]): Array<{ path: string; message: string }> {
  return routes.flatMap((route, index) => [
    ...(route.name.trim() === ''
      ? [{ path: `routes[${index}].name`, message: 'a route needs a name: the model name clients ask for' }]
      : []),
    ...(route.targets.every((target) => target.trim() === '')
      ? [{ path: `routes[${index}].targets`, message: 'a route needs at least one target (provider/model)' }]
      : []),
  ]);
}
