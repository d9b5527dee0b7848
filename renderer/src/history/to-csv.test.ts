import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../api/admin-types.js';
import { toCsv } from './to-csv.js';

const row: HistoryRow = {
  id: 'req_1',
  createdAt: Date.UTC(2026, 10, 28, 12),
  client: 'laptop',
  dialect: 'openai-chat',
  requestedModel: 'auto',
  provider: 'demo',
  upstreamModel: 'gpt-4.1-nano',
  status: 'ok',
  stream: true,
  costUsd: 0.000123,
  unpriced: false,
  cache: 'miss',
  usageEstimated: false,
  attemptCount: 1,
};

describe('CSV export', () => {
  it('writes a header and one line per request; an unpriced cost stays empty, not 0', () => {
    const lines = toCsv([row, { ...row, id: 'req_2', costUsd: null, unpriced: true }]).split('\r\n');
    expect(lines[0]).toMatch(/^id,time,client,requested_model,provider/);
    expect(lines[1]).toContain('req_1,2026-11-28T12:00:00.000Z,laptop,auto,demo,gpt-4.1-nano,ok');
    expect(lines[1]).toContain(',0.000123,false');
    expect(lines[2]).toMatch(/,,true$/);
  });

  it('quotes commas and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ ...row, client: '=HYPERLINK("x")', requestedModel: 'a,b' }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"a,b"');
  });

  it('writes latencies in whole milliseconds', () => {
    const [header, line] = toCsv([{ ...row, ttftMs: 212.839167, latencyMs: 1043.25 }]).split('\r\n');
    const cells = line!.split(',');
    const at = (name: string) => cells[header!.split(',').indexOf(name)];
    expect([at('ttft_ms'), at('latency_ms')]).toEqual(['213', '1043']);
  });
});
