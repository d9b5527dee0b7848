import { z } from 'zod';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { GatesConfig } from '../config/cache-gates-schema.js';
import type { GateRecord } from '../store/history-records.js';
import { findPattern } from '../shared/match-pattern.js';
import type { SideCallPolicy } from '../routing/side-call-policy.js';

/** Scores an answer from 0 to 1 with a model (see createRuntimeEvaluator). */
/** Scores an answer 0–1 with a model; `costUsd` is what asking cost (null: unpriced). */
export type Evaluator = (
  model: string,
  prompt: string,
  question: string,
  answer: string,
  /** The policy of the request being gated: its content stays inside it. */
  policy: SideCallPolicy,
) => Promise<{ score: number; costUsd: number | null }>;

/** The visible answer: text, or the arguments of its tool calls. */
export function visibleText(answer: CanonicalResponse): string {
  return answer.content
    .map((part) => (part.type === 'text' ? part.text : part.type === 'tool_call' ? part.arguments : ''))
    .join('');
}

function textOnly(answer: CanonicalResponse): string {
  return answer.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function lastUserText(request: CanonicalRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role !== 'user') continue;
    return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  }
  return '';
}

const schemaCache = new WeakMap<object, z.ZodType | Error>();

function compiledSchema(schema: Record<string, unknown>): z.ZodType | Error {
  let compiled = schemaCache.get(schema);
  if (!compiled) {
    try {
      compiled = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      compiled = error instanceof Error ? error : new Error(String(error));
    }
    schemaCache.set(schema, compiled);
  }
  return compiled;
}

function jsonGates(request: CanonicalRequest, text: string): GateRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ gate: 'json', passed: false, detail: `not valid JSON: ${(error as Error).message}` }];
  }
  const results: GateRecord[] = [{ gate: 'json', passed: true }];
  const format = request.responseFormat;
  if (format?.type === 'json_schema') {
    const schema = compiledSchema(format.schema);
    if (schema instanceof Error) {
      results.push({ gate: 'json_schema', passed: false, detail: `schema not checkable: ${schema.message}` });
    } else {
      const checked = schema.safeParse(value);
      const issue = checked.success ? undefined : checked.error.issues[0];
      results.push(
        issue
          ? {
              gate: 'json_schema',
              passed: false,
              detail: `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`,
            }
          : { gate: 'json_schema', passed: true },
      );
    }
  }
  return results;
}

/**
 * Runs a route's quality gates on one answer, cheapest first; the evaluator model is asked only
 * when every other gate passed. Returns every verdict, to be recorded on the attempt.
 */
export async function runGates(
  gates: GatesConfig,
  request: CanonicalRequest,
  answer: CanonicalResponse,
  evaluate: Evaluator | undefined,
  /** The request's data-residency policy, which the evaluator keeps to. */
  policy: SideCallPolicy,
): Promise<GateRecord[]> {
  const text = visibleText(answer);
  const results: GateRecord[] = [];
  if (gates.min_length !== undefined) {
    const length = text.trim().length;
    results.push(
      length >= gates.min_length
        ? { gate: 'min_length', passed: true }
        : {
            gate: 'min_length',
            passed: false,
            detail: `${length} characters, fewer than ${gates.min_length}`,
          },
    );
  }
  // a tool call is not the answer's JSON: its arguments are checked by the client's tool schema
  const hasText = answer.content.some((part) => part.type === 'text');
  const toolCalls = answer.content.some((part) => part.type === 'tool_call');
  if (gates.json && (hasText || !toolCalls)) results.push(...jsonGates(request, textOnly(answer).trim()));
  if (gates.forbidden) {
    const { matched, skipped } = findPattern(gates.forbidden, text);
    // a pattern that ran out of its time budget is not a verdict on the answer
    const notChecked =
      skipped.length > 0 ? `not checked (too slow): ${skipped.map((p) => `/${p}/i`).join(', ')}` : '';
    results.push(
      matched === undefined
        ? { gate: 'forbidden', passed: true, ...(notChecked ? { detail: notChecked } : {}) }
        : { gate: 'forbidden', passed: false, detail: `matches /${matched}/i` },
    );
  }
  if (gates.evaluator && evaluate && results.every((result) => result.passed)) {
    const { model, prompt, threshold } = gates.evaluator;
    try {
      const { score, costUsd } = await evaluate(model, prompt, lastUserText(request), text, policy);
      results.push({ gate: 'evaluator', passed: score >= threshold, detail: `score ${score}`, costUsd });
    } catch (error) {
      // an evaluator that cannot answer does not block the route's answers
      results.push({ gate: 'evaluator', passed: true, detail: `not scored: ${(error as Error).message}` });
    }
  }
  return results;
}

/** True when every gate passed. */
export function gatesPassed(results: readonly GateRecord[]): boolean {
  return results.every((result) => result.passed);
}
