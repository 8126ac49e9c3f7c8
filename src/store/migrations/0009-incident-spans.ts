import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/**
 * Incidents longer than a month, flagged by a generated column, so a date-filtered page can seek.
 *
 * "Incidents in [from, to], by date" must keep those that began before `from` and run into it.
 * Without a bound on how long an incident lasts, the first page of such a question walks every
 * index entry that starts before `from`. With the flag, a page reads the short incidents from
 * `from` minus a month on, and the few long ones apart (see reviewed-incidents.ts).
 *
 * The span is counted in pseudo-days of 31 per month and 372 per year: never fewer than the real
 * days, so a row flagged short really lasts a month or less, and no calendar check is needed that
 * could make an insert fail. Dates not in YYYY-MM-DD form count as long.
 */
export const SHORT_SPAN_DAYS = 31;

const pseudoDays = (column: string) =>
  `(cast(substr(${column}, 1, 4) as integer) * 372 + cast(substr(${column}, 6, 2) as integer) * 31 + cast(substr(${column}, 9, 2) as integer))`;

function longSpanExpression(dialect: StoreDialect): string {
  const isoDate = (column: string) =>
    dialect.name === 'postgres'
      ? `${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'`
      : `${column} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`;
  return `case when ${isoDate('date_start')} and ${isoDate('date_end')} and ${pseudoDays('date_end')} - ${pseudoDays('date_start')} <= ${SHORT_SPAN_DAYS} then 0 else 1 end`;
}

export function incidentSpansMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite adds only virtual generated columns to a table; PostgreSQL only stored ones.
      const storage = dialect.name === 'postgres' ? 'stored' : 'virtual';
      await sql
        .raw(
          `alter table incidents add column long_span integer generated always as (${longSpanExpression(dialect)}) ${storage}`,
        )
        .execute(db);
      await db.schema
        .createIndex('incidents_long_span')
        .on('incidents')
        .columns(['long_span', 'date_start', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incidents_long_span').execute();
      await db.schema.alterTable('incidents').dropColumn('long_span').execute();
    },
  };
}
