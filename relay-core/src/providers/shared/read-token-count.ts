import { RelayError } from '../../canonical/errors.js';
import { parseUpstreamJson } from './parse-upstream-json.js';
import { readBodyText } from './send-upstream.js';
import type { UpstreamReply } from './send-upstream.js';

/** The token count in a counting endpoint's answer (`field` names it), checked to be a count. */
export async function readTokenCount(reply: UpstreamReply, provider: string, field: string): Promise<number> {
  const wire = parseUpstreamJson<Record<string, unknown>>(
    await readBodyText(reply, provider),
    provider,
    'body',
  );
  const count = wire?.[field];
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
  throw new RelayError('UPSTREAM_PROTOCOL_ERROR', `${provider}: upstream token count has no ${field}`, {
    provider,
  });
}
