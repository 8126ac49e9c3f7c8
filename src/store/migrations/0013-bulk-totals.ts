import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** A row here, only ever inside a bulk load's own transaction, makes SQLite's insert trigger stand aside. */
export const BULK_LOAD_TABLE = 'incident_bulk_load';

/**
 * The trigger, of this name on both engines, that counts inserted incidents into incident_totals: a
 * row trigger on SQLite (0007, 0008), a statement trigger on PostgreSQL (0010).
 */
export const INSERT_TOTALS_TRIGGER = 'incident_totals_insert';
const HEAD = /after insert on incidents\s+begin/i;
const GUARD = `after insert on incidents when not exists (select 1 from ${BULK_LOAD_TABLE}) begin`;

/**
 * SQLite has no statement triggers: its totals follow every inserted incident with one upsert,
 * which costs as much as the insert itself. A bulk load (an import) marks its transaction with a
 * row in `incident_bulk_load`, inserts with the trigger standing aside, adds the loaded rows to the
 * totals in one grouped statement and removes the mark before it commits, so no other connection
 * ever sees it. The trigger's body is kept as 0008 wrote it; only the guard is added.
 * PostgreSQL's statement triggers (0010) already count a bulk insert once.
 */
export function bulkTotalsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name !== 'sqlite') return;
      await sql.raw(`create table ${BULK_LOAD_TABLE} (active integer not null)`).execute(db);
      await rewriteTrigger(db, (text) => {
        if (!HEAD.test(text)) throw new Error(`${INSERT_TOTALS_TRIGGER} has an unexpected shape: ${text.slice(0, 80)}`);
        return text.replace(HEAD, GUARD);
      });
    },
    async down(db: Kysely<unknown>) {
      if (dialect.name !== 'sqlite') return;
      await rewriteTrigger(db, (text) => text.replace(GUARD, 'after insert on incidents begin'));
      await sql.raw(`drop table ${BULK_LOAD_TABLE}`).execute(db);
    },
  };
}

async function rewriteTrigger(db: Kysely<unknown>, change: (text: string) => string): Promise<void> {
  const found = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'trigger' and name = ${INSERT_TOTALS_TRIGGER}`.execute(db);
  const text = found.rows[0]?.sql;
  if (!text) throw new Error(`${INSERT_TOTALS_TRIGGER} is missing: the store's totals would not be kept`);
  await sql.raw(`drop trigger ${INSERT_TOTALS_TRIGGER}`).execute(db);
  await sql.raw(change(text)).execute(db);
}
