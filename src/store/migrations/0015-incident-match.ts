import type { Kysely, Migration } from 'kysely';

/**
 * Matching a report to stored incidents asks for those of one province (or one place) whose dates
 * meet the report's. With only the dataset to seek on, every ingested report read every incident:
 * ingest slowed as the store grew. Short incidents (0009's flag) are found by a bounded range of
 * start dates; the few long ones apart.
 */
export function incidentMatchMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('incidents_match_admin')
        .on('incidents')
        .columns(['admin1', 'long_span', 'date_start'])
        .execute();
      await db.schema
        .createIndex('incidents_match_place')
        .on('incidents')
        .columns(['gazetteer_id', 'long_span', 'date_start'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incidents_match_place').execute();
      await db.schema.dropIndex('incidents_match_admin').execute();
    },
  };
}
