import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** The value columns an incident review can override, shared by incidents, their snapshot and reviews. */
const VALUE_COLUMNS = [
  'date_start',
  'date_end',
  'date_precision',
  'place_name',
  'gazetteer_id',
  'lat',
  'lon',
  'admin1',
  'admin2',
  'country',
  'where_prec',
  'place_approximate',
  'event_type',
  'sub_event_type',
  'violence_type',
  'side_a',
  'side_b',
  'deaths_low',
  'deaths_best',
  'deaths_high',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
] as const;

/** Statuses whose incidents count nowhere: rejected, folded into another, or withdrawn by a revert. */
export const UNCOUNTED_STATUSES = ['rejected', 'merged', 'void'] as const;
const UNCOUNTED = UNCOUNTED_STATUSES.map((s) => `'${s}'`).join(', ');

export const TOTAL_COLUMNS = [
  'incidents',
  'with_best',
  'with_low',
  'with_high',
  'deaths_low',
  'deaths_best',
  'deaths_high',
] as const;

/**
 * Reviews move onto the incident row. The row now holds the effective values (what readers, exports
 * and the totals see) and the review status; what the extractor said moves, on the first review, to
 * `incident_extractions`, which review never writes. The totals triggers count only incidents whose
 * status leaves them standing, so totals follow corrections, merges, splits and reverts.
 */
export function effectiveIncidentsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of dialect.name === 'postgres' ? POSTGRES_DROP : SQLITE_DROP) {
        await sql.raw(statement).execute(db);
      }
      await db.schema
        .alterTable('incidents')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('unreviewed'))
        .execute();
      await db.schema
        .alterTable('incidents')
        .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('incidents').addColumn('side_a_id', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('side_b_id', 'text').execute();
      // A filtered page (province, type, dates, by date) reads 50 index entries, not the province.
      await db.schema
        .createIndex('incidents_page')
        .on('incidents')
        .columns(['admin1', 'event_type', 'date_start', 'id'])
        .execute();
      await db.schema
        .alterTable('incident_reviews')
        .addColumn('deaths_set', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // Corrections made before this migration keep the deaths they show now.
      await sql`update incident_reviews set deaths_set = overrides`.execute(db);

      let snapshot = db.schema
        .createTable('incident_extractions')
        .addColumn('incident_id', 'integer', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'));
      for (const column of VALUE_COLUMNS) snapshot = snapshot.addColumn(column, sqlType(column));
      await snapshot.execute();

      const columns = VALUE_COLUMNS.join(', ');
      const latest = `select max(x.id) from incident_reviews x where x.incident_id = incidents.id`;
      await sql
        .raw(
          `insert into incident_extractions (incident_id, ${columns})
           select id, ${columns} from incidents where id in (select incident_id from incident_reviews)`,
        )
        .execute(db);
      await sql
        .raw(
          `update incidents set status = (select r.status from incident_reviews r where r.id = (${latest}))
           where id in (select incident_id from incident_reviews)`,
        )
        .execute(db);
      const overridden = [...VALUE_COLUMNS, 'side_a_id', 'side_b_id'];
      await sql
        .raw(
          `update incidents set corrected = 1, ${overridden
            .map((c) => `${c} = (select r.${c} from incident_reviews r where r.id = (${latest}))`)
            .join(', ')}
           where exists (select 1 from incident_reviews r where r.id = (${latest}) and r.overrides = 1)`,
        )
        .execute(db);

      await db.schema
        .alterTable('incident_totals')
        .addColumn('with_low', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('incident_totals')
        .addColumn('with_high', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`delete from incident_totals`.execute(db);
      await sql
        .raw(
          `insert into incident_totals (month, admin1, event_type, dataset, ${TOTAL_COLUMNS.join(', ')})
           select substr(date_start, 1, 7), coalesce(admin1, ''), event_type, dataset, count(*),
                  count(deaths_best), count(deaths_low), count(deaths_high),
                  coalesce(sum(deaths_low), 0), coalesce(sum(deaths_best), 0), coalesce(sum(deaths_high), 0)
           from incidents where status not in (${UNCOUNTED})
           group by substr(date_start, 1, 7), coalesce(admin1, ''), event_type, dataset`,
        )
        .execute(db);
      for (const statement of dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()) {
        await sql.raw(statement).execute(db);
      }
    },
    async down() {
      throw new Error('0008-effective-incidents cannot be undone: restore a backup taken before it');
    },
  };
}

function sqlType(column: (typeof VALUE_COLUMNS)[number]) {
  if (column === 'lat' || column === 'lon') return 'double precision' as const;
  if (column === 'where_prec' || column === 'place_approximate' || column === 'violence_type')
    return 'integer' as const;
  if (column.startsWith('deaths_')) return 'integer' as const;
  return 'text' as const;
}

const has = (row: string, column: string) => `(case when ${row}.${column} is null then 0 else 1 end)`;

/** The upsert adding one standing incident's contribution (sign 1) or taking it away (sign -1). */
function upsert(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  // insert ... select needs its where clause: SQLite parses "on conflict" after a bare select as a join.
  return `insert into incident_totals (month, admin1, event_type, dataset, ${TOTAL_COLUMNS.join(', ')})
    select substr(${row}.date_start, 1, 7), coalesce(${row}.admin1, ''), ${row}.event_type, ${row}.dataset,
           ${s}1, ${s}${has(row, 'deaths_best')}, ${s}${has(row, 'deaths_low')}, ${s}${has(row, 'deaths_high')},
           ${s}coalesce(${row}.deaths_low, 0), ${s}coalesce(${row}.deaths_best, 0), ${s}coalesce(${row}.deaths_high, 0)
    where ${row}.status not in (${UNCOUNTED})
    on conflict (month, admin1, event_type, dataset) do update set
      ${TOTAL_COLUMNS.map((c) => `${c} = incident_totals.${c} + excluded.${c}`).join(', ')}`;
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
