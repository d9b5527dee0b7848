import { describe, expect, it } from 'vitest';
import { providerKey, useHarness } from '../helpers/relay-harness.js';

// Optional capture of request and answer bodies (config.yaml `history.capture`), for the History
// drawer: off by default, cut at a size, scrubbed, deletable.
const harness = useHarness();

async function admin<T>(path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

interface Bodies {
  request: string;
  answer: string;
  requestBytes: number;
  answerBytes: number;
}

/** The captured bodies of a request, once the relay has written them (after its response closed). */
async function bodiesOf(id: string): Promise<Bodies> {
  await harness.waitForRequest(id);
  let found: { status: number; body: Bodies } | undefined;
  await expect
    .poll(async () => (found = await admin<Bodies>(`/admin/history/bodies?id=${id}`)).status)
    .toBe(200);
  return found!.body;
}

async function ask(content: string, stream = false): Promise<string> {
  const response = await harness.openai.chat.completions
    .create({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content }], stream })
    .withResponse();
  if (stream) for await (const _chunk of response.data as AsyncIterable<unknown>);
  return response.response.headers.get('x-relay-request-id')!;
}

describe('capturing request and answer bodies', () => {
  it('keeps nothing while capture is off, the default', async () => {
    const id = await ask('hello');
    await harness.waitForRequest(id);
    const detail = await admin<{ captured: boolean }>(`/admin/history/request?id=${id}`);
    expect(detail.body.captured).toBe(false);
    expect((await admin(`/admin/history/bodies?id=${id}`)).status).toBe(404);
  });

  it('keeps both bodies once on, cut at the size limit, with keys and personal data scrubbed', async () => {
    const saved = await admin<{ ok: boolean; yaml: string }>('/admin/config/capture', {
      enabled: true,
      max_bytes: 2048,
      retention_days: 3,
      redact: 'personal',
    });
    expect(saved.body.ok).toBe(true);
    expect(saved.body.yaml).toMatch(/capture:[\s\S]*enabled: true/);
    const prompt = `My key is ${providerKey}, write to ada@example.org. ${'padding '.repeat(400)}`;
    const id = await ask(prompt);
    const bodies = await bodiesOf(id);
    expect(bodies.request).toContain('"model":"openai/gpt-4.1-nano"');
    expect(bodies.request).not.toContain(providerKey);
    expect(bodies.request).not.toContain('ada@example.org');
    expect(bodies.request).toContain('[redacted]');
    expect(Buffer.byteLength(bodies.request)).toBeLessThanOrEqual(2048 + 100);
    expect(bodies.requestBytes).toBeGreaterThan(2048);
    expect(bodies.answer).toContain('"object":"chat.completion"');
    expect(Buffer.byteLength(bodies.answer)).toBeLessThanOrEqual(
      Math.min(2048 + 100, bodies.answerBytes + 100),
    );
    const detail = await admin<{ captured: boolean }>(`/admin/history/request?id=${id}`);
    expect(detail.body.captured).toBe(true);

    // a streamed answer is kept as the client got it
    const streamed = await bodiesOf(await ask('hi', true));
    expect(streamed.answer).toMatch(/^data: /);
  });

  it('deletes one request’s bodies, or all of them', async () => {
    const id = await ask('one');
    const other = await ask('two');
    await bodiesOf(id);
    await bodiesOf(other);
    expect((await admin<{ deleted: number }>('/admin/history/bodies/delete', { id })).body.deleted).toBe(1);
    expect((await admin(`/admin/history/bodies?id=${id}`)).status).toBe(404);
    expect((await admin(`/admin/history/bodies?id=${other}`)).status).toBe(200);
    const all = await admin<{ deleted: number }>('/admin/history/bodies/delete', { all: true });
    expect(all.body.deleted).toBeGreaterThan(0);
    expect((await admin(`/admin/history/bodies?id=${other}`)).status).toBe(404);
    expect((await admin('/admin/history/bodies/delete', {})).status).toBe(400);
  });
});
