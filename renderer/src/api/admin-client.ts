/** A failed admin call: `status` is the HTTP status, 0 when the relay did not answer at all. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** Error bodies come in the relay's OpenAI shape; anything else falls back to the status line. */
function errorMessage(response: Response, body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : `HTTP ${response.status} ${response.statusText}`.trim();
}

/** A config edit the relay refused (HTTP 422): its issues are the answer the forms show. */
function isRefusedEdit(body: unknown): boolean {
  const reply = body as { ok?: unknown; issues?: unknown } | undefined;
  return reply?.ok === false && Array.isArray(reply.issues);
}

/**
 * GET on the relay's admin API. Same origin as the page (the relay serves /ui), so no CORS is
 * involved; the admin token rides in the Authorization header, never in the URL.
 */
export async function adminGet<T>(path: string, token: string | undefined): Promise<T> {
  return adminCall<T>('GET', path, token);
}

/** POST of a JSON body on the relay's admin API. */
export async function adminPost<T>(path: string, token: string | undefined, body: unknown): Promise<T> {
  return adminCall<T>('POST', path, token, body);
}

async function adminCall<T>(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    response = await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new AdminApiError(0, 'The relay is not answering. Is it still running?');
  }
  if (!response.ok) {
    const failure: unknown = await response.json().catch(() => undefined);
    if (response.status === 422 && isRefusedEdit(failure)) return failure as T;
    throw new AdminApiError(response.status, errorMessage(response, failure));
  }
  return (await response.json()) as T;
}
