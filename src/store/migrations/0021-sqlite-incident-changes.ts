import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { BULK_LOAD_TABLE } from './0013-bulk-totals.js';

/**
 * SQLite's log of changed incidents: a row per incident inserted, updated or deleted, in commit order
 * (one writer at a time, and AUTOINCREMENT never reuses a number). A reader that holds the
 * incidents as of one entry (the map index, src/serve/map-index.ts) reads the few rows changed since
 * instead of every incident again. A bulk load writes one entry with no incident instead of one
 * per row: whoever reads past it reads everything again.
 */
export const INCIDENT_CHANGES = 'incident_changes';

/** The trigger that logs each incident inserted outside a bulk load (a held load sets it aside). */
export const INCIDENT_CHANGES_INSERT_TRIGGER = 'incident_changes_insert';

/** Entries kept at least: the log is cut back a thousand entries at a time beyond this many. */
const CHANGES_KEPT = 100_000;

const TRIGGERS = {
  [INCIDENT_CHANGES_INSERT_TRIGGER]: `after insert on incidents when not exists (select 1 from ${BULK_LOAD_TABLE})
    begin insert into ${INCIDENT_CHANGES} (incident_id) values (new.id); end`,
  incident_changes_update: `after update on incidents
    begin insert into ${INCIDENT_CHANGES} (incident_id) values (new.id); end`,
  incident_changes_delete: `after delete on incidents
    begin insert into ${INCIDENT_CHANGES} (incident_id) values (old.id); end`,
  incident_changes_prune: `after insert on ${INCIDENT_CHANGES} when new.seq % 1000 = 0
    begin delete from ${INCIDENT_CHANGES} where seq <= new.seq - ${CHANGES_KEPT}; end`,
};

/**
 * PostgreSQL has none: its writers commit in any order, so a number taken in a transaction does not
 * say what a reader's snapshot holds; its map index reads every incident again after a write.
 */
export function sqliteIncidentChangesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name !== 'sqlite') return;
      await sql
        .raw(`create table ${INCIDENT_CHANGES} (seq integer primary key autoincrement, incident_id integer)`)
        .execute(db);
      for (const [name, body] of Object.entries(TRIGGERS)) await sql.raw(`create trigger ${name} ${body}`).execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (dialect.name !== 'sqlite') return;
      for (const name of Object.keys(TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw(`drop table if exists ${INCIDENT_CHANGES}`).execute(db);
    },
  };
}
