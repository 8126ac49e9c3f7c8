import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

const COLUMNS = ['incidents', 'with_best', 'deaths_low', 'deaths_best', 'deaths_high'] as const;

/**
 * Monthly totals per province, event type and dataset, kept exact by triggers on every insert,
 * update and delete of an incident, whichever code path makes it (ingest, review, merge, import).
 * Charts then read a few hundred rows instead of scanning a million incidents.
 */
export function incidentTotalsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('incident_totals')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('admin1', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('dataset', 'text', (c) => c.notNull())
        .addColumn('incidents', 'integer', (c) => c.notNull())
        .addColumn('with_best', 'integer', (c) => c.notNull())
        .addColumn('deaths_low', 'integer', (c) => c.notNull())
        .addColumn('deaths_best', 'integer', (c) => c.notNull())
        .addColumn('deaths_high', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_totals_key', ['month', 'admin1', 'event_type', 'dataset'])
        .execute();
      for (const statement of dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()) {
        await sql.raw(statement).execute(db);
      }
      // Incidents stored before this migration count too.
      await sql
        .raw(
          `insert into incident_totals (month, admin1, event_type, dataset, ${COLUMNS.join(', ')})
           select substr(date_start, 1, 7), coalesce(admin1, ''), event_type, dataset, count(*),
                  count(deaths_best), coalesce(sum(deaths_low), 0), coalesce(sum(deaths_best), 0), coalesce(sum(deaths_high), 0)
           from incidents group by substr(date_start, 1, 7), coalesce(admin1, ''), event_type, dataset`,
        )
        .execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const statement of dialect.name === 'postgres' ? POSTGRES_DROP : SQLITE_DROP)
        await sql.raw(statement).execute(db);
      await db.schema.dropTable('incident_totals').execute();
    },
  };
}

/** The upsert adding one incident's contribution (sign 1) or taking it away (sign -1). */
function upsert(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `insert into incident_totals (month, admin1, event_type, dataset, ${COLUMNS.join(', ')})
    values (substr(${row}.date_start, 1, 7), coalesce(${row}.admin1, ''), ${row}.event_type, ${row}.dataset,
            ${s}1, ${s}(case when ${row}.deaths_best is null then 0 else 1 end),
            ${s}coalesce(${row}.deaths_low, 0), ${s}coalesce(${row}.deaths_best, 0), ${s}coalesce(${row}.deaths_high, 0))
    on conflict (month, admin1, event_type, dataset) do update set
      ${COLUMNS.map((c) => `${c} = incident_totals.${c} + excluded.${c}`).join(', ')}`;
}

function sqliteTriggers(): string[] {
  return [
    `create trigger incident_totals_insert after insert on incidents begin ${upsert('NEW', 1)}; end`,
    `create trigger incident_totals_delete after delete on incidents begin ${upsert('OLD', -1)}; end`,
    `create trigger incident_totals_update after update on incidents begin ${upsert('OLD', -1)}; ${upsert('NEW', 1)}; end`,
  ];
}

const SQLITE_DROP = ['insert', 'delete', 'update'].map((op) => `drop trigger if exists incident_totals_${op}`);

function postgresTriggers(): string[] {
  return [
    `create or replace function incident_totals_apply() returns trigger language plpgsql as $$
     begin
       if tg_op in ('UPDATE', 'DELETE') then ${upsert('OLD', -1)}; end if;
       if tg_op in ('UPDATE', 'INSERT') then ${upsert('NEW', 1)}; end if;
       return null;
     end $$`,
    `create trigger incident_totals_change after insert or update or delete on incidents
     for each row execute function incident_totals_apply()`,
  ];
}

const POSTGRES_DROP = [
  'drop trigger if exists incident_totals_change on incidents',
  'drop function if exists incident_totals_apply()',
];
