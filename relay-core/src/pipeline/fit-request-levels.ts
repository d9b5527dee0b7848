import type { ReasoningEffort } from '../canonical/types.js';

/** Every effort level, lowest first: "steps" between levels are counted on this ladder. */
export const effortLadder: readonly ReasoningEffort[] = [
  'none',
  'minimal',
  'low',
  'medium',
  'high',
  'xhigh',
  'max',
];

/** The provider families whose reasoning parameters differ. */
export type ReasoningFamily = 'openai' | 'anthropic' | 'gemini' | 'bedrock';

/**
 * How a model takes reasoning: a level from a list (`none` in the list: it can be turned off), a
 * thinking budget in tokens, or no parameter at all.
 */
export type ReasoningStyle =
  | { kind: 'levels'; levels: readonly ReasoningEffort[] }
  | {
      kind: 'budget';
      /** Budgets below this are raised to it; above `max`, lowered. */
      min: number;
      max: number;
      /** A budget of 0 turns thinking off (else `none` is the smallest budget). */
      canTurnOff: boolean;
      /** The budget for each level. */
      byLevel: Readonly<Record<ReasoningEffort, number>>;
      /** Effort levels the model also takes beside a budget (Anthropic's `output_config.effort`). */
      effortLevels?: readonly ReasoningEffort[];
    }
  | { kind: 'unsupported' };

/** One model generation: the models whose id matches, and how they take reasoning. */
export interface ReasoningGeneration {
  family: ReasoningFamily;
  /** Tested against the model id, lower-cased, without a provider or region prefix. */
  match: RegExp;
  /** A name for explain and the README table. */
  label: string;
  style: ReasoningStyle;
}

const anthropicBudgets = {
  none: 0,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
  max: 65536,
};
const geminiBudgets = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
  max: 32768,
};
const levels = (...list: ReasoningEffort[]): ReasoningStyle => ({ kind: 'levels', levels: list });
const anthropicBudget = (effortLevels?: ReasoningEffort[]): ReasoningStyle => ({
  kind: 'budget',
  min: 1024,
  max: Number.POSITIVE_INFINITY,
  canTurnOff: true,
  byLevel: anthropicBudgets,
  ...(effortLevels ? { effortLevels } : {}),
});
const geminiBudget = (min: number, max: number, canTurnOff: boolean): ReasoningStyle => ({
  kind: 'budget',
  min,
  max,
  canTurnOff,
  byLevel: geminiBudgets,
});

/**
 * What each model generation accepts, from the providers' documentation; the first match wins,
 * and a family's last entry catches the models no earlier one names (newer ones, mostly). Kept
 * as data so the README's table and the tests read the same list.
 */
