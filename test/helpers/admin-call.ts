/**
 * Calls a relay's admin API with its token and returns the parsed JSON answer, whatever the
 * status: a GET without a body, a POST with one.
 */
export async function adminCall<T = Record<string, unknown>>(
  relay: { url: string; adminToken: string },
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}
