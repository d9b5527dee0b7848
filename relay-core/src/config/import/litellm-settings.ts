import type { ImportPlanBuilder, ImportedRoute } from './import-plan.js';

type Strategy = NonNullable<ImportedRoute['strategy']>;

/** The model_info key that carries a provider's id through LiteLLM and back (LiteLLM ignores it). */
export const providerInfoKey = 'switchboard_provider';

/** LiteLLM's `routing_strategy` → ours, both ways where one exists. */
export const litellmStrategies: Record<string, Strategy> = {
  'simple-shuffle': 'weighted',
  'latency-based-routing': 'fastest',
  'cost-based-routing': 'cheapest',
};

/** The route strategy for a group of several deployments under LiteLLM's `routing_strategy`. */
export function routeStrategyOf(builder: ImportPlanBuilder, value: unknown): Strategy {
  if (value === undefined) return 'weighted';
  const strategy = typeof value === 'string' ? litellmStrategies[value] : undefined;
  if (strategy) return strategy;
  builder.untranslated(
    `router_settings.routing_strategy '${String(value)}' has no equivalent: groups of several deployments are weighted`,
  );
  return 'weighted';
}

/** LiteLLM durations (`30d`, `1d`, `24h`, `1mo`) as the relay's budget periods. */
function periodOf(duration: unknown): 'day' | 'month' | undefined {
  if (typeof duration !== 'string') return undefined;
  const match = /^(\d+)\s*(s|m|h|d|mo)$/.exec(duration.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2];
  if ((unit === 'd' && amount === 1) || (unit === 'h' && amount === 24)) return 'day';
  if ((unit === 'd' && amount >= 28 && amount <= 31) || (unit === 'mo' && amount === 1)) return 'month';
  return undefined;
}

/** The client every relay creates at first start; a relay-wide LiteLLM budget lands on it. */
export const budgetClient = 'default';

/** `litellm_settings.max_budget` (+ `budget_duration`) → a spend limit on the `default` client. */
export function addBudget(builder: ImportPlanBuilder, settings: Record<string, unknown>): void {
  const budget = typeof settings.max_budget === 'number' ? settings.max_budget : undefined;
  if (budget === undefined) return;
  const period =
    periodOf(settings.budget_duration) ?? (settings.budget_duration === undefined ? 'month' : undefined);
  if (!period) {
    builder.untranslated(
      `litellm_settings.budget_duration '${String(settings.budget_duration)}': budgets here are per day or per month`,
    );
    return;
  }
  builder.plan.clients.push({
    name: budgetClient,
    [period === 'day' ? 'spend_per_day_usd' : 'spend_per_month_usd']: budget,
  });
  builder.note(
    `litellm_settings.max_budget: $${budget} per ${period} on client key '${budgetClient}' (the relay has no relay-wide budget; give other client keys their own under clients:)`,
  );
}
