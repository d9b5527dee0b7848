/** A route or alias whose targets lead back to itself, and the path that shows it. */
export interface RouteLoop {
  /** Where to report it: the first route (index) or alias (name) of the loop. */
  at: { route: number } | { alias: string };
  /** `a → b → a` */
  cycle: string[];
}

interface Named {
  name: string;
  targets: string[];
}

/**
 * Routes and aliases that name each other in a loop (`a: [b]`, `b: [a]`). A target that names a
 * route is not expanded into that route's targets, so such a loop validated and then answered 503
 * for every request; it is refused here instead. Each loop is reported once.
 */
export function findRouteLoops(routes: readonly Named[], aliases: Record<string, string[]>): RouteLoop[] {
  const edges = new Map<string, Set<string>>();
  const firstAt = new Map<string, RouteLoop['at']>();
  const add = (name: string, targets: string[], at: RouteLoop['at']) => {
    if (!firstAt.has(name)) firstAt.set(name, at);
    const next = edges.get(name) ?? new Set<string>();
    for (const target of targets) next.add(target);
    edges.set(name, next);
  };
  routes.forEach((route, i) => add(route.name, route.targets, { route: i }));
  // a route of the same name wins over an alias (routesOf), so the alias's targets never count
  for (const [name, targets] of Object.entries(aliases))
    if (!routes.some((route) => route.name === name)) add(name, targets, { alias: name });

  const loops: RouteLoop[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (name: string) => {
    path.push(name);
    onPath.add(name);
    for (const target of edges.get(name) ?? []) {
      if (onPath.has(target)) {
        const cycle = [...path.slice(path.indexOf(target)), target];
        loops.push({ at: firstAt.get(target)!, cycle });
      } else if (edges.has(target) && !done.has(target)) visit(target);
    }
    path.pop();
    onPath.delete(name);
    done.add(name);
  };
  for (const name of edges.keys()) if (!done.has(name)) visit(name);
  return loops;
}
