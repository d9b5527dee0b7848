import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.js';
import { findRouteLoops } from './find-route-loops.js';

describe('findRouteLoops', () => {
  it('finds a loop between a route and an alias, and one of a route with itself, once each', () => {
    const loops = findRouteLoops(
      [
        { name: 'a', targets: ['b', 'openai/gpt-4o-mini'] },
        { name: 'self', targets: ['self'] },
        { name: 'c', targets: ['a'] },
      ],
      { b: ['a'] },
    );
    expect(loops.map((loop) => loop.cycle)).toEqual([
      ['a', 'b', 'a'],
      ['self', 'self'],
    ]);
    expect(loops[0]!.at).toEqual({ route: 0 });
  });

  it('finds none where names lead on to providers', () => {
    expect(findRouteLoops([{ name: 'a', targets: ['b'] }], { b: ['openai/gpt-4o-mini'] })).toEqual([]);
  });
});

describe('config validation', () => {
  it('refuses mutual routes and aliases, naming the loop', () => {
    expect(() =>
      parseConfig(`providers: [{ id: openai }]
routes:
  - name: a
    targets: [b]
aliases:
  b: [a]
`),
    ).toThrow(/routes\[0\]\.targets: routes and aliases name each other in a loop \(a → b → a\)/);
    expect(() => parseConfig('aliases:\n  x: [y]\n  y: [x]\n')).toThrow(/aliases\.x: .*\(x → y → x\)/);
  });
});
