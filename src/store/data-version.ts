import { CompiledQuery, type Kysely } from 'kysely';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/**
 * What tells whether the store's data may have changed since the last read, per engine.
 * SQLite: `data_version` moves when another connection commits (another `tally` process), and
 * `total_changes()` when this connection writes, as soon as it writes, committed or not; a
 * transaction holds Kysely's only connection, so no read runs inside another caller's.
 * PostgreSQL: the snapshot moves when any transaction that wrote commits or a new one writes.
 */
const VERSION_SQL = {
  sqlite: "select data_version || ':' || total_changes() as version from pragma_data_version()",
  postgres: 'select pg_current_snapshot()::text as version',
} as const;

/**
 * A stamp of the store's contents: equal stamps mean nothing was written in between. What is
 * computed from the store and kept in memory (graded incidents, for one) holds while the stamp it
 * was read under is the current one. Read it before the data it stamps, never after.
 */
export async function readDataVersion(store: Store): Promise<string> {
  return readDataVersionOn(store.db, store.dialect.name);
}

/** readDataVersion on a connection already held, such as a transaction's. */
export async function readDataVersionOn(db: Kysely<Database>, engine: Store['dialect']['name']): Promise<string> {
  const result = await db.executeQuery<{ version: string }>(CompiledQuery.raw(VERSION_SQL[engine]));
  const row = result.rows[0];
  if (!row) throw new Error('the store returned no data version');
  return String(row.version);
}
