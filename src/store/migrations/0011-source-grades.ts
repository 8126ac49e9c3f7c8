import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/**
 * Reviews of sourcing: a document's source type as a reviewer corrected it, and an incident's grade as
 * a reviewer set it. One row per action, never updated; the newest row of a document or an incident is
 * its state, and a row with a null value clears the correction. Guesses and computed grades are not
 * stored: they follow the documents and claims, so re-extraction and merges never leave them stale.
 */
export function sourceGradesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('source_reviews'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('source_type', 'text')
        .addColumn('note', 'text')
        .addColumn('note_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('source_reviews_document')
        .on('source_reviews')
        .columns(['document_id', 'id'])
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('grade_reviews'))
        .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('grade', 'text')
        .addColumn('note', 'text')
        .addColumn('note_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('audit_id', 'integer', (c) => c.notNull().references('audit_log.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grade_reviews_incident')
        .on('grade_reviews')
        .columns(['incident_id', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('grade_reviews').execute();
      await db.schema.dropTable('source_reviews').execute();
    },
  };
}
