import type { Rewriter } from '../cache/rewriter.js';
import { askModel } from './ask-model.js';
import type { RelayRuntime } from './relay-runtime.js';

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
