import type { CanonicalResponse } from '../canonical/types.js';
import { askModel } from '../pipeline/ask-model.js';
import type { SideCallPolicy } from '../pipeline/side-call-targets.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';

/** Adapts a cached answer to a new, similar question; returns the new answer and its cost. */
export type Rewriter = (
  model: string,
  question: string,
  cached: CanonicalResponse,
  /** The policy of the request the question comes from: the rewrite stays inside it. */
  policy: SideCallPolicy,
) => Promise<{ answer: CanonicalResponse; costUsd: number | null }>;

/** Whether an answer is plain text, the only kind a rewrite may touch (tool calls stay exact). */
export function isRewritable(answer: CanonicalResponse): boolean {
  return answer.content.length > 0 && answer.content.every((part) => part.type === 'text');
}

/** A rewriter that asks a (cheap) model through the relay's own providers. */
export function createRuntimeRewriter(runtime: RelayRuntime): Rewriter {
  return async (model, question, cached, policy) => {
    const original = cached.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const { answer, costUsd } = await askModel(
      runtime,
      model,
      `An answer written for a very similar question follows. Adapt it so it answers the new question exactly; keep its facts, length and format, and reply with the adapted answer only.\n\nNew question:\n${question}\n\nAnswer to adapt:\n${original}`,
      policy,
    );
    const text = answer.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    if (!text.trim()) throw new Error('the rewrite model answered with no text');
    return {
      answer: { ...cached, content: [{ type: 'text', text }], usage: answer.usage ?? cached.usage },
      costUsd,
    };
  };
}
