import type { Kysely, Migration } from 'kysely';

/** Places users import (GeoNames dumps, CSV, GeoJSON), kept beside the shipped baseline. */
export function gazetteerMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('alt_names', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('approximate', 'integer', (c) => c.notNull())
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('population', 'integer')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('places_country').on('places').columns(['country', 'admin1']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('places').execute();
    },
  };
}
