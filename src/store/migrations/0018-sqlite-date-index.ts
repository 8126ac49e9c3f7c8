import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/**
 * SQLite drops incidents_date (date_start, date_end). Replayed on a 200,000-incident store, and on
 * copies with long incidents, with no statistics and built by ingest, 3,475 reads of the API, the
 * exports, the bench questions and ingest's matching chose it for seven statements only (date-desc
 * pages after a cursor), which run as fast or faster on incidents_long_span; no other plan
 * changed. Rebuilding it after a large import took 0.1 s, and every incident written kept it up.
 * PostgreSQL keeps it: its planner weighs the date_end condition inside the index, and would use it.
 */
export function sqliteDateIndexMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name === 'sqlite') await db.schema.dropIndex('incidents_date').ifExists().execute();
    },
    async down(db: Kysely<unknown>) {
      if (dialect.name !== 'sqlite') return;
      await db.schema
        .createIndex('incidents_date')
        .ifNotExists()
        .on('incidents')
        .columns(['date_start', 'date_end'])
        .execute();
    },
  };
}
