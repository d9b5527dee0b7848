import { describe, expect, it } from 'vitest';
import { cleanRoute, issuesOfRoute, moveItem, parseList } from './route-draft.js';

describe('route drafts', () => {
  it('reorders targets as a drag or the arrow buttons do', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });

  it('writes only what the user set', () => {
    expect(
      cleanRoute({
        name: ' fast ',
        targets: ['demo/gpt-4o-mini', ' '],
        strategy: 'ordered',
        when: { tools: undefined, max_input_tokens: 2000 },
        policy: { regions: [] },
      }),
    ).toEqual({ name: 'fast', targets: ['demo/gpt-4o-mini'], when: { max_input_tokens: 2000 } });
    expect(parseList(' eu, local ,')).toEqual(['eu', 'local']);
    expect(parseList(' ')).toBeUndefined();
  });

  it('keeps cache, gates and keys the form does not edit, and drops what was cleared', () => {
    const evaluator = { model: 'openai/gpt-4o-mini', threshold: 0.7 };
    expect(
      cleanRoute({
        name: 'extract',
        targets: ['openai/gpt-4o-mini'],
        strategy: 'hedge',
        hedge_delay_ms: 800,
        cache: { exact: { enabled: undefined }, semantic: { enabled: true, rewrite_model: 'x/y' } },
        gates: { json: true, min_length: undefined, evaluator },
        future_key: 1,
      }),
    ).toEqual({
      name: 'extract',
      targets: ['openai/gpt-4o-mini'],
      strategy: 'hedge',
      hedge_delay_ms: 800,
      cache: { semantic: { enabled: true, rewrite_model: 'x/y' } },
      gates: { json: true, evaluator },
      future_key: 1,
    });
  });

  it('finds the validation messages of one route', () => {
    const issues = [
      { path: 'routes[1].targets', message: 'Too small' },
      { path: 'routes[10].name', message: 'other' },
      { path: 'providers[0].id', message: 'other' },
    ];
    expect(issuesOfRoute(issues, 1)).toEqual([{ field: 'targets', message: 'Too small' }]);
  });
});
