import { describe, expect, it } from 'vitest';
import { createCapturedBodies, redactBody } from './captured-bodies.js';
import { openDatabase } from './open-database.js';

const hour = 3600_000;
const exchange = (requestId: string, createdAt: number) => ({
  requestId,
  createdAt,
  request: '{"model":"m"}',
  answer: '{"ok":true}',
  requestBytes: 13,
  answerBytes: 11,
});

describe('captured bodies', () => {
  it('drops bodies past their retention as new ones are saved', () => {
    let now = Date.UTC(2026, 10, 10);
    const bodies = createCapturedBodies(openDatabase(':memory:'), () => now);
    bodies.save(exchange('old', now - 3 * 24 * hour), 7);
    bodies.save(exchange('recent', now), 7);
    expect(bodies.has('old')).toBe(true);
    now += 5 * 24 * hour;
    bodies.save(exchange('new', now), 7);
    expect([bodies.has('old'), bodies.has('recent'), bodies.has('new')]).toEqual([false, true, true]);
    expect(bodies.get('new')).toEqual(exchange('new', now));
  });

  it('scrubs secrets always, and e-mail addresses, phone numbers and IPs when asked', () => {
    const secrets = (text: string) => text.replaceAll('hunter2-secret', '[redacted]');
    const text =
      'key hunter2-secret, mail bob@example.com, call +1 (555) 010-9999, host 10.0.0.12, v1.2.3, at 1770933883';
    expect(redactBody(text, 'secrets', secrets)).toBe(
      'key [redacted], mail bob@example.com, call +1 (555) 010-9999, host 10.0.0.12, v1.2.3, at 1770933883',
    );
    expect(redactBody(text, 'personal', secrets)).toBe(
      'key [redacted], mail [redacted], call [redacted], host [redacted], v1.2.3, at 1770933883',
    );
    expect(redactBody('call 555-010-9999 now', 'personal', secrets)).toBe('call [redacted] now');
  });
});
