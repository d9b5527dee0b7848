import { z } from 'zod';
import { catastrophicReason } from '../shared/check-pattern.js';

/**
 * A regular expression in config.yaml (gates' `forbidden`, routes' `when.regex`): it must compile,
 * and not have a shape whose failing match takes exponential time, for it runs on every answer or
 * request. Slower polynomial shapes pass; they run within a time budget (shared/match-pattern.ts).
 */
export const patternSchema = z.string().superRefine((value, context) => {
  try {
    new RegExp(value, 'i');
  } catch {
    context.addIssue({ code: 'custom', message: 'is not a valid regular expression' });
    return;
  }
  const reason = catastrophicReason(value);
  if (reason)
    context.addIssue({
      code: 'custom',
      message: `could freeze the relay: ${reason}; rewrite it without that shape`,
    });
});
