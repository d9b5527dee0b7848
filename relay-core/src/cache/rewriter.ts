import type { CanonicalResponse } from '../canonical/types.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';

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
