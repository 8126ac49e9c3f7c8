import { sql } from 'kysely';
import type { DeathsRow, TimelineAggregate, TimelineSplit } from '../core/aggregate.js';
import { answerableByTotals } from './aggregate-queries.js';
import { readTotals } from './incident-totals.js';
import type { Store } from './open-store.js';
import { filteredIncidents, type ReviewedIncidentFilter } from './reviewed-incidents.js';

type Cell = DeathsRow & { month: string };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

/** Cells of (month, key) from one scan of the matching incidents, keyed by `key` ('type' or a side). */
async function scan(store: Store, filter: ReviewedIncidentFilter, key: 'type' | 'actor' | null): Promise<Cell[]> {
  const base = () =>
    filteredIncidents(store.db, filter).select([
      'i.id',
      sql<string>`substr(${sql.ref('i.date_start')}, 1, 7)`.as('month'),
      'i.deaths_low as low',
      'i.deaths_best as best',
      'i.deaths_high as high',
    ]);
  const keyed =
    key === 'actor'
      ? // An incident belongs to each of its sides, as in the aggregates by actor.
        base().select('i.side_a as key').unionAll(base().select('i.side_b as key'))
      : key === 'type'
        ? base().select('i.event_type as key')
        : base().select(sql<string | null>`null`.as('key'));
  const rows = await store.db
    .selectFrom(keyed.as('k'))
    .select((eb) => [
      'k.month',
      'k.key',
      eb.fn.count<number>('k.id').as('incidents'),
      eb.fn.count<number>('k.best').as('with_best'),
      eb.fn.sum<number | null>('k.low').as('low'),
      eb.fn.sum<number | null>('k.best').as('best'),
      eb.fn.sum<number | null>('k.high').as('high'),
    ])
    .$if(key === 'actor', (q) => q.where('k.key', 'is not', null))
    .groupBy(['k.month', 'k.key'])
    .execute();
  return rows.map((r) => ({
    month: String(r.month),
    key: r.key === null ? null : String(r.key),
    incidents: Number(r.incidents),
    with_best: Number(r.with_best),
    low: num(r.low),
    best: num(r.best),
    high: num(r.high),
  }));
}

/** Month by event type from the trigger-kept totals, when the filter is one they answer. */
async function fromTotals(store: Store, filter: ReviewedIncidentFilter): Promise<Cell[]> {
  const rows = await readTotals(store, {
    by: ['month', 'event_type'],
    admin1: filter.place?.admin1 ? [filter.place.admin1] : undefined,
    eventType: filter.eventType,
    dataset: filter.dataset,
  });
  return rows.map((t) => ({
    month: t.month ?? '',
    key: t.event_type ?? null,
    incidents: t.incidents,
    with_best: t.with_best,
    low: t.with_low > 0 ? t.deaths_low : null,
    best: t.with_best > 0 ? t.deaths_best : null,
    high: t.with_high > 0 ? t.deaths_high : null,
  }));
}

function byMonth(cells: Cell[]): DeathsRow[] {
  const months = new Map<string, DeathsRow>();
  for (const c of cells) {
    const m = months.get(c.month) ?? { key: c.month, incidents: 0, with_best: 0, low: null, best: null, high: null };
    months.set(c.month, {
      key: c.month,
      incidents: m.incidents + c.incidents,
      with_best: m.with_best + c.with_best,
      low: add(m.low, c.low),
      best: add(m.best, c.best),
      high: add(m.high, c.high),
    });
  }
  return [...months.values()].filter((m) => m.key !== '').sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1));
}

/**
 * The timeline in one or two scans instead of a request per series: deaths per month (by the
 * month an incident started, as /api/aggregates/deaths?by=month counts them), and the best estimate
 * per month of each event type, or of the `top` actors with most deaths.
 */
export async function timelineDeaths(
  store: Store,
  split: TimelineSplit,
  filter: ReviewedIncidentFilter,
  top: number,
): Promise<TimelineAggregate> {
  let months: DeathsRow[];
  let cells: Cell[];
  if (split === 'type') {
    cells = answerableByTotals(filter) ? await fromTotals(store, filter) : await scan(store, filter, 'type');
    months = byMonth(cells);
  } else {
    [months, cells] = [byMonth(await scan(store, filter, null)), await scan(store, filter, 'actor')];
  }
  const perKey = new Map<string, number>();
  for (const c of cells) if (c.key !== null) perKey.set(c.key, (perKey.get(c.key) ?? 0) + (c.best ?? 0));
  const keys = [...perKey]
    .filter(([, best]) => best > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, split === 'actor' ? top : undefined)
    .map(([key]) => key);
  const wanted = new Set(keys);
  const series = cells
    .filter((c): c is Cell & { key: string } => c.key !== null && wanted.has(c.key) && c.month !== '')
    .map((c) => ({ month: c.month, key: c.key, best: c.best ?? 0 }));
  return { split, months, keys, series };
}
