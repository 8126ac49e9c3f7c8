import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { TOTAL_COLUMNS, UNCOUNTED_STATUSES } from './0008-effective-incidents.js';

/**
 * On PostgreSQL, the totals follow each statement rather than each row: a bulk insert of thousands
 * of incidents groups its rows once (transition tables) instead of running one upsert per incident.
 * The totals stay exact under the same rules as 0008's row triggers, which SQLite keeps (it has no
 * statement triggers).
 */
export function statementTotalsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name !== 'postgres') return;
      for (const statement of STATEMENT_TRIGGERS) await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (dialect.name !== 'postgres') return;
      for (const statement of DROP_STATEMENT_TRIGGERS) await sql.raw(statement).execute(db);
      await sql
        .raw(`create trigger incident_totals_change after insert or update or delete on incidents
              for each row execute function incident_totals_apply()`)
        .execute(db);
    },
  };
}

const UNCOUNTED = UNCOUNTED_STATUSES.map((s) => `'${s}'`).join(', ');
const has = (column: string) => `(case when ${column} is null then 0 else 1 end)`;

/** The signed contribution of each row of a transition table that counts. */
const contributions = (table: string, sign: 1 | -1) =>
  `select substr(date_start, 1, 7) as month, coalesce(admin1, '') as admin1, event_type, dataset,
          ${sign} as incidents, ${sign} * ${has('deaths_best')} as with_best, ${sign} * ${has('deaths_low')} as with_low,
          ${sign} * ${has('deaths_high')} as with_high, ${sign} * coalesce(deaths_low, 0) as deaths_low,
          ${sign} * coalesce(deaths_best, 0) as deaths_best, ${sign} * coalesce(deaths_high, 0) as deaths_high
   from ${table} where status not in (${UNCOUNTED})`;

/** One upsert per group of the statement's rows: grouping keeps each key to one row of the insert. */
const apply = (source: string) =>
  `insert into incident_totals (month, admin1, event_type, dataset, ${TOTAL_COLUMNS.join(', ')})
   select month, admin1, event_type, dataset, ${TOTAL_COLUMNS.map((c) => `sum(${c})`).join(', ')}
   from (${source}) as c
   group by month, admin1, event_type, dataset
   on conflict (month, admin1, event_type, dataset) do update set
     ${TOTAL_COLUMNS.map((c) => `${c} = incident_totals.${c} + excluded.${c}`).join(', ')}`;

const trigger = (op: 'insert' | 'update' | 'delete', referencing: string, source: string) => [
  `create function incident_totals_${op}() returns trigger language plpgsql as $$
   begin ${apply(source)}; return null; end $$`,
  `create trigger incident_totals_${op} after ${op} on incidents referencing ${referencing}
   for each statement execute function incident_totals_${op}()`,
];

const STATEMENT_TRIGGERS = [
  'drop trigger if exists incident_totals_change on incidents',
  ...trigger('insert', 'new table as new_rows', contributions('new_rows', 1)),
  ...trigger('delete', 'old table as old_rows', contributions('old_rows', -1)),
  ...trigger(
    'update',
    'old table as old_rows new table as new_rows',
    `${contributions('old_rows', -1)} union all ${contributions('new_rows', 1)}`,
  ),
];

const DROP_STATEMENT_TRIGGERS = (['insert', 'update', 'delete'] as const).flatMap((op) => [
  `drop trigger if exists incident_totals_${op} on incidents`,
  `drop function if exists incident_totals_${op}()`,
]);
