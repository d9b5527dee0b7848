import { describe, expect, it } from 'vitest';
import { idleAfterMs, RelayActivity } from './relay-activity.js';

describe('RelayActivity', () => {
  it('finds the relay idle only with nothing in flight and nothing ended just before', () => {
    const activity = new RelayActivity();
    expect(activity.begin(100)).toBe(true); // the first request of all
    expect(activity.begin(101)).toBe(false); // the first is still in flight
    activity.end(102);
    activity.end(103);
    expect(activity.begin(103.5)).toBe(false); // back to back
    activity.end(104);
    expect(activity.begin(104 + idleAfterMs)).toBe(true); // after a pause
  });
});
