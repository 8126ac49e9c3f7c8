import type { Kysely, Migration } from 'kysely';

/**
 * Imported datasets and streamed export: one row per (dataset, dataset_id), so importing a file
 * twice updates instead of duplicating; the actor type code a dataset states (ACLED's inter), which
 * the registry may not know; and an index that serves export's keyset pages in their order.
 */
export function interopMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Extracted incidents have no dataset_id; both dialects treat NULLs as distinct here.
      await db.schema
        .createIndex('incidents_dataset_id')
        .on('incidents')
        .columns(['dataset', 'dataset_id'])
        .unique()
        .execute();
      await db.schema.createIndex('incidents_date_id').on('incidents').columns(['date_start', 'id']).execute();
      await db.schema.alterTable('incident_actors').addColumn('inter', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('incident_actors').dropColumn('inter').execute();
      await db.schema.dropIndex('incidents_date_id').execute();
      await db.schema.dropIndex('incidents_dataset_id').execute();
    },
  };
}
