import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** Documents, the extraction runs over them, and what those runs found. */
export function documentsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('documents'))
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('publisher', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('published', 'text')
        .addColumn('language', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();

      await dialect
        .addIdColumn(db.schema.createTable('extractions'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('extractor', 'text', (c) => c.notNull())
        .addColumn('extractor_version', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('extractions_document').on('extractions').column('document_id').execute();

      await dialect
        .addIdColumn(db.schema.createTable('figures'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('extraction_id', 'integer', (c) => c.notNull().references('extractions.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('low', 'integer')
        .addColumn('high', 'integer')
        .addColumn('qualifier', 'text', (c) => c.notNull())
        .addColumn('vague', 'text')
        .addColumn('unit', 'text')
        .addColumn('evidence_start', 'integer', (c) => c.notNull())
        .addColumn('evidence_end', 'integer', (c) => c.notNull())
        .addColumn('evidence_text', 'text', (c) => c.notNull())
        .addColumn('sentence_start', 'integer', (c) => c.notNull())
        .addColumn('sentence_end', 'integer', (c) => c.notNull())
        .addColumn('sentence_text', 'text', (c) => c.notNull())
        .addColumn('claimant', 'text')
        .addColumn('subject', 'text')
        .addColumn('actor', 'text')
        .addColumn('perpetrator', 'text')
        .addColumn('manner', 'text')
        .addColumn('place', 'text')
        .addColumn('date_start', 'text')
        .addColumn('date_end', 'text')
        .addColumn('date_precision', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('side', 'integer')
        .execute();
      await db.schema.createIndex('figures_document').on('figures').column('document_id').execute();
      await db.schema.createIndex('figures_extraction').on('figures').column('extraction_id').execute();
      await db.schema.createIndex('figures_kind').on('figures').columns(['kind', 'low']).execute();

      await dialect
        .addIdColumn(db.schema.createTable('conflicts'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('extraction_id', 'integer', (c) => c.notNull().references('extractions.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('part_of', 'text')
        .addColumn('date_start', 'text')
        .addColumn('date_end', 'text')
        .addColumn('date_precision', 'text')
        .addColumn('place', 'text')
        .addColumn('result', 'text')
        .addColumn('territory', 'text')
        .addColumn('other_casualties', 'text', (c) => c.notNull())
        .addColumn('evidence_start', 'integer', (c) => c.notNull())
        .addColumn('evidence_end', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conflicts_extraction').on('conflicts').column('extraction_id').execute();

      await dialect
        .addIdColumn(db.schema.createTable('conflict_parties'))
        .addColumn('conflict_id', 'integer', (c) => c.notNull().references('conflicts.id').onDelete('cascade'))
        .addColumn('side', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text')
        .execute();
      await db.schema.createIndex('conflict_parties_conflict').on('conflict_parties').column('conflict_id').execute();
      await db.schema.createIndex('conflict_parties_name').on('conflict_parties').column('name').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['conflict_parties', 'conflicts', 'figures', 'extractions', 'documents']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
