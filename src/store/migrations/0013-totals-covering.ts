import type { Kysely, Migration } from 'kysely';

/**
 * The totals' key starts with the month, so a question about one province or one event type
 * (the page's timeline, /api/aggregates) skipped through every month's rows and fetched each one
 * from the table. These indexes hold the sums too: such a question reads only its own entries.
 */
export function totalsCoveringMigration(): Migration {
  const sums = ['incidents', 'with_best', 'with_low', 'with_high', 'deaths_low', 'deaths_best', 'deaths_high'];
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('incident_totals_by_place')
        .on('incident_totals')
        .columns(['admin1', 'month', 'event_type', 'dataset', ...sums])
        .execute();
      await db.schema
        .createIndex('incident_totals_by_type')
        .on('incident_totals')
        .columns(['event_type', 'month', 'admin1', 'dataset', ...sums])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incident_totals_by_type').execute();
      await db.schema.dropIndex('incident_totals_by_place').execute();
    },
  };
}
