import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** Incidents: what happened where and when, with every source's claims about it side by side. */
export function incidentsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('incidents'))
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addColumn('place_name', 'text')
        .addColumn('gazetteer_id', 'text')
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('country', 'text')
        .addColumn('where_prec', 'integer')
        .addColumn('place_approximate', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('sub_event_type', 'text', (c) => c.notNull())
        .addColumn('violence_type', 'integer')
        .addColumn('side_a', 'text')
        .addColumn('side_b', 'text')
        .addColumn('deaths_low', 'integer')
        .addColumn('deaths_best', 'integer')
        .addColumn('deaths_high', 'integer')
        .addColumn('deaths_a', 'integer')
        .addColumn('deaths_b', 'integer')
        .addColumn('deaths_civilians', 'integer')
        .addColumn('deaths_unknown', 'integer')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('dataset', 'text', (c) => c.notNull())
        .addColumn('dataset_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_date').on('incidents').columns(['date_start', 'date_end']).execute();
      await db.schema.createIndex('incidents_admin').on('incidents').columns(['admin1', 'admin2']).execute();
      await db.schema.createIndex('incidents_type').on('incidents').column('event_type').execute();

      await dialect
        .addIdColumn(db.schema.createTable('incident_actors'))
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_actors_incident').on('incident_actors').column('incident_id').execute();
      await db.schema
        .createIndex('incident_actors_actor')
        .on('incident_actors')
        .columns(['actor_id', 'name'])
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('incident_sources'))
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('end', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_sources_incident').on('incident_sources').column('incident_id').execute();
      await db.schema.createIndex('incident_sources_document').on('incident_sources').column('document_id').execute();

      await dialect
        .addIdColumn(db.schema.createTable('incident_claims'))
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('figure_id', 'integer', (c) => c.references('figures.id').onDelete('set null'))
        .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('low', 'integer')
        .addColumn('high', 'integer')
        .addColumn('qualifier', 'text', (c) => c.notNull())
        .addColumn('vague', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('claimant', 'text')
        .addColumn('source', 'text')
        .addColumn('evidence_start', 'integer', (c) => c.notNull())
        .addColumn('evidence_end', 'integer', (c) => c.notNull())
        .addColumn('evidence_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_claims_incident').on('incident_claims').column('incident_id').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['incident_claims', 'incident_sources', 'incident_actors', 'incidents']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
