import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../../../test/helpers/otlp-receiver.js';
import { fixtureProviders, okAttempt, requestRecord } from './request-record.fixture.js';
import { createRelayTelemetry } from './relay-telemetry.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function receiver() {
  const started = await startOtlpReceiver();
  closers.push(started.close);
  return started;
}

describe('createRelayTelemetry', () => {
  it('follows config reloads: traces start, move to another collector and stop', async () => {
    const [first, second] = [await receiver(), await receiver()];
    const logs: string[] = [];
    const telemetry = createRelayTelemetry((line) => logs.push(line));
    await telemetry.configure({ service_name: 'switchboard' });
    const observe = (id: string) => telemetry.observe(requestRecord([okAttempt()], { id }), fixtureProviders);

    observe('before');
    await telemetry.configure({ otlp_endpoint: first.url, service_name: 'switchboard' });
    observe('first');
    // the collector moves: what the first one was owed is still sent there
    await telemetry.configure({ otlp_endpoint: `${second.url}/v1/traces`, service_name: 'team' });
    observe('second');
    await telemetry.configure({ service_name: 'team' });
    observe('after');
    await telemetry.close();

    const ids = (spans: typeof first.spans) =>
      spans.filter((span) => span.kind === 2).map((span) => span.attributes['switchboard.request_id']);
    // closing waits for the tracer the reload replaced, too
    expect(ids(first.spans)).toEqual(['first']);
    expect(ids(second.spans)).toEqual(['second']);
    expect(second.spans[0]!.resource['service.name']).toBe('team');
    expect(logs).toEqual([]);
  });

  it('says in the log that the collector refuses spans, naming only its host', async () => {
    const collector = await receiver();
    const logs: string[] = [];
    const endpoint = collector.url.replace('http://', 'http://user:pass@') + '/wrong/path';
    const telemetry = createRelayTelemetry((line) => logs.push(line));
    await telemetry.configure({ otlp_endpoint: endpoint, service_name: 'switchboard' });
    telemetry.observe(requestRecord([okAttempt()]), fixtureProviders);
    await telemetry.close();
    expect(collector.refused).toEqual([expect.stringMatching(/^POST \/wrong\/path application\/json/)]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^telemetry: could not send spans to 127\.0\.0\.1:\d+: /);
    expect(logs[0]).not.toContain('pass');
  });
});
