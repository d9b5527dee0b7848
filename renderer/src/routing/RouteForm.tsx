import type { ReactNode } from 'react';
import type { RouteConfig } from '../api/admin-types.js';
import { parseList, plainMessage } from './route-draft.js';
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

const number = (value: string) => (value === '' ? undefined : Number(value));

/** A number input whose empty value leaves the key out of config.yaml. */
function NumberField({
  label,
  name,
  value,
  onChange,
  children,
}: {
  label: string;
  /** The accessible name, when shorter than the label. */
  name: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        aria-label={name}
        value={value ?? ''}
        onChange={(event) => onChange(number(event.target.value))}
      />
      {children}
    </label>
  );
}

/** A checkbox whose unchecked state leaves the key out of config.yaml. */
function CheckField({
  label,
  name,
  checked,
  onChange,
}: {
  label: string;
  name: string;
  checked: boolean | undefined;
  onChange(checked: true | undefined): void;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        aria-label={name}
        checked={checked === true}
        onChange={(event) => onChange(event.target.checked || undefined)}
      />
      {label}
    </label>
  );
}

/** The fields that show their own problems; anything else about the route is listed at its top. */
const fieldsWithIssues = [
  'name',
  'strategy',
  'hedge_delay_ms',
  'targets',
  'weights',
  'when.max_input_tokens',
  'when.min_input_tokens',
  'when.complexity',
  'when.keywords',
  'when.clients',
  'when.agent',
  'when.purpose',
  'when',
  'policy',
  'cache',
  'gates',
];

const belongsTo = (issueField: string, field: string) =>
  issueField === field || issueField.startsWith(`${field}.`) || issueField.startsWith(`${field}[`);

/**
 * The form of one route: name, strategy, targets, conditions, residency policy, cache and gates.
 * Each problem config.yaml's check found is shown beside its field in plain words; problems no
 * field shows are listed at the top of the form.
 */
