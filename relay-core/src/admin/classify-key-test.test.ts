import { describe, expect, it } from 'vitest';
import { classifyAnswer, classifyUnanswered } from './classify-key-test.js';

/** A failed fetch as undici reports it: a TypeError whose cause is the socket's error. */
const failed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const url = 'https://api.example.com/v1/models';

describe('a provider key test', () => {
  it('tells offline, DNS, refused, TLS and timeouts apart when nothing answered', () => {
    const kind = (error: unknown) => classifyUnanswered(error, url).kind;
    expect(kind(failed('ENETUNREACH'))).toBe('offline');
    expect(kind(failed('EAI_AGAIN'))).toBe('offline');
    expect(kind(failed('ENOTFOUND'))).toBe('dns');
    expect(kind(failed('ECONNREFUSED'))).toBe('refused');
    expect(kind(failed('CERT_HAS_EXPIRED'))).toBe('tls');
    expect(kind(failed('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('tls');
    expect(kind(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(classifyUnanswered(failed('ENOTFOUND'), url).message).toContain(
      'api.example.com does not resolve',
    );
  });

  it('tells a refused key from a wrong base URL when the provider answered', () => {
    expect(classifyAnswer(401, '{"error":{}}', url).kind).toBe('rejected');
    expect(classifyAnswer(403, '', url).kind).toBe('rejected');
    expect(classifyAnswer(404, 'Not Found', url).kind).toBe('wrong-url');
    expect(classifyAnswer(200, '<!doctype html><title>Router</title>', url).kind).toBe('wrong-url');
    expect(classifyAnswer(429, '', url).kind).toBe('rate-limited');
    expect(classifyAnswer(503, '', url).kind).toBe('server-error');
    expect(classifyAnswer(200, '{"data":[{"id":"a"},{"id":"b"}]}', url)).toEqual({
      ok: true,
      kind: 'ok',
      status: 200,
      message: 'the key works (2 models listed)',
    });
  });
});
