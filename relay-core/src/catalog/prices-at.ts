import { priceFields } from './catalog-types.js';
import type { CatalogEntry, PriceCondition, Prices } from './catalog-types.js';

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function applies(condition: PriceCondition, at: Date): boolean {
  if (condition.from !== undefined && at.toISOString().slice(0, 10) < condition.from) return false;
  if (condition.utcWindow) {
    const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
    const start = minutesOf(condition.utcWindow[0]);
    const end = minutesOf(condition.utcWindow[1]);
    // a window such as 16:30–00:30 wraps past midnight
    if (start <= end ? minute < start || minute >= end : minute < start && minute >= end) return false;
  }
  return true;
}

/**
 * The prices an entry charges at a moment: of its conditions (a price change from a date, a daily
 * peak window), the last that applies, else its own. Without a moment, its own. The rule is
 * genai-prices' own (its conditional prices), so the catalog charges what that source says.
 */
export function pricesAt(entry: Prices & Pick<CatalogEntry, 'conditions'>, at?: Date | number): Prices {
  if (!entry.conditions || at === undefined) return entry;
  const moment = typeof at === 'number' ? new Date(at) : at;
  for (let index = entry.conditions.length - 1; index >= 0; index -= 1) {
    const condition = entry.conditions[index]!;
    if (applies(condition, moment)) return condition.prices;
  }
  return entry;
}

/** The entry with the prices it charges at a moment in place of its own (for display and sorting). */
export function entryAt(entry: CatalogEntry, at: Date | number): CatalogEntry {
  const prices = pricesAt(entry, at);
  if (prices === entry) return entry;
  return { ...entry, ...Object.fromEntries(priceFields.map((field) => [field, prices[field]])) };
}
