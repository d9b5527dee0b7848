import type { ReasoningEffort, ReasoningRequest } from '../canonical/types.js';
import type { FitNote } from '../store/history-records.js';
import { levelOfBudget, nearestLevel, reasoningGenerationOf } from './fit-request-levels.js';
import type { ReasoningFamily, ReasoningStyle } from './fit-request-levels.js';

/** What reasoning fitting needs to know of a target. */
export interface ReasoningTarget {
  family: ReasoningFamily;
  model: string;
  /** The catalog's word on whether the model reasons (undefined: the catalog does not know it). */
  reasons?: boolean;
  /** The output limit the request will be sent with, when one is known. */
  maxTokens?: number;
  /** The most the model writes, when the catalog knows. */
  maxOutput?: number;
}

/** The reasoning to send (undefined: none), the output limit it needs, and what changed and why. */
export interface FittedReasoning {
  reasoning?: ReasoningRequest;
  /** Raised when a thinking budget would not fit below the request's output limit. */
  maxTokens?: number;
  notes: FitNote[];
}

/** Anthropic wants room for an answer beside the thinking budget; the same as its converter's default. */
const answerRoom = 8192;

function describe(reasoning: ReasoningRequest): string {
  return reasoning.effort ?? `budget ${reasoning.budgetTokens}`;
}

function leftOut(asked: ReasoningRequest, why: string): FittedReasoning {
  return { notes: [{ param: 'reasoning', change: 'left out', from: describe(asked), why }] };
}

function toLevels(
  asked: ReasoningRequest,
  levels: readonly ReasoningEffort[],
  label: string,
): FittedReasoning {
  const wanted = asked.effort ?? levelOfBudget(asked.budgetTokens ?? 0);
  const effort = nearestLevel(wanted, levels);
  const changed = asked.effort !== effort || asked.budgetTokens !== undefined;
  const note: FitNote = {
    param: 'reasoning',
    change: changed ? 'mapped' : 'kept',
    from: describe(asked),
    to: effort,
    why: `${label} takes ${levels.join('|')}`,
  };
  return { reasoning: { effort }, notes: [note] };
}

function toBudget(
  asked: ReasoningRequest,
  style: Extract<ReasoningStyle, { kind: 'budget' }>,
  label: string,
  target: ReasoningTarget,
): FittedReasoning {
  const wanted = asked.effort ?? levelOfBudget(asked.budgetTokens ?? 0);
  if (wanted === 'none' && style.canTurnOff)
    return leftOut(asked, `effort none turns ${label}'s thinking off`);
  let budget = asked.budgetTokens ?? style.byLevel[wanted];
  // a negative budget lets the model decide (Gemini's -1); Anthropic has no such budget
  if (budget < 0 && target.family === 'gemini') budget = -1;
  else budget = Math.min(style.max, Math.max(style.min, budget < 0 ? style.byLevel.high : budget));
  const notes: FitNote[] = [];
  let maxTokens = target.maxTokens;
  if (target.family !== 'gemini') {
    // Anthropic counts the thinking inside max_tokens and wants it below
    const limit = target.maxOutput ?? Number.POSITIVE_INFINITY;
    const room = maxTokens ?? Math.min(limit, answerRoom);
    if (budget >= room) {
      maxTokens = Math.min(limit, budget + answerRoom);
      if (budget >= maxTokens) budget = Math.max(style.min, maxTokens - answerRoom);
      notes.push({
        param: 'max_tokens',
        change: 'set',
        from: target.maxTokens,
        to: maxTokens,
        why: 'room for the answer beside the thinking budget',
      });
    }
  }
  const reasoning: ReasoningRequest = { budgetTokens: budget };
  if (style.effortLevels && asked.effort) reasoning.effort = nearestLevel(asked.effort, style.effortLevels);
  const changed =
    asked.budgetTokens !== budget || (asked.effort !== undefined && asked.effort !== reasoning.effort);
  notes.unshift({
    param: 'reasoning',
    change: changed ? 'mapped' : 'kept',
    from: describe(asked),
    to: `budget ${budget}${reasoning.effort ? `, effort ${reasoning.effort}` : ''}`,
    why: `${label} takes a thinking budget of ${style.min} to ${style.max === Number.POSITIVE_INFINITY ? 'max_tokens' : style.max} tokens`,
  });
  return { reasoning, notes, ...(maxTokens === target.maxTokens ? {} : { maxTokens }) };
}

/**
 * Fits a request's reasoning to its target: left out for a model the catalog says does not reason
 * (or whose provider takes no reasoning parameter for it), else the asked level or budget in the
 * form the model's generation takes (fit-request-levels.ts). A model the catalog does not know
 * keeps its reasoning, in its generation's form.
 */
export function fitReasoning(asked: ReasoningRequest | undefined, target: ReasoningTarget): FittedReasoning {
  if (!asked) return { notes: [] };
  if (target.reasons === false) return leftOut(asked, `${target.model} does not reason (catalog)`);
  const { style, label } = reasoningGenerationOf(target.family, target.model);
  if (style.kind === 'unsupported') return leftOut(asked, `${label} take no reasoning parameter`);
  if (style.kind === 'levels') return toLevels(asked, style.levels, label);
  return toBudget(asked, style, label, target);
}
