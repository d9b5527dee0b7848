import type { Target } from '../routing/resolve-targets.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import { assumedOutputTokens, orderTargets } from '../pipeline/order-targets.js';
import { planWithRuntime } from '../pipeline/route-request.js';
import { fitToTarget } from '../pipeline/fit-request.js';
import { targetKey } from '../routing/plan-targets.js';
import type { Exclusion } from '../routing/plan-targets.js';
import { describeRequest, explainConditions } from '../routing/match-route.js';
import type { ConditionVerdict, RequestFeatures } from '../routing/match-route.js';
import { readClientSignals } from '../routing/identify-agent.js';
import { openAIChatCodec } from '../dialects/openai-chat/openai-chat-codec.js';
import { estimateUsage } from '../tokens/estimate-tokens.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import type { CanonicalRequest } from '../canonical/types.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import type { FitNote } from '../store/history-records.js';
import type { AdminDeps } from './admin-deps.js';
import { keyHint } from './key-routes.js';
import { whyPicked } from './explain-pick.js';
import type { ExplainedTarget } from './explain-pick.js';
import { routeExtrasFor } from '../gates/route-extras.js';
import type { RouteExtras } from '../gates/route-extras.js';
import { planSideCall, sideCallPolicy } from '../pipeline/side-call-targets.js';

/** The routes of the requested name up to the one that matched, with each condition's verdict. */
function routeConditions(runtime: RelayRuntime, model: string, features: RequestFeatures) {
  const verdicts: Array<{ matched: boolean; conditions: ConditionVerdict[] }> = [];
  for (const route of runtime.routes.filter((candidate) => candidate.name === model)) {
    const conditions = explainConditions(route.when, features);
    const matched = conditions.every((verdict) => verdict.holds);
    verdicts.push({ matched, conditions });
    if (matched) break;
  }
  return verdicts;
}