export const reasoningGenerations: readonly ReasoningGeneration[] = [
  { family: 'openai', match: /^gpt-5-pro/, label: 'GPT-5 pro', style: levels('high') },
  {
    family: 'openai',
    match: /^gpt-5\.\d+-pro/,
    label: 'GPT-5.2+ pro',
    style: levels('medium', 'high', 'xhigh'),
  },
  {
    family: 'openai',
    match: /^gpt-5\.1-codex-max/,
    label: 'GPT-5.1 codex max',
    style: levels('low', 'medium', 'high', 'xhigh'),
  },
  {
    family: 'openai',
    match: /^gpt-5(\.1)?-codex/,
    label: 'GPT-5 codex',
    style: levels('low', 'medium', 'high'),
  },
  { family: 'openai', match: /^gpt-5\.1/, label: 'GPT-5.1', style: levels('none', 'low', 'medium', 'high') },
  {
    family: 'openai',
    match: /^gpt-5\.\d+/,
    label: 'GPT-5.2 and later',
    style: levels('none', 'low', 'medium', 'high', 'xhigh'),
  },
  { family: 'openai', match: /^gpt-5/, label: 'GPT-5', style: levels('minimal', 'low', 'medium', 'high') },
  { family: 'openai', match: /^o\d/, label: 'o-series', style: levels('low', 'medium', 'high') },
  { family: 'openai', match: /gpt-oss/, label: 'gpt-oss', style: levels('low', 'medium', 'high') },
  { family: 'openai', match: /^grok-3-mini/, label: 'Grok 3 mini', style: levels('low', 'high') },
  {
    family: 'openai',
    match: /./,
    label: 'other OpenAI-compatible',
    style: levels('none', 'minimal', 'low', 'medium', 'high', 'xhigh'),
  },
  { family: 'anthropic', match: /claude-3-[^7]/, label: 'Claude 3 and 3.5', style: { kind: 'unsupported' } },
  {
    family: 'anthropic',
    match:
      /claude-(3-7-sonnet|sonnet-4-5|haiku-4-5|opus-4-1|(sonnet|opus)-4-\d{8}|(sonnet|opus)-4$|4-(sonnet|opus))/,
    label: 'Claude 3.7 to 4.5 (thinking budget)',
    style: anthropicBudget(),
  },
  {
    family: 'anthropic',
    match: /claude-opus-4-5/,
    label: 'Claude Opus 4.5 (budget and effort)',
    style: anthropicBudget(['low', 'medium', 'high']),
  },
  {
    family: 'anthropic',
    match: /claude-(opus|sonnet)-4-6/,
    label: 'Claude 4.6 (adaptive)',
    style: levels('none', 'low', 'medium', 'high', 'max'),
  },
  {
    family: 'anthropic',
    match: /./,
    label: 'Claude Opus 4.7 and later (adaptive)',
    style: levels('none', 'low', 'medium', 'high', 'xhigh', 'max'),
  },
  {
    family: 'gemini',
    match: /gemini-2\.5-pro/,
    label: 'Gemini 2.5 Pro',
    style: geminiBudget(128, 32768, false),
  },
  {
    family: 'gemini',
    match: /gemini-2\.5-flash-lite/,
    label: 'Gemini 2.5 Flash-Lite',
    style: geminiBudget(512, 24576, true),
  },
  {
    family: 'gemini',
    match: /gemini-[12]\./,
    label: 'Gemini 2.5 Flash and older',
    style: geminiBudget(1, 24576, true),
  },
  { family: 'gemini', match: /gemini-3-pro/, label: 'Gemini 3 Pro', style: levels('low', 'high') },
  {
    family: 'gemini',
    match: /gemini-\d+(\.\d+)?-flash/,
    label: 'Gemini 3 Flash and later Flash',
    style: levels('minimal', 'low', 'medium', 'high'),
  },
  { family: 'gemini', match: /./, label: 'Gemini 3.1 Pro and later', style: levels('low', 'medium', 'high') },
  {
    family: 'bedrock',
    match: /./,
    label: 'Bedrock models other than Claude',
    style: { kind: 'unsupported' },
  },
];

/** The model id the generation tables read: lower-case, without `provider/` or a Bedrock region. */
function bareModelId(model: string): string {
  const id = model.toLowerCase();
  return id.slice(id.lastIndexOf('/') + 1);
}

/** The generation a model belongs to in its family (Claude on Bedrock reads Anthropic's). */
export function reasoningGenerationOf(family: ReasoningFamily, model: string): ReasoningGeneration {
  const id = bareModelId(model);
  const lookup = family === 'bedrock' && id.includes('anthropic.') ? 'anthropic' : family;
  return reasoningGenerations.find(
    (generation) => generation.family === lookup && generation.match.test(id),
  )!;
}

/**
 * The level of `levels` nearest to `asked` on the ladder; between two as near, the higher one, so
 * a model is never asked to think less than it was when it can think as much.
 */
export function nearestLevel(asked: ReasoningEffort, levels: readonly ReasoningEffort[]): ReasoningEffort {
  const rank = effortLadder.indexOf(asked);
  let best = levels[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const level of levels) {
    const distance = Math.abs(effortLadder.indexOf(level) - rank);
    if (distance < bestDistance || (distance === bestDistance && effortLadder.indexOf(level) > rank)) {
      best = level;
      bestDistance = distance;
    }
  }
  return best;
}

/** The level a thinking budget asks for, by Anthropic's budgets (0: off; negative: the model decides). */
export function levelOfBudget(budget: number): ReasoningEffort {
  if (budget === 0) return 'none';
  if (budget < 0) return 'high';
  const fits = effortLadder.find((level) => level !== 'none' && budget <= anthropicBudgets[level] * 1.5);
  return fits ?? 'max';
}
