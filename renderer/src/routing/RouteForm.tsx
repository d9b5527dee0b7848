import type { RouteConfig } from '../api/admin-types.js';
import { parseList } from './route-draft.js';
import { TargetList } from './TargetList.js';

type When = NonNullable<RouteConfig['when']>;
type Cache = NonNullable<RouteConfig['cache']>;
type Gates = NonNullable<RouteConfig['gates']>;
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

/** The form of one route: name, strategy, targets, conditions, residency policy, cache and gates. */
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
  const cache = route.cache ?? {};
  const exact = cache.exact ?? {};
  const semantic = cache.semantic ?? {};
  const setCache = (change: Partial<Cache>) => onChange({ ...route, cache: { ...cache, ...change } });
  const gates = route.gates ?? {};
  const setGates = (change: Partial<Gates>) => onChange({ ...route, gates: { ...gates, ...change } });
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
      {route.strategy === 'hedge' && (
        <label>
          Hedge delay, ms (empty: the first target's p90 time to first token)
          <input
            type="number"
            aria-label="Hedge delay"
            value={route.hedge_delay_ms ?? ''}
            onChange={(event) => onChange({ ...route, hedge_delay_ms: number(event.target.value) })}
          />
          {issue('hedge_delay_ms')}
        </label>
      )}
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
        <label>
          Complexity (the built-in classifier: long, tools, code or reasoning cues make it complex)
          <select
            aria-label="Complexity"
            value={when.complexity ?? ''}
            onChange={(event) =>
              setWhen({ complexity: (event.target.value || undefined) as When['complexity'] })
            }
          >
            <option value="">any</option>
            <option value="simple">simple</option>
            <option value="complex">complex</option>
          </select>
        </label>
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
      <fieldset>
        <legend>Cache</legend>
        <div className="toolbar">
          <label>
            Exact cache
            <select
              aria-label="Exact cache"
              value={exact.enabled === undefined ? '' : exact.always ? 'always' : String(exact.enabled)}
              onChange={(event) => {
                const value = event.target.value;
                setCache({
                  exact: {
                    ...exact,
                    enabled: value === '' ? undefined : value !== 'false',
                    always: value === 'always' ? true : undefined,
                  },
                });
              }}
            >
              <option value="">default (deterministic requests)</option>
              <option value="true">on (deterministic requests)</option>
              <option value="always">always</option>
              <option value="false">off</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              aria-label="Semantic cache"
              checked={semantic.enabled === true}
              onChange={(event) =>
                setCache({ semantic: { ...semantic, enabled: event.target.checked || undefined } })
              }
            />
            Semantic cache
          </label>
          {semantic.enabled === true && (
            <label>
              Similarity threshold
              <input
                type="number"
                step="0.01"
                min="0"
                max="1"
                aria-label="Similarity threshold"
                value={semantic.threshold ?? ''}
                onChange={(event) =>
                  setCache({ semantic: { ...semantic, threshold: number(event.target.value) } })
                }
              />
            </label>
          )}
        </div>
        {issue('cache')}
      </fieldset>
      <fieldset>
        <legend>Quality gates</legend>
        <div className="toolbar">
          <label>
            Minimum length
            <input
              type="number"
              aria-label="Minimum length"
              value={gates.min_length ?? ''}
              onChange={(event) => setGates({ min_length: number(event.target.value) })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              aria-label="Valid JSON"
              checked={gates.json === true}
              onChange={(event) => setGates({ json: event.target.checked || undefined })}
            />
            Valid JSON (and the requested schema)
          </label>
          <label>
            Retries on the same target
            <input
              type="number"
              aria-label="Gate retries"
              value={gates.retries ?? ''}
              onChange={(event) => setGates({ retries: number(event.target.value) })}
            />
          </label>
          <label>
            Escalations
            <input
              type="number"
              aria-label="Gate escalations"
              value={gates.escalations ?? ''}
              onChange={(event) => setGates({ escalations: number(event.target.value) })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              aria-label="Buffer streams"
              checked={gates.buffer_streams === true}
              onChange={(event) => setGates({ buffer_streams: event.target.checked || undefined })}
            />
            Hold streams back until they pass
          </label>
        </div>
        <label>
          Forbidden patterns (regular expressions, one a line)
          <textarea
            aria-label="Forbidden patterns"
            rows={2}
            value={(gates.forbidden ?? []).join('\n')}
            onChange={(event) => {
              const patterns = event.target.value.split('\n').filter((line) => line.trim() !== '');
              setGates({ forbidden: patterns.length > 0 ? patterns : undefined });
            }}
          />
        </label>
        {issue('gates')}
      </fieldset>
    </div>
  );
}