export function RouteForm({
  route,
  issues,
  suggestions,
  strategies,
  regions,
  disabled = false,
  onChange,
}: {
  route: RouteConfig;
  strategies: string[];
  issues: Array<{ field: string; message: string }>;
  suggestions: string[];
  /** The regions providers are in (presets and configured ones), for the residency policy. */
  regions: string[];
  /** While config.yaml is being edited as text, the form only shows. */
  disabled?: boolean;
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
  // the most specific field claims an issue (when.max_input_tokens before when)
  const owner = (issueField: string) =>
    [...fieldsWithIssues].sort((a, b) => b.length - a.length).find((field) => belongsTo(issueField, field));
  const issue = (field: string) =>
    issues
      .filter((entry) => owner(entry.field) === field)
      .map((entry) => (
        <span key={`${entry.field}-${entry.message}`} className="error" role="alert" data-field={entry.field}>
          {entry.field !== field && entry.field.startsWith(field)
            ? `${entry.field.slice(field.length + 1)}: `
            : ''}
          {plainMessage(entry.message)}
        </span>
      ));
  const others = issues.filter((entry) => owner(entry.field) === undefined);
  const strategy = route.strategy ?? 'ordered';
  const policyRegions = route.policy?.regions ?? [];
  const regionChoices = [...new Set([...regions, ...policyRegions])].sort();
  return (
    <fieldset className="route-form" data-testid="route-form" disabled={disabled}>
      <legend className="visually-hidden">Route {route.name}</legend>
      {others.length > 0 && (
        <ul className="issues" role="alert">
          {others.map((entry) => (
            <li key={`${entry.field}-${entry.message}`}>{plainMessage(entry.message)}</li>
          ))}
        </ul>
      )}
      <label>
        Name (the model clients ask for)
        <input
          value={route.name}
          aria-label="Route name"
          aria-invalid={issues.some((entry) => owner(entry.field) === 'name')}
          onChange={(event) => onChange({ ...route, name: event.target.value })}
        />
        {issue('name')}
      </label>
      <label>
        Strategy
        <select
          aria-label="Strategy"
          value={strategy}
          aria-invalid={issues.some((entry) => owner(entry.field) === 'strategy')}
          onChange={(event) => onChange({ ...route, strategy: event.target.value })}
        >
          {!strategies.includes(strategy) && <option value={strategy}>{strategy} (not a strategy)</option>}
          {strategies.map((name) => (
            <option key={name} value={name}>
              {name}
              {strategyHelp[name] ? `: ${strategyHelp[name]}` : ''}
            </option>
          ))}
        </select>
        {issue('strategy')}
      </label>
      {route.strategy === 'hedge' && (
        <NumberField
          label="Hedge delay, ms (empty: the first target's p90 time to first token)"
          name="Hedge delay"
          value={route.hedge_delay_ms}
          onChange={(hedge_delay_ms) => onChange({ ...route, hedge_delay_ms })}
        >
          {issue('hedge_delay_ms')}
        </NumberField>
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
          <NumberField
            label="Max input tokens"
            name="Max input tokens"
            value={when.max_input_tokens}
            onChange={(max_input_tokens) => setWhen({ max_input_tokens })}
          >
            {issue('when.max_input_tokens')}
          </NumberField>
          <NumberField
            label="Min input tokens"
            name="Min input tokens"
            value={when.min_input_tokens}
            onChange={(min_input_tokens) => setWhen({ min_input_tokens })}
          >
            {issue('when.min_input_tokens')}
          </NumberField>
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
          {issue('when.complexity')}
        </label>
        <div className="two">
          <label>
            Keywords (any, comma-separated)
            <input
              value={(when.keywords ?? []).join(', ')}
              onChange={(event) => setWhen({ keywords: parseList(event.target.value) })}
            />
            {issue('when.keywords')}
          </label>
          <label>
            Clients (comma-separated)
            <input
              value={(when.clients ?? []).join(', ')}
              onChange={(event) => setWhen({ clients: parseList(event.target.value) })}
            />
            {issue('when.clients')}
          </label>
        </div>
        <div className="two">
          <label>
            Agents (any: claude-code, codex, gemini-cli, opencode, aider, continue)
            <input
              value={(when.agent ?? []).join(', ')}
              onChange={(event) => setWhen({ agent: parseList(event.target.value) })}
            />
            {issue('when.agent')}
          </label>
          <label>
            Purposes (any: main, background, subagent, thinking, long_context)
            <input
              value={(when.purpose ?? []).join(', ')}
              onChange={(event) => setWhen({ purpose: parseList(event.target.value) })}
            />
            {issue('when.purpose')}
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
      <fieldset className="regions">
        <legend>Regions allowed for this route (none ticked: the global policy)</legend>
        <div className="toolbar">
          {regionChoices.map((region) => (
            <label key={region} className="check">
              <input
                type="checkbox"
                aria-label={`Region ${region}`}
                checked={policyRegions.includes(region)}
                onChange={(event) => {
                  const next = event.target.checked
                    ? [...policyRegions, region]
                    : policyRegions.filter((entry) => entry !== region);
                  onChange({ ...route, policy: next.length > 0 ? { regions: next } : undefined });
                }}
              />
              {region}
            </label>
          ))}
        </div>
        {issue('policy')}
      </fieldset>
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
          <CheckField
            label="Semantic cache"
            name="Semantic cache"
            checked={semantic.enabled}
            onChange={(enabled) => setCache({ semantic: { ...semantic, enabled } })}
          />
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
          <NumberField
            label="Minimum length"
            name="Minimum length"
            value={gates.min_length}
            onChange={(min_length) => setGates({ min_length })}
          />
          <CheckField
            label="Valid JSON (and the requested schema)"
            name="Valid JSON"
            checked={gates.json}
            onChange={(json) => setGates({ json })}
          />
          <NumberField
            label="Retries on the same target"
            name="Gate retries"
            value={gates.retries}
            onChange={(retries) => setGates({ retries })}
          />
          <NumberField
            label="Escalations"
            name="Gate escalations"
            value={gates.escalations}
            onChange={(escalations) => setGates({ escalations })}
          />
          <CheckField
            label="Hold streams back until they pass"
            name="Buffer streams"
            checked={gates.buffer_streams}
            onChange={(buffer_streams) => setGates({ buffer_streams })}
          />
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
    </fieldset>
  );
}
