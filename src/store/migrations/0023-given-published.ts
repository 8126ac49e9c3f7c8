import type { Kysely, Migration } from 'kysely';

/**
 * A report that does not say when it was published (a wire copied without its date line) can be
 * given that day at ingest (`tally ingest --published`). The document keeps whether its date was
 * given or read from its own text, so the evidence view can say which; a queued job carries the
 * given day to the worker that ingests it.
 */
export function givenPublishedMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('documents')
        .addColumn('published_given', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('jobs').addColumn('published', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('jobs').dropColumn('published').execute();
      await db.schema.alterTable('documents').dropColumn('published_given').execute();
    },
  };
}
