import type { z } from 'zod';
import { RelayError } from '../../canonical/errors.js';
import { formatIssuePath } from '../../shared/format-issue-path.js';

/**
 * A client mistake in an OpenAI request, worded and coded as OpenAI words it ("Missing required
 * parameter: 'input[0].call_id'.", code `missing_required_parameter`): clients match on both.
 */
export class OpenAIRequestError extends RelayError {
  constructor(
    message: string,
    param: string | undefined,
    readonly openAICode: string,
  ) {
    super('BAD_REQUEST', message, param === undefined ? {} : { param });
  }

  override forClient(message: string, param: string | undefined): RelayError {
    return new OpenAIRequestError(message, param, this.openAICode);
  }
}

/** OpenAI's list of what a parameter takes: `'a', 'b', and 'c'`. */
function listValues(values: readonly unknown[]): string {
  const quoted = values.map((value) => `'${String(value)}'`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value;
}

/** OpenAI's words for one schema problem at `param` (undefined: the body itself). */
function wordIssue(issue: z.core.$ZodIssue, param: string | undefined, input: unknown): OpenAIRequestError {
  const at = param ?? 'body';
  const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : undefined;
  if (
    (issue.code === 'invalid_union' || issue.code === 'invalid_value') &&
    options &&
    typeof input === 'string'
  )
    return new OpenAIRequestError(
      `Invalid value: '${input}'. Supported values are: ${listValues(options)}.`,
      param,
      'invalid_value',
    );
  if (issue.code === 'invalid_type' && input === undefined)
    return new OpenAIRequestError(
      `Missing required parameter: '${at}'.`,
      param,
      'missing_required_parameter',
    );
  if (issue.code === 'invalid_type')
    return new OpenAIRequestError(
      `Invalid type for '${at}': expected ${describeExpected(issue.expected)}, but got ${describeType(input)} instead.`,
      param,
      'invalid_type',
    );
  return new OpenAIRequestError(`Invalid value for '${at}': ${issue.message}`, param, 'invalid_value');
}

function describeExpected(expected: string): string {
  if (expected === 'object' || expected === 'array') return `an ${expected}`;
  return expected === 'string' || expected === 'number' || expected === 'boolean'
    ? `a ${expected}`
    : expected;
}

/** The value at a schema issue's path. */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * Validates part of an OpenAI request (an input item, a tool) found at `at` (`input[3]`): the first
 * problem becomes a 400 naming its parameter in full, worded as OpenAI words it.
 */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, at: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = formatIssuePath(issue.path);
  const param = path === '' ? at : at === '' ? path : path.startsWith('[') ? `${at}${path}` : `${at}.${path}`;
  throw wordIssue(issue, param || undefined, valueAt(value, issue.path));
}
