import { describe, expect, it } from 'vitest';
import { virtualWindow } from './virtual-window.js';

describe('virtualWindow', () => {
  it('renders only the rows in view plus a margin', () => {
    const view = virtualWindow({ total: 1000, rowHeight: 28, viewport: 560, scrollTop: 2800, overscan: 5 });
    expect(view).toEqual({ height: 28_000, first: 95, count: 31, offset: 95 * 28 });
  });

  it('reaches the last of a million rows within the browser height limit', () => {
    const base = { total: 1_000_000, rowHeight: 28, viewport: 560, overscan: 0 };
    const top = virtualWindow({ ...base, scrollTop: 0 });
    expect(top.height).toBe(8_000_000);
    expect(top.first).toBe(0);
    const bottom = virtualWindow({ ...base, scrollTop: 8_000_000 - 560 });
    expect(bottom.first + bottom.count).toBe(1_000_000);
    const middle = virtualWindow({ ...base, scrollTop: (8_000_000 - 560) / 2 });
    expect(Math.abs(middle.first - 500_000)).toBeLessThan(50);
  });

  it('is empty without rows', () => {
    expect(virtualWindow({ total: 0, rowHeight: 28, viewport: 500, scrollTop: 0 }).count).toBe(0);
  });
});
