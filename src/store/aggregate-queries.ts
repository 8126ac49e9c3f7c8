import { sql } from 'kysely';
import type { AggregateDimension, DeathsAggregate, DeathsRow } from '../core/aggregate.js';
import type { TotalsDimension, TotalsRow } from './incident-totals.js';
import type { Store } from './open-store.js';
import { filteredIncidents, type ReviewedIncidentFilter } from './reviewed-incidents.js';
import { readTotalsHeld } from './totals-memory.js';

const TOTALS_DIMENSION: Record<Exclude<AggregateDimension, 'actor'>, TotalsDimension> = {
  month: 'month',
  place: 'admin1',
  type: 'event_type',
};

function groupKey(by: Exclude<AggregateDimension, 'actor'>) {
  switch (by) {
    case 'month':
      return sql<string | null>`substr(${sql.ref('i.date_start')}, 1, 7)`;
    case 'place':
      return sql<string | null>`${sql.ref('i.admin1')}`;
    case 'type':
      return sql<string | null>`${sql.ref('i.event_type')}`;
  }
}

/**
 * Deaths per month, province (admin1), event type or actor, over standing incidents matching the
 * filter. Questions the trigger-kept totals can answer (by month, province or type; filtered at most
 * by province, type and dataset) read those few hundred rows; the rest scan the incidents.
 */
export async function aggregateDeaths(
  store: Store,
  by: AggregateDimension,
  filter: ReviewedIncidentFilter,
): Promise<DeathsAggregate> {
  if (by !== 'actor' && answerableByTotals(filter)) return aggregateFromTotals(store, by, filter);
  const base = () =>
    filteredIncidents(store.db, filter).select([
      'i.id',
      'i.deaths_low as low',
      'i.deaths_best as best',
      'i.deaths_high as high',
    ]);
  const keyed =
    by === 'actor'
      ? // An incident belongs to each of its sides; the union keeps one row per (incident, side).
        base().select('i.side_a as key').unionAll(base().select('i.side_b as key'))
      : base().select(groupKey(by).as('key'));
  // SUM and COUNT ignore NULLs on both dialects: an unknown count stays out of the sum instead of adding 0.
  const rows = await store.db
    .selectFrom(keyed.as('k'))
    .select((eb) => [
      'k.key',
      eb.fn.count<number>('k.id').as('incidents'),
      eb.fn.count<number>('k.best').as('with_best'),
      eb.fn.sum<number | null>('k.low').as('low'),
      eb.fn.sum<number | null>('k.best').as('best'),
      eb.fn.sum<number | null>('k.high').as('high'),
    ])
    .$if(by === 'actor', (q) => q.where('k.key', 'is not', null))
    .groupBy('k.key')
    .orderBy('k.key')
    .execute();
  const totals = await store.db
    .selectFrom(base().as('t'))
    .select((eb) => [
      eb.fn.count<number>('t.id').as('incidents'),
      eb.fn.count<number>('t.best').as('with_best'),
      eb.fn.sum<number | null>('t.low').as('low'),
      eb.fn.sum<number | null>('t.best').as('best'),
      eb.fn.sum<number | null>('t.high').as('high'),
    ])
    .executeTakeFirstOrThrow();
  return { by, rows: rows.map((r) => toRow(r.key, r)), total: toRow(null, totals) };
}

/** The totals table holds standing incidents by month of start, province, type and dataset. */
export function answerableByTotals(f: ReviewedIncidentFilter): boolean {
  return (
    (f.status ?? 'active') === 'active' &&
    !f.from &&
    !f.to &&
    !f.actor &&
    f.minDeaths === undefined &&
    !f.place?.admin2 &&
    !f.place?.gazetteer_id
  );
}

async function aggregateFromTotals(
  store: Store,
  by: Exclude<AggregateDimension, 'actor'>,
  filter: ReviewedIncidentFilter,
): Promise<DeathsAggregate> {
  const dimension = TOTALS_DIMENSION[by];
  const totals = await readTotalsHeld(store, {
    by: [dimension],
    admin1: filter.place?.admin1 ? [filter.place.admin1] : undefined,
    eventType: filter.eventType,
    dataset: filter.dataset,
  });
  // No province is '' in the totals and NULL in incidents; NULL sorts first, as SQLite puts it.
  const rows = totals
    .map((t) => totalsRow((t[dimension] ?? '') === '' ? null : (t[dimension] as string), t))
    .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : 1));
  const sum = (pick: (t: TotalsRow) => number) => totals.reduce((n, t) => n + pick(t), 0);
  const total = totalsRow(null, {
    incidents: sum((t) => t.incidents),
    with_best: sum((t) => t.with_best),
    with_low: sum((t) => t.with_low),
    with_high: sum((t) => t.with_high),
    deaths_low: sum((t) => t.deaths_low),
    deaths_best: sum((t) => t.deaths_best),
    deaths_high: sum((t) => t.deaths_high),
  });
  return { by, rows, total };
}

function totalsRow(key: string | null, t: Omit<TotalsRow, TotalsDimension>): DeathsRow {
  return {
    key,
    incidents: t.incidents,
    with_best: t.with_best,
    low: t.with_low > 0 ? t.deaths_low : null,
    best: t.with_best > 0 ? t.deaths_best : null,
    high: t.with_high > 0 ? t.deaths_high : null,
  };
}

function toRow(
  key: string | null,
  r: { incidents: number | string; with_best: number | string; low: unknown; best: unknown; high: unknown },
): DeathsRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    key,
    incidents: Number(r.incidents),
    with_best: Number(r.with_best),
    low: num(r.low),
    best: num(r.best),
    high: num(r.high),
  };
}