/** What would be fitted for a target, or why it would refuse the request. */
function fittingFor(runtime: RelayRuntime, request: CanonicalRequest, target: Target) {
  try {
    return { notes: fitToTarget(runtime, request, target).notes };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/**
 * Which targets a request would go to, in order, with a predicted cost from the catalog and the
 * request's estimated tokens, what would be fitted for each (output limit clamped, reasoning left
 * out or mapped) and every excluded target with its reason; which conditions of the route matched
 * and what they read. The body is a Chat Completions request; `headers` (a user-agent, an agent's
 * marking headers) and `client` (a client key's name) say who would send it.
 */
export async function explainRouting(deps: AdminDeps, body: unknown) {
  const { headers, client, ...chat } = isPlainObject(body) ? body : ({} as Record<string, unknown>);
  const request = openAIChatCodec.parse(isPlainObject(body) ? chat : body);
  const { runtime } = deps;
  const signals = readClientSignals(isPlainObject(headers) ? (headers as Record<string, string>) : {});
  const features = describeRequest(
    request,
    typeof client === 'string' ? client : undefined,
    runtime.maxSimpleTokens,
    signals,
  );
  const targets = resolveTargets(request.model, runtime.providers, runtime.routes, runtime.serves, features);
  let plan: { eligible: Target[]; excluded: Exclusion[] };
  try {
    plan = planWithRuntime(runtime, targets, features);
    plan.eligible = orderTargets(
      runtime,
      plan.eligible,
      features,
      request.maxOutputTokens,
      Math.random,
      true,
    );
  } catch (error) {
    plan = { eligible: [], excluded: [{ target: '*', reason: (error as Error).message }] };
  }
  const estimate = await estimateUsage(request, { text: '', reasoning: '' });
  const assumedOutput = assumedOutputTokens(request.maxOutputTokens);
  const eligible: Array<
    ExplainedTarget & {
      provider: string;
      region: string;
      fitted: FitNote[];
      key: { name: string; keyHint: string } | null;
    }
  > = [];
  const excluded = [...plan.excluded];
  for (const target of plan.eligible) {
    // which of the provider's keys its strategy would use next (a weighted one: one draw)
    const { key, skipped } = await runtime.keys.choose(target.provider, { peek: true });
    if (key === undefined && !target.provider.preset.keyless) {
      const held = skipped.map((entry) => `${entry.name}: ${entry.reason}`).join('; ');
      excluded.push({
        target: targetKey(target),
        reason: skipped.length > 0 ? `no key is free (${held})` : 'no API key configured',
      });
      continue;
    }
    if (!runtime.adapterFor(target.provider, target.model)) {
      excluded.push({
        target: targetKey(target),
        reason: `the ${target.provider.preset.adapter} adapter is not in this build`,
      });
      continue;
    }
    const fitting = fittingFor(runtime, request, target);
    if (fitting.refused) {
      excluded.push({ target: targetKey(target), reason: `would refuse it: ${fitting.refused}` });
      continue;
    }
    const price = runtime.price(target.provider, target.model, { ...estimate, outputTokens: assumedOutput });
    eligible.push({
      target: targetKey(target),
      provider: target.provider.id,
      region: target.provider.region,
      predictedCostUsd: price.costUsd,
      unpriced: price.unpriced,
      /** From recorded latency; null until the target has answered once. */
      predictedLatencyMs: runtime.latency.predict(targetKey(target), assumedOutput) ?? null,
      /** What the request would be changed to fit this target (and what was looked at and kept). */
      fitted: fitting.notes as FitNote[],
      /** The provider key it would use: its name and last four characters, never the key. */
      key: key ? { name: key.name, keyHint: keyHint(key.key) } : null,
    });
  }
  const first = plan.eligible.find((target) => targetKey(target) === eligible[0]?.target);
  const weights = plan.eligible.filter((target) =>
    eligible.some((entry) => entry.target === targetKey(target)),
  );
  return {
    route: targets[0]?.route ?? null,
    strategy: targets[0]?.strategy ?? null,
    /** Why the first eligible target is picked, in the strategy's terms. */
    whyPicked: whyPicked({
      route: targets[0]?.route ?? null,
      strategy: targets[0]?.strategy ?? null,
      eligible,
      excludedCount: excluded.length,
      weight: {
        picked: first?.weight ?? 0,
        total: weights.reduce((sum, target) => sum + (target.weight ?? 0), 0),
      },
      ...(first?.hedgeDelayMs === undefined ? {} : { hedgeDelayMs: first.hedgeDelayMs }),
    }),
    /** The calls the request would make besides its attempts, and where each would go. */
    sideCalls: explainSideCalls(runtime, routeExtrasFor(runtime.routes, targets[0]?.route, features)),
    complexity: features.complexity,
    complexityReasons: features.complexityReasons,
    agent: features.agent ?? null,
    purposes: features.purposes,
    /** The routes of this name that were tried, in order, with each condition's verdict. */
    conditions: routeConditions(runtime, request.model, features),
    estimatedInputTokens: estimate.inputTokens,
    assumedOutputTokens: assumedOutput,
    eligible,
    excluded,
  };
}

/**
 * The calls a request of this route makes besides its attempts (the gate's evaluator, the
 * semantic cache's embedding and rewrite), and where each would go under the request's policy.
 */
function explainSideCalls(runtime: AdminDeps['runtime'], extras: RouteExtras | undefined) {
  const calls: Array<{ kind: 'evaluator' | 'embedding' | 'rewrite'; model: string }> = [];
  if (extras?.gates?.evaluator) calls.push({ kind: 'evaluator', model: extras.gates.evaluator.model });
  const semantic = runtime.cache?.settingsFor(extras)?.semantic;
  if (semantic?.enabled && semantic.embeddingModel) {
    calls.push({ kind: 'embedding', model: semantic.embeddingModel });
    if (semantic.rewriteModel) calls.push({ kind: 'rewrite', model: semantic.rewriteModel });
  }
  const policy = sideCallPolicy(runtime, extras);
  return calls.map(({ kind, model }) => {
    const plan = planSideCall(runtime, model, policy);
    return {
      kind,
      model,
      targets: plan.eligible.map((target) => ({
        target: targetKey(target),
        provider: target.provider.id,
        region: target.provider.region,
      })),
      excluded: plan.excluded,
    };
  });
}
