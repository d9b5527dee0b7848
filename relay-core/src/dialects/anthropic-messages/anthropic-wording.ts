import type { z } from 'zod';
import { RelayError } from '../../canonical/errors.js';

// Anthropic validates requests with pydantic and words a refusal `<path>: <what pydantic says>`,
// the path dotted (`messages.1.content.0.type`). Clients match these words to fall back (Claude
// Code resends a mid-conversation system message as user text, drops a PDF, retries without a
// beta), so the relay's own refusals of an Anthropic client use them too.

/** A parameter's path as Anthropic names it: `messages.1.content.0`. */
export function anthropicPath(...path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** `'a', 'b' or 'c'`, as pydantic lists the values it expected. */
function listValues(values: readonly unknown[]): string {
  const quoted = values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value)));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

const typeNames: Record<string, string> = {
  string: 'a valid string',
  number: 'a valid number',
  int: 'a valid integer',
  boolean: 'a valid boolean',
  object: 'a valid dictionary',
  array: 'a valid list',
};

/** Pydantic's words for one schema issue. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return 'Field required';
      return `Input should be ${typeNames[issue.expected] ?? `a valid ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `List should have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'} after validation`;
      if (issue.origin === 'string') return `String should have at least ${String(issue.minimum)} character`;
      return `Input should be greater than${issue.inclusive ? ' or equal to' : ''} ${String(issue.minimum)}`;
    case 'too_big':
      return `Input should be less than${issue.inclusive ? ' or equal to' : ''} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `Input should be ${listValues(issue.values)}`;
    default:
      return issue.message;
  }
}

/**
 * Validates `value` with `schema`; the first problem is a 400 worded as Anthropic words it, at
 * `prefix` followed by the problem's own path.
 */
export function parseAnthropicWire<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: readonly PropertyKey[] = [],
): z.infer<T> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [...prefix, ...issue.path];
  const empty = issue.code === 'too_small' && anthropicPath(...path) === 'messages';
  throw anthropicRefusal(path, empty ? 'at least one message is required' : describeIssue(issue));
}

/** A 400 for the parameter at `path`, worded `<path>: <message>`. */
export function anthropicRefusal(path: readonly PropertyKey[], message: string): RelayError {
  const param = anthropicPath(...path);
  return new RelayError('BAD_REQUEST', param ? `${param}: ${message}` : message, {
    param: param || undefined,
  });
}

/** Anthropic's words for a `type` it has no schema for (a block, a tool, a source). */
export function unknownTag(tag: unknown, expected: readonly string[]): string {
  const list = expected.length > 0 ? `: ${expected.map((name) => `'${name}'`).join(', ')}` : '';
  return `Input tag '${String(tag)}' found using 'type' does not match any of the expected tags${list}`;
}
