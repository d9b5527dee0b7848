import { describe, expect, it } from 'vitest';
import { composeLayers } from './compose-layers.js';
import type { Layer } from './compose-layers.js';

/** A layer that notes when it is entered and left, around what the rest returned. */
const noting =
  (name: string): Layer<string[], string> =>
  async (trail, next) => {
    trail.push(`in ${name}`);
    const result = await next();
    trail.push(`out ${name}`);
    return `${name}(${result})`;
  };

const core = async (trail: string[]) => {
  trail.push('core');
  return 'core';
};

describe('composeLayers', () => {
  it('runs the layers in the declared order on the way in and in reverse on the way out', async () => {
    const trail: string[] = [];
    const result = await composeLayers([noting('cache'), noting('budget'), noting('gates')], core)(trail);
    expect(trail).toEqual([
      'in cache',
      'in budget',
      'in gates',
      'core',
      'out gates',
      'out budget',
      'out cache',
    ]);
    expect(result).toBe('cache(budget(gates(core)))');
  });

  it('a layer that answers stops the layers inside it and the core', async () => {
    const trail: string[] = [];
    const hit: Layer<string[], string> = async (seen) => {
      seen.push('hit');
      return 'cached';
    };
    const result = await composeLayers([noting('outer'), hit, noting('inner')], core)(trail);
    expect(trail).toEqual(['in outer', 'hit', 'out outer']);
    expect(result).toBe('outer(cached)');
  });

  it('with no layers runs the core alone', async () => {
    const trail: string[] = [];
    expect(await composeLayers([], core)(trail)).toBe('core');
    expect(trail).toEqual(['core']);
  });
});
