import { RelayError } from '../canonical/errors.js';
import { carryClientBody } from '../canonical/client-body.js';
import type { CanonicalRequest, ReasoningRequest } from '../canonical/types.js';
import type { CatalogEntry } from '../catalog/catalog-types.js';
import type { AdapterKind } from '../config/presets.js';
import type { ResolvedProvider } from '../providers/types.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import type { FitNote } from '../store/history-records.js';
import type { ReasoningFamily } from './fit-request-levels.js';
import { fitReasoning } from './fit-request-reasoning.js';
import type { RelayRuntime } from './relay-runtime.js';

/** What fitting knows of one target. */
export interface FitTarget {
  /** `provider/model`, for messages. */
  name: string;
  /** The upstream model id. */
  model: string;
  adapter: AdapterKind;
  /** The catalog's entry for the model at this provider (undefined: the catalog does not know it). */
  entry?: CatalogEntry;
}

/** The request to send to one target, and what was changed (or looked at and kept) and why. */
export interface FittedRequest {
  request: CanonicalRequest;
  notes: FitNote[];
}

const families: Record<AdapterKind, ReasoningFamily> = {
  'openai-compatible': 'openai',
  azure: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  bedrock: 'bedrock',
};

function sameReasoning(a: ReasoningRequest | undefined, b: ReasoningRequest | undefined): boolean {
  return a?.effort === b?.effort && a?.budgetTokens === b?.budgetTokens;
}

/**
 * An Anthropic client's `output_config` without its `effort`, for a target that is sent no effort:
 * it goes to an Anthropic upstream with the client's other unmodeled fields.
 */
function withoutEffort(unmodeled: Record<string, unknown>): Record<string, unknown> {
  const { effort: _effort, ...config } = unmodeled.output_config as Record<string, unknown>;
  const { output_config: _config, ...rest } = unmodeled;
  return Object.keys(config).length > 0 ? { ...rest, output_config: config } : rest;
}

/**
 * Fits a request to one target from the catalog, in one place for every adapter: an output limit
 * above the model's is clamped to it, and Anthropic (which requires one) is given the model's limit
 * when the client set none; reasoning goes only to models that reason, in the form and at the
 * nearest level the model takes (fit-request-reasoning.ts); tools go to a model the catalog says
 * takes none only when `tool_choice` is `none` (then left out), else the target refuses them (a
 * 400 naming `tools`, and the next target is tried). A model the catalog does not know keeps its
 * limits as asked: nothing is invented.
 *
 * The request itself is never changed (the cache key and other attempts read it): what differs is
 * a shallow copy. The copy keeps the client's body bytes only when its output limit is all that
 * differs, which the Anthropic adapter writes into them (providers/shared/replace-model.ts).
 */
export function fitRequest(request: CanonicalRequest, target: FitTarget): FittedRequest {
  const { entry } = target;
  const notes: FitNote[] = [];
  const changes: Partial<CanonicalRequest> = {};
  if (request.tools?.length && entry?.capabilities.tools === false) {
    if (request.toolChoice !== 'none')
      throw new RelayError(
        'BAD_REQUEST',
        `'tools' is not supported by ${target.name} (the catalog lists no tool support)`,
        { param: 'tools' },
      );
    Object.assign(changes, { tools: undefined, toolChoice: undefined, parallelToolCalls: undefined });
    notes.push({
      param: 'tools',
      change: 'left out',
      why: `${target.name} takes no tools; tool_choice is none`,
    });
  }
  const limit = entry?.maxOutput;
  let maxTokens = request.maxOutputTokens;
  if (limit !== undefined && maxTokens !== undefined && maxTokens > limit) {
    notes.push({
      param: 'max_tokens',
      change: 'clamped',
      from: maxTokens,
      to: limit,
      why: `${target.model} writes at most ${limit} tokens (catalog)`,
    });
    maxTokens = limit;
  } else if (limit !== undefined && maxTokens === undefined && target.adapter === 'anthropic') {
    notes.push({
      param: 'max_tokens',
      change: 'set',
      to: limit,
      why: `Anthropic requires one: ${target.model}'s limit (catalog)`,
    });
    maxTokens = limit;
  }
  // a thinking type newer than the relay goes to Anthropic as the client wrote it: Anthropic decides
  const reasoning =
    request.reasoning?.unmodeledForm && target.adapter === 'anthropic'
      ? { reasoning: request.reasoning, notes: [] }
      : fitReasoning(request.reasoning, {
          family: families[target.adapter],
          model: target.model,
          reasons: entry?.capabilities.reasoning,
          maxTokens,
          maxOutput: limit,
        });
  notes.push(...reasoning.notes);
  maxTokens = reasoning.maxTokens ?? maxTokens;
  if (maxTokens !== request.maxOutputTokens) changes.maxOutputTokens = maxTokens;
  if (!sameReasoning(reasoning.reasoning, request.reasoning)) changes.reasoning = reasoning.reasoning;
  const config = request.unmodeled?.output_config;
  if (
    target.adapter === 'anthropic' &&
    request.reasoning &&
    !reasoning.reasoning?.effort &&
    isPlainObject(config) &&
    config.effort !== undefined
  ) {
    changes.unmodeled = withoutEffort(request.unmodeled!);
    notes.push({
      param: 'output_config.effort',
      change: 'left out',
      from: String(config.effort),
      why: `${target.model} is sent no effort`,
    });
  }
  const changed = Object.keys(changes);
  if (changed.length === 0) return { request, notes };
  const fitted: Record<string, unknown> = { ...request, ...changes };
  for (const key of changed) if (fitted[key] === undefined) delete fitted[key];
  carryClientBody(
    request,
    fitted as unknown as CanonicalRequest,
    changed.length === 1 && changed[0] === 'maxOutputTokens',
  );
  return { request: fitted as unknown as CanonicalRequest, notes };
}

/** Fits a request to a configured target, with the catalog's entry for it. */
export function fitToTarget(
  runtime: Pick<RelayRuntime, 'catalogEntry'>,
  request: CanonicalRequest,
  { provider, model }: { provider: ResolvedProvider; model: string },
): FittedRequest {
  return fitRequest(request, {
    name: `${provider.id}/${model}`,
    model,
    adapter: provider.preset.adapter,
    entry: runtime.catalogEntry(provider, model),
  });
}
