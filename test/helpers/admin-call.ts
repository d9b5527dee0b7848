/**
 * Calls a relay's admin API with its token and returns the parsed JSON answer, whatever the
 * status: a GET without a body, a POST with one.
 */
export async function adminCall<T = Record<string, unknown>>(
  relay: { url: string; adminToken: string },
  path: string,
  body?: unknown,
): Promise<T> {
  return (await adminReply<T>(relay, path, body)).body;
}

/** Like adminCall, with the status and the raw text beside the parsed answer (for a refusal, or a leak check). */
export async function adminReply<T = Record<string, unknown>>(
  relay: { url: string; adminToken: string },
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}
