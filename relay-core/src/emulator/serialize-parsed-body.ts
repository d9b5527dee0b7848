type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of `object` with `first` keys (those present) in that order, then the others as they were. */
function withKeyOrder(object: { [key: string]: Json }, first: string[]): { [key: string]: Json } {
  const keys = [
    ...first.filter((key) => key in object),
    ...Object.keys(object).filter((k) => !first.includes(k)),
  ];
  return Object.fromEntries(keys.map((key) => [key, object[key]!]));
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Error bodies in the key order the providers send (vcrpy cassettes store keys sorted):
 * OpenAI-style `{error:{message,type,param,code}}`, Anthropic-style `{type,error:{type,message},request_id}`.
 */
function restoreErrorKeyOrder(body: Json): Json {
  if (!isObject(body) || !isObject(body.error)) return body;
  if (body.type === 'error') {
    const error = withKeyOrder(body.error, ['type', 'message']);
    return withKeyOrder({ ...body, error }, ['type', 'error', 'request_id']);
  }
  return withKeyOrder({ ...body, error: withKeyOrder(body.error, ['message', 'type', 'param', 'code']) }, [
    'error',
  ]);
}

/**
 * Serialises a body a cassette stored parsed (`parsed_body`), as close to the bytes the provider
 * sent as can be proven: of compact and two-space-indented JSON, with or without a final newline,
 * the one whose length equals the recorded content-length (compact when none was recorded).
 */
export function serializeParsedBody(parsed: unknown, contentLength: number | undefined): string {
  const body = restoreErrorKeyOrder(parsed as Json);
  const compact = JSON.stringify(body);
  const indented = JSON.stringify(body, null, 2);
  const candidates = [compact, `${compact}\n`, indented, `${indented}\n`];
  return candidates.find((text) => Buffer.byteLength(text) === contentLength) ?? compact;
}
