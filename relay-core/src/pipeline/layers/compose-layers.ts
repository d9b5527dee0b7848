/**
 * Behaviour wrapped around a core step, as koa middleware or undici interceptors wrap theirs: it
 * may act before calling `next` (the layers inside it, then the core), answer without calling it,
 * or act on what `next` returned.
 */
export type Layer<C, R> = (context: C, next: () => Promise<R>) => Promise<R>;

/**
 * Wraps `core` in `layers`, the first outermost: on the way in they run in the order given, on
 * the way out in reverse. A layer that answers without calling `next` stops the ones inside it.
 */
export function composeLayers<C, R>(
  layers: ReadonlyArray<Layer<C, R>>,
  core: (context: C) => Promise<R>,
): (context: C) => Promise<R> {
  return (context) => {
    const enter = (index: number): Promise<R> => {
      const layer = layers[index];
      return layer ? layer(context, () => enter(index + 1)) : core(context);
    };
    return enter(0);
  };
}
