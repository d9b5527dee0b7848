/** What a provider key test found: the key works, or what stands in the way, told apart. */
export type KeyTestKind =
  | 'ok'
  | 'offline'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'rejected'
  | 'wrong-url'
  | 'rate-limited'
  | 'server-error'
  | 'no-key'
  | 'unsupported';

export interface KeyTestResult {
  ok: boolean;
  kind: KeyTestKind;
  status?: number;
  message: string;
}

/** The error codes of a failed fetch, its own and its causes' (undici wraps the socket's error). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const { code, name } = cause as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    cause = (cause as { cause?: unknown }).cause;
  }
  return codes;
}

const tlsCode = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

/** A test that never got an answer: offline, a name that does not resolve, nothing listening, TLS, time. */
export function classifyUnanswered(error: unknown, url: string): KeyTestResult {
  const codes = codesOf(error);
  const { host, protocol } = new URL(url);
  const has = (...names: string[]) => names.some((name) => codes.includes(name));
  if (has('ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EAI_AGAIN'))
    return {
      ok: false,
      kind: 'offline',
      message: `the network is unreachable from this machine (${codes[codes.length - 1] ?? 'no route'}): check the connection, then test again`,
    };
  if (has('ENOTFOUND'))
    return {
      ok: false,
      kind: 'dns',
      message: `the name ${host} does not resolve (DNS): check the base URL's host name`,
    };
  if (has('ECONNREFUSED', 'ECONNRESET'))
    return {
      ok: false,
      kind: 'refused',
      message: `nothing answers at ${protocol}//${host}: the server is not running there, or the base URL's host or port is wrong`,
    };
  if (codes.some((code) => tlsCode.test(code)))
    return {
      ok: false,
      kind: 'tls',
      message: `the TLS connection to ${host} failed (${codes.find((code) => tlsCode.test(code))}): a certificate problem, or http:// and https:// mixed up in the base URL`,
    };
  if (has('TimeoutError', 'AbortError', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT'))
    return { ok: false, kind: 'timeout', message: `${host} did not answer in time` };
  return {
    ok: false,
    kind: 'refused',
    message: `could not reach ${host}: ${(error as Error).message}`,
  };
}

/** A test the provider answered: the key works, is refused, or the base URL points elsewhere. */
export function classifyAnswer(status: number, body: string, url: string): KeyTestResult {
  const models = listedModels(body);
  if (status === 401 || status === 403)
    return {
      ok: false,
      kind: 'rejected',
      status,
      message: `the provider refused the key (HTTP ${status}): paste it again, or check that it is active and for this provider`,
    };
  if (status === 404 || status === 405)
    return {
      ok: false,
      kind: 'wrong-url',
      status,
      message: `no model list at ${url} (HTTP ${status}): the base URL looks wrong (a missing or extra /v1?)`,
    };
  if (status === 429)
    return {
      ok: false,
      kind: 'rate-limited',
      status,
      message: 'the provider took the key but is rate limiting it now (HTTP 429): test again later',
    };
  if (status >= 500)
    return {
      ok: false,
      kind: 'server-error',
      status,
      message: `the provider failed (HTTP ${status}): try later`,
    };
  if (status >= 200 && status < 300 && models === undefined)
    return {
      ok: false,
      kind: 'wrong-url',
      status,
      message: `${url} answered, but not with a model list: the base URL points at something else than the provider's API`,
    };
  if (status >= 200 && status < 300)
    return { ok: true, kind: 'ok', status, message: `the key works (${models} models listed)` };
  return { ok: false, kind: 'wrong-url', status, message: `${url} answered HTTP ${status}` };
}

/** How many models a /models answer lists, or undefined when it is not such a list. */
function listedModels(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { data?: unknown; models?: unknown };
    const list = parsed.data ?? parsed.models;
    return Array.isArray(list) ? list.length : undefined;
  } catch {
    return undefined;
  }
}
