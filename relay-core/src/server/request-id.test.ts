import { describe, expect, it } from 'vitest';
import { newRequestId } from './request-id.js';

describe('request ids', () => {
  it('are req_ and 32 hex digits, and never repeat', () => {
    const ids = Array.from({ length: 1000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
