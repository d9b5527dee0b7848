import type { RequestDetail } from '../api/admin-types.js';
import type { ColumnRun } from './stream-chat.js';

/** A model's prices, USD per token, or that it has none. */
export type ModelPrice = { input: number; output: number } | 'unpriced';

/** A number and where it comes from: the provider, the relay's record, or this page's estimate. */
export interface Measured {
  value: number;
  /** `estimated`: counted here from the text so far; `relay estimate`: the relay counted it. */
  source: 'reported' | 'recorded' | 'estimated' | 'relay estimate';
}

/** What a column shows while its answer streams and after. */
export interface ColumnMetrics {
  elapsedMs?: number;
  inputTokens?: Measured;
  outputTokens?: Measured;
  /** Output tokens per second after the first token; undefined while too short to measure. */
  tokensPerSecond?: number;
  cost?: Measured | 'unpriced';
}

/** Below this much streaming time a rate is noise (a replay arrives in a few milliseconds). */
export const minRateWindowMs = 250;

/** Tokens in a text as the page estimates them before the provider reports: about 4 characters each. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * A column's elapsed time, tokens, tokens per second and cost: from the relay's record once it
 * has one (the same source for tokens and cost), else from the provider's usage chunk, else
 * estimated from the prompt and the text so far, marked as such.
 */
export function columnMetrics(
  run: ColumnRun,
  detail: RequestDetail | undefined,
  price: ModelPrice | undefined,
  promptText: string,
  now: number,
): ColumnMetrics {
  const elapsedMs =
    run.totalMs ??
    (run.status === 'running' && run.startedAt !== undefined ? now - run.startedAt : undefined);
  let inputTokens: Measured | undefined;
  let outputTokens: Measured | undefined;
  if (detail && (detail.inputTokens !== undefined || detail.outputTokens !== undefined)) {
    const source = detail.usageEstimated ? 'relay estimate' : 'reported';
    inputTokens = detail.inputTokens === undefined ? undefined : { value: detail.inputTokens, source };
    outputTokens = detail.outputTokens === undefined ? undefined : { value: detail.outputTokens, source };
  } else if (run.outputTokens !== undefined || run.inputTokens !== undefined) {
    inputTokens = run.inputTokens === undefined ? undefined : { value: run.inputTokens, source: 'reported' };
    outputTokens =
      run.outputTokens === undefined ? undefined : { value: run.outputTokens, source: 'reported' };
  } else if (run.status !== 'idle' && run.status !== 'error') {
    inputTokens = { value: estimateTokens(promptText), source: 'estimated' };
    outputTokens = { value: estimateTokens(run.text), source: 'estimated' };
  }
  const streamingMs =
    elapsedMs !== undefined && run.ttftMs !== undefined ? elapsedMs - run.ttftMs : undefined;
  const tokensPerSecond =
    outputTokens && streamingMs !== undefined && streamingMs >= minRateWindowMs
      ? (outputTokens.value / streamingMs) * 1000
      : undefined;
  let cost: ColumnMetrics['cost'];
  if (detail)
    cost = detail.unpriced
      ? 'unpriced'
      : detail.costUsd == null
        ? undefined
        : { value: detail.costUsd, source: 'recorded' };
  else if (price === 'unpriced') cost = 'unpriced';
  else if (price && (inputTokens || outputTokens))
    cost = {
      value: (inputTokens?.value ?? 0) * price.input + (outputTokens?.value ?? 0) * price.output,
      source: 'estimated',
    };
  return { elapsedMs, inputTokens, outputTokens, tokensPerSecond, cost };
}
