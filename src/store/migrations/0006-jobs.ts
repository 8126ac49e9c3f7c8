import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/**
 * The ingest queue. Jobs carry the input's bytes, not a path, so a worker on another machine can
 * process what was enqueued here.
 */
export function jobsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await dialect
        .addIdColumn(db.schema.createTable('jobs'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', dialect.binaryType, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('worker', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('document_id', 'integer')
        .addColumn('outcome', 'text')
        .addColumn('error', 'text')
        .addColumn('enqueued_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('jobs').execute();
    },
  };
}
