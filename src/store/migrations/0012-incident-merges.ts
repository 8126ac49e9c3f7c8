import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/**
 * Why each document's report is part of an incident: the first report founds it, later ones are
 * merged in because their dates, places, kinds of event and parties agree. Written when the merge
 * is made, so `tally incidents --explain` tells what the matcher saw then, not what a newer one would.
 */
export function incidentMergesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('incident_merges'))
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('how', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('incident_merges_incident')
        .on('incident_merges')
        .columns(['incident_id', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('incident_merges').execute();
    },
  };
}
