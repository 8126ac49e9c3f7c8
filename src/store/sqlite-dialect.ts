import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, sql } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { StoreDialect } from './dialect.js';

export function createSqliteDialect(path: string): StoreDialect {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path);
    // WAL keeps readers working while an ingest writes, and a killed writer leaves a store that opens cleanly.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
  } catch (error) {
    throw new StoreError(`cannot open SQLite store at ${path}: ${(error as Error).message}`);
  }
  return {
    name: 'sqlite',
    location: path === ':memory:' ? ':memory:' : resolve(path),
    kysely: new SqliteDialect({ database: db }),
    binaryType: 'blob',
    skipLocked: false,
    addIdColumn: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    lockIncidentMerging: async () => {},
    isUniqueViolation: (error) =>
      typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE',
    refreshStatistics: async (kysely) => {
      // Analyses what changed enough to need it, with a bounded sample on large tables.
      await sql`pragma optimize=0x10002`.execute(kysely);
    },
  };
}
