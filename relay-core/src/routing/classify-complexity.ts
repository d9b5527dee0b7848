/** Words that ask for careful thought rather than a quick answer. */
const reasoningCues =
  /\b(prove|proof|step[- ]by[- ]step|think (it )?through|analy[sz]e|derive|debug|refactor|optimi[sz]e|architect(ure)?|trade-?offs?|explain why|root cause|compare|evaluate|design a)\b/i;
/** Code: a fence, or lines that look like a program. */
const codeSigns =
  /```|^\s*(def |class |function |import |from \S+ import |#include|public |const |let |fn |SELECT )|[;{}]\s*$/m;

/** Above this estimated input a request counts as complex (config.yaml `auto.max_simple_tokens`). */
export const defaultMaxSimpleTokens = 2000;

/** What the classifier looks at: a part of a request's routing features. */
export interface ComplexitySignals {
  /** A quick estimate of the input's tokens. */
  inputTokens: number;
  tools: boolean;
  reasoning: boolean;
  lastUserText: string;
}

/**
 * The built-in `auto` route's classifier: a request is complex when it is long, uses tools, carries
 * code, asks for reasoning effort, or its last user message has reasoning cues; otherwise simple.
 * Cheap by design (no tokenizer, no model call): it runs on every request to `auto`.
 */
export function classifyComplexity(
  features: ComplexitySignals,
  maxSimpleTokens = defaultMaxSimpleTokens,
): { complexity: 'simple' | 'complex'; reasons: string[] } {
  const reasons: string[] = [];
  if (features.inputTokens > maxSimpleTokens)
    reasons.push(`about ${features.inputTokens} input tokens (over ${maxSimpleTokens})`);
  if (features.tools) reasons.push('uses tools');
  if (features.reasoning) reasons.push('asks for reasoning effort');
  if (codeSigns.test(features.lastUserText)) reasons.push('contains code');
  const cue = reasoningCues.exec(features.lastUserText);
  if (cue) reasons.push(`reasoning cue '${cue[0]}'`);
  return { complexity: reasons.length > 0 ? 'complex' : 'simple', reasons };
}
