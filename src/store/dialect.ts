import type { CreateTableBuilder, Dialect, Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface,
 * so the rest of the store is written once.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Where the store is, safe to print (no password). */
  readonly location: string;
  readonly kysely: Dialect;
  /** An auto-incrementing integer primary key column. */
  addIdColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** The column type for raw bytes. */
  readonly binaryType: 'blob' | 'bytea';
  /**
   * Claim the oldest claimable job row so that concurrent workers never take the same one:
   * PostgreSQL skips rows another transaction holds; SQLite has one writer at a time anyway.
   */
  readonly skipLocked: boolean;
  /** Whether an error is a unique-constraint violation (another writer stored the same row first). */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Serialise incident merging inside a transaction, so two writers never both insert the same
   * incident. SQLite already runs one writer at a time; PostgreSQL takes an advisory lock.
   */
  lockIncidentMerging(trx: Kysely<Database>): Promise<void>;
  /**
   * Bring the query planner's statistics up to date after a bulk load. PostgreSQL plans a table it
   * has no statistics for as if it were small, and autovacuum may not have caught up yet.
   */
  refreshStatistics(db: Kysely<Database>): Promise<void>;
}
