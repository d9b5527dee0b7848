import { RelayError } from '../canonical/errors.js';
import { askModel } from './ask-model.js';
import type { RelayRuntime } from './relay-runtime.js';
import type { Evaluator } from '../gates/run-gates.js';
import { visibleText } from '../gates/run-gates.js';

/** The first number in the evaluator's reply, as a 0–1 score (a 0–10 or 0–100 scale is scaled down). */
export function parseScore(reply: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(reply);
  if (!match) throw new RelayError('UPSTREAM_PROTOCOL_ERROR', 'the evaluator gave no score');
  const value = Number(match[0]);
  const scaled = value > 10 ? value / 100 : value > 1 ? value / 10 : value;
  return Math.min(1, Math.max(0, scaled));
}

/**
 * An evaluator that asks a model through the relay's own providers: the model's targets that the
 * request's policy allows, in order.
 */
export function createRuntimeEvaluator(runtime: RelayRuntime): Evaluator {
  return async (model, prompt, question, answer, policy) => {
    const { answer: reply, costUsd } = await askModel(
      runtime,
      model,
      `${prompt}\nReply with only a number from 0 (useless) to 1 (excellent).\n\nQuestion:\n${question}\n\nAnswer:\n${answer}`,
      policy,
    );
    return { score: parseScore(visibleText(reply)), costUsd };
  };
}
