import type { z } from 'zod';
import { RelayError } from '../canonical/errors.js';
import { formatIssuePath } from '../shared/format-issue-path.js';

/**
 * Validates a request body with a dialect's schema; the first problem becomes a 400 that names
 * the parameter the way the dialect's own API does (`messages[0].role`).
 */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  body: unknown,
  describe: (param: string, message: string) => string,
): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = formatIssuePath(issue.path);
  throw new RelayError('BAD_REQUEST', describe(param || 'body', issue.message), {
    param: param || undefined,
  });
}

/** OpenAI's wording for an invalid parameter. */
export const openAIInvalidValue = (param: string, message: string) =>
  `Invalid value for '${param}': ${message}`;
