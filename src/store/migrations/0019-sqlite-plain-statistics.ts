import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { dropStatisticsSamples } from '../sqlite-statistics.js';

/**
 * SQLite stores analysed by an earlier import keep sqlite_stat4's value samples, which planned
 * ingest's incident matching and the incident pages for one value at a time, and badly (see
 * dropStatisticsSamples); imports no longer keep them. The counts of sqlite_stat1 stay.
 */
export function sqlitePlainStatisticsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name === 'sqlite') await dropStatisticsSamples(db);
    },
    // The samples come back with the next ANALYZE run by hand; nothing to undo.
    async down() {},
  };
}
