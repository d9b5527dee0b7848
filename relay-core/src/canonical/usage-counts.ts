import type { Usage, UsageCount } from './types.js';

/** A count as a provider may write it: a number, null, or nothing. */
export type WireCount = number | null | undefined;

/** A wire count the relay can take as reported: a finite number, not negative. */
export function readCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The optional counts of a usage, keeping only those given: a count the provider did not report
 * stays out, rather than becoming a 0 that would claim it.
 */
export function knownCounts(
  counts: Partial<Record<Exclude<UsageCount, 'inputTokens' | 'outputTokens'>, WireCount>>,
): Partial<Usage> {
  const known: Partial<Usage> = {};
  for (const name in counts) {
    const count = readCount(counts[name as keyof typeof counts]);
    if (count !== undefined) known[name as UsageCount] = count;
  }
  return known;
}

/** What the relay knows of one count: the provider reported it, the relay estimated it, or neither. */
export function countState(usage: Usage | undefined, name: UsageCount): 'reported' | 'estimated' | 'absent' {
  if (usage?.[name] === undefined) return 'absent';
  return usage.estimated?.includes(name) ? 'estimated' : 'reported';
}

/** The input neither read from nor written to a prompt cache (Anthropic's `input_tokens`). */
export function uncachedInputTokens(usage: Usage): number {
  return Math.max(0, usage.inputTokens - (usage.cacheReadTokens ?? 0) - (usage.cacheWriteTokens ?? 0));
}

/** The output that is not reasoning (Gemini's `candidatesTokenCount`). */
export function visibleOutputTokens(usage: Usage): number {
  return Math.max(0, usage.outputTokens - (usage.reasoningTokens ?? 0));
}

/** The counts that describe the prompt: known once the upstream starts answering. */
const inputSide: readonly UsageCount[] = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'inputAudioTokens',
  'inputImageTokens',
];

/** The prompt's counts of a usage, with nothing generated yet: what an answer's start can report. */
export function promptUsage(usage: Usage): Usage {
  const start: Usage = { inputTokens: usage.inputTokens, outputTokens: 0 };
  for (const name of inputSide) if (usage[name] !== undefined) start[name] = usage[name];
  return start;
}

/**
 * The usage of an answer that ended before its upstream reported the final figures (a stream cut
 * short): the prompt's counts the upstream reported as it began, and the relay's estimate of what
 * was generated. Without a start report, the estimate stands alone.
 */
export function completeUsage(start: Usage | undefined, estimate: Usage): Usage {
  if (!start) return estimate;
  const usage: Usage = { ...promptUsage(start), outputTokens: estimate.outputTokens };
  if (estimate.reasoningTokens !== undefined) usage.reasoningTokens = estimate.reasoningTokens;
  const estimated = (estimate.estimated ?? []).filter((name) => !inputSide.includes(name));
  return { ...usage, estimated };
}
