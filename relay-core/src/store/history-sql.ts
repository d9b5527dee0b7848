import type Database from 'better-sqlite3';

/**
 * The history's read queries, run on SQLite or PostgreSQL. SQL is written once with `?` marks and
 * the few spellings the engines differ on come from `dayName` and `countIf`; quoted aliases keep
 * their case on PostgreSQL.
 */
export interface HistorySql {
  readonly engine: 'sqlite' | 'postgres';
  /** Rows as objects keyed by column name or alias. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows as arrays of values, in the order they are selected. */
  arrays(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** The first column's values, one a row (for many rows: no array or object a row). */
  column(sql: string, params?: readonly unknown[]): Promise<unknown[]>;
}

/** Counts the rows where a condition holds (SQLite sums booleans; PostgreSQL does not). */
export const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** The UTC day (`2026-11-28`) of a unix-ms expression. */
export function dayName(sql: HistorySql, unixMs: string): string {
  return sql.engine === 'postgres'
    ? `to_char(to_timestamp(${unixMs} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : `date(${unixMs} / 1000, 'unixepoch')`;
}

/** The history's queries on a better-sqlite3 connection: synchronous underneath, answered at once. */
export function sqliteHistorySql(db: Database.Database): HistorySql {
  return {
    engine: 'sqlite',
    all: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    arrays: async (sql, params = []) =>
      db
        .prepare(sql)
        .raw()
        .all(...params) as unknown[][],
    column: async (sql, params = []) =>
      db
        .prepare(sql)
        .pluck()
        .all(...params),
  };
}
