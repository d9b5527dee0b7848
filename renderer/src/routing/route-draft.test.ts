import { describe, expect, it } from 'vitest';
import { cleanRoute, draftIssues, issuesOfRoute, moveItem, parseList, plainMessage } from './route-draft.js';

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

describe('config issues in plain words', () => {
  it("rewords the schema's generic messages and keeps the relay's own", () => {
    expect(plainMessage('Too small: expected string to have >=1 characters')).toBe('must not be empty');
    expect(plainMessage('Invalid option: expected one of "ordered"|"cheapest"')).toBe(
      'must be one of ordered, cheapest',
    );
    expect(plainMessage('Invalid input: expected number, received string')).toBe(
      'must be a number, not a string',
    );
    expect(plainMessage("a route name may not contain '/'")).toBe("a route name may not contain '/'");
  });

  it('finds an unnamed route and a route without targets before saving', () => {
    expect(
      draftIssues([
        { name: ' ', targets: [] },
        { name: 'ok', targets: ['a/b'] },
      ]),
    ).toEqual([
      { path: 'routes[0].name', message: 'a route needs a name: the model name clients ask for' },
      { path: 'routes[0].targets', message: 'a route needs at least one target (provider/model)' },
    ]);
  });
});
