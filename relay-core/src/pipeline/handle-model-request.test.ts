import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CacheLookup } from '../cache/answer-cache.js';
import type { CanonicalRequest, CanonicalResponse } from '../canonical/types.js';
import type { GatesConfig } from '../config/cache-gates-schema.js';
import type { DialectCodec } from '../dialects/dialect-codec.js';
import type { Target } from '../routing/resolve-targets.js';
import { modelRequestLayers } from './handle-model-request.js';
import { composeLayers } from './layers/compose-layers.js';
import type { RunningAttempt } from './launch-attempt.js';
import type { ModelOutcome, ModelRequestContext } from './model-request-context.js';
import { OverheadClock } from './overhead-clock.js';
import type { RelayRuntime, RequestLog } from './relay-runtime.js';

const target = (id: string) => ({ provider: { id }, model: 'm' }) as unknown as Target;
const usage = {
  inputTokens: 5,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};
const answer: CanonicalResponse = {
  id: 'a1',
  model: 'm',
  created: 0,
  content: [{ type: 'text', text: 'short' }],
  finishReason: 'stop',
  usage,
};

/** The declared layers around a stand-in engine that gets one answer and asks the gates about it. */
async function serve(lookup: CacheLookup, gates?: Partial<GatesConfig>, inputTokens = 5) {
  const trail: string[] = [];
  const saved: unknown[][] = [];
  const runtime = {
    cache: {
      lookup: () => {
        trail.push('cache lookup');
        return Promise.resolve(lookup);
      },
    },
    limiter: { hasBudget: () => true, hold: async () => void trail.push('budget held') },
    fallback: { maxAttempts: 2 },
    price: () => ({ costUsd: 0.002, unpriced: false }),
    redact: (text: string) => text,
    now: () => 0,
  } as unknown as RelayRuntime;
  const context = {
    runtime,
    codec: { encodeResponse: () => ({}) } as unknown as DialectCodec,
    request: { model: 'auto', messages: [], stream: false } as unknown as CanonicalRequest,
    response: new ServerResponse(new IncomingMessage(new Socket())),
    meta: { id: 'r1', receivedAt: 0, createdAt: 0 },
    log: { id: 'r1', attempts: [] } as unknown as RequestLog,
    attempts: [],
    clock: new OverheadClock(() => 0, 0),
    headerFields: { requestId: 'r1' },
    features: { inputTokens },
    extras: gates ? { gates: { retries: 1, escalations: 1, buffer_streams: false, ...gates } } : undefined,
    policy: {},
    targets: [target('a'), target('b')],
    tries: [target('a'), target('b')],
    keepsRequest: false,
    resumesStreams: true,
    hooks: {},
    finish: (status: string) => trail.push(`finished ${status}`),
  } as unknown as ModelRequestContext;
  const engine = async (inside: ModelRequestContext): Promise<ModelOutcome> => {
    trail.push(`engine tries ${inside.tries.map((next) => next.provider.id).join(',')}`);
    const winner = { target: target('a'), attempt: {} } as unknown as RunningAttempt;
    const refused = await inside.hooks.check?.(answer, winner, true);
    trail.push(refused ? 'refused' : 'answered');
    const served = { answer, provider: 'a', upstreamModel: 'm', costUsd: 0.002 };
    inside.hooks.served?.(served);
    return { served: true };
  };
  if (lookup.save) lookup.save = (...args) => saved.push(args);
  const outcome = await composeLayers(modelRequestLayers, engine)(context);
  return { trail, saved, outcome, context };
}

const hit: CacheLookup = {
  outcome: 'hit-exact',
  hit: { key: 'k', answer, provider: 'a', upstreamModel: 'm', costUsd: 0.002 },
};
const miss = (): CacheLookup => ({ outcome: 'miss', save: () => undefined });

describe('the layers around the attempt engine', () => {
  it('answers a cache hit before a budget is held or a target tried', async () => {
    const { trail, outcome, context } = await serve(hit, { min_length: 1 });
    expect(trail).toEqual(['cache lookup', 'finished ok']);
    expect(outcome).toEqual({ served: true });
    expect(context.headerFields.cache).toBe('hit-exact');
    expect(context.response.statusCode).toBe(200);
  });

  it('on a miss holds the budget, plans the gated tries, then keeps the answer the gates passed', async () => {
    const { trail, saved, context } = await serve(miss(), { min_length: 1 });
    expect(trail).toEqual(['cache lookup', 'budget held', 'engine tries a,a,b,b', 'answered']);
    expect(context.headerFields.gates).toBe('passed');
    expect(saved).toEqual([[answer, 'a', 'm', 0.002]]);
  });

  it('does not keep an answer served although it failed its gates', async () => {
    const { trail, saved, context } = await serve(miss(), { min_length: 100 });
    expect(trail).toEqual(['cache lookup', 'budget held', 'engine tries a,a,b,b', 'answered']);
    expect(context.headerFields.gates).toBe('failed');
    expect(saved).toEqual([]);
  });

  it('keeps the request whole on a gated route, and releases a long one otherwise', async () => {
    expect((await serve(miss(), { min_length: 1 })).context.keepsRequest).toBe(true);
    const ungated = await serve(miss(), undefined, 20_000);
    expect(ungated.context.keepsRequest).toBe(false);
    expect(ungated.context.hooks.lastSent).toBeTypeOf('function');
    expect(ungated.trail).toEqual(['cache lookup', 'budget held', 'engine tries a,b', 'answered']);
    // a short request goes with its context: releasing it early costs more than it frees
    expect((await serve(miss())).context.hooks.lastSent).toBeUndefined();
  });
});
