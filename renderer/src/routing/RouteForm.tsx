import type { RouteConfig } from '../api/admin-types.js';
import { parseList } from './route-draft.js';
import { TargetList } from './TargetList.js';

type When = NonNullable<RouteConfig['when']>;
const strategyHelp: Record<string, string> = {
  ordered: 'as listed, next on failure',
  cheapest: 'by catalog price for the request',
  weighted: 'first target drawn by weight',
  fastest: 'by recorded latency',
  hedge: 'a second target when the first is slow',
};
const flags = [
  ['tools', 'Tools'],
  ['images', 'Images'],
  ['json_schema', 'JSON schema'],
  ['reasoning', 'Reasoning'],
] as const;

/** The form of one route: name, strategy, targets, conditions and residency policy. */
export function RouteForm({
  route,
  issues,
  suggestions,
  strategies,
  onChange,
}: {
  route: RouteConfig;
  strategies: string[];
  issues: Array<{ field: string; message: string }>;
  suggestions: string[];
  onChange(route: RouteConfig): void;
}) {
  const when = route.when ?? {};
  const setWhen = (change: Partial<When>) => onChange({ ...route, when: { ...when, ...change } });
  const issue = (field: string) =>
    issues
      .filter(
        (entry) =>
          entry.field === field || entry.field.startsWith(`${field}.`) || entry.field.startsWith(`${field}[`),
      )
      .map((entry) => (
        <span key={entry.message} className="error" role="alert">
          {entry.message}
        </span>
      ));
  const number = (value: string) => (value === '' ? undefined : Number(value));
  return (
    <div className="route-form" data-testid="route-form">
      <label>
        Name (the model clients ask for)
        <input
          value={route.name}
          aria-label="Route name"
          onChange={(event) => onChange({ ...route, name: event.target.value })}
        />
        {issue('name')}
      </label>
      <label>
        Strategy
        <select
          aria-label="Strategy"
          value={route.strategy ?? 'ordered'}
          onChange={(event) => onChange({ ...route, strategy: event.target.value })}
        >
          {strategies.map((strategy) => (
            <option key={strategy} value={strategy}>
              {strategy}
              {strategyHelp[strategy] ? `: ${strategyHelp[strategy]}` : ''}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Targets</legend>
        <TargetList
          targets={route.targets}
          suggestions={suggestions}
          onChange={(targets) => onChange({ ...route, targets })}
        />
        {issue('targets')}
        {route.strategy === 'weighted' && (
          <label>
            Weights (one per target)
            <input
              value={(route.weights ?? []).join(', ')}
              onChange={(event) =>
                onChange({ ...route, weights: parseList(event.target.value)?.map(Number) })
              }
            />
            {issue('weights')}
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>Conditions (all must hold)</legend>
        <div className="two">
          <label>
            Max input tokens
            <input
              type="number"
              value={when.max_input_tokens ?? ''}
              onChange={(event) => setWhen({ max_input_tokens: number(event.target.value) })}
            />
          </label>
          <label>
            Min input tokens
            <input
              type="number"
              value={when.min_input_tokens ?? ''}
              onChange={(event) => setWhen({ min_input_tokens: number(event.target.value) })}
            />
          </label>
        </div>
        <div className="toolbar">
          {flags.map(([name, label]) => (
            <label key={name}>
              {label}
              <select
                value={when[name] === undefined ? '' : String(when[name])}
                onChange={(event) =>
                  setWhen({ [name]: event.target.value === '' ? undefined : event.target.value === 'true' })
                }
              >
                <option value="">any</option>
                <option value="true">yes</option>
                <option value="false">no</option>
              </select>
            </label>
          ))}
        </div>
        <div className="two">
          <label>
            Keywords (any, comma-separated)
            <input
              value={(when.keywords ?? []).join(', ')}
              onChange={(event) => setWhen({ keywords: parseList(event.target.value) })}
            />
          </label>
          <label>
            Clients (comma-separated)
            <input
              value={(when.clients ?? []).join(', ')}
              onChange={(event) => setWhen({ clients: parseList(event.target.value) })}
            />
          </label>
        </div>
        <label>
          Regular expression on the last user message
          <input
            value={when.regex ?? ''}
            onChange={(event) => setWhen({ regex: event.target.value || undefined })}
          />
          {issue('when')}
        </label>
      </fieldset>
      <label>
        Regions allowed for this route (policy; empty: the global policy)
        <input
          value={(route.policy?.regions ?? []).join(', ')}
          onChange={(event) => {
            const regions = parseList(event.target.value);
            onChange({ ...route, policy: regions ? { regions } : undefined });
          }}
        />
        {issue('policy')}
      </label>
    </div>
  );
}
