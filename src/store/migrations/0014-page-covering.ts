import type { Kysely, Migration } from 'kysely';

/**
 * The incidents page by date, for a province and a kind of event (the API's and the page's most
 * asked question), read each candidate row from the table to test its end date and status, and
 * the planner was free to seek on the province alone and test the kind of event row by row.
 * Here the short incidents (0009's flag) of one province and kind sit in (start date, id) order
 * with what the filter tests beside them: a page reads its own entries and nothing else.
 */
export function pageCoveringMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('incidents_page_span')
        .on('incidents')
        .columns(['admin1', 'event_type', 'long_span', 'date_start', 'id', 'date_end', 'status'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incidents_page_span').execute();
    },
  };
}
