import { sql } from 'kysely';
import type { Store } from './open-store.js';

export const TOTALS_DIMENSIONS = ['month', 'admin1', 'event_type', 'dataset'] as const;
export type TotalsDimension = (typeof TOTALS_DIMENSIONS)[number];

export interface TotalsQuery {
  by: TotalsDimension[];
  /** Provinces to keep; a province takes in everything inside it. */
  admin1?: string[];
  eventType?: string;
  dataset?: string;
  /** Months as YYYY-MM, inclusive. */
  from?: string;
  to?: string;
}

export interface TotalsRow {
  month?: string;
  admin1?: string;
  event_type?: string;
  dataset?: string;
  incidents: number;
  /** How many of the incidents have a death estimate at all; the sums cover only those. */
  with_best: number;
  /** How many have a low and a high estimate: a sum over none is unknown, not zero. */
  with_low: number;
  with_high: number;
  deaths_low: number;
  deaths_best: number;
  deaths_high: number;
}

/**
 * Totals from the trigger-kept table: exact, and a few hundred rows to read however many
 * incidents there are. Incidents count in the month they started, with their effective (reviewed)
 * values; rejected, merged-away and withdrawn incidents count nowhere.
 */
export async function readTotals(store: Store, q: TotalsQuery): Promise<TotalsRow[]> {
  const by = TOTALS_DIMENSIONS.filter((d) => q.by.includes(d));
  let query = store.db
    .selectFrom('incident_totals')
    .select(by)
    .select([
      sql<number>`sum(incidents)`.as('incidents'),
      sql<number>`sum(with_best)`.as('with_best'),
      sql<number>`sum(with_low)`.as('with_low'),
      sql<number>`sum(with_high)`.as('with_high'),
      sql<number>`sum(deaths_low)`.as('deaths_low'),
      sql<number>`sum(deaths_best)`.as('deaths_best'),
      sql<number>`sum(deaths_high)`.as('deaths_high'),
    ]);
  if (q.admin1 && q.admin1.length > 0) query = query.where('admin1', 'in', q.admin1);
  if (q.eventType) query = query.where('event_type', '=', q.eventType);
  if (q.dataset) query = query.where('dataset', '=', q.dataset);
  if (q.from) query = query.where('month', '>=', q.from);
  if (q.to) query = query.where('month', '<=', q.to);
  if (by.length > 0) query = query.groupBy(by);
  for (const d of by) query = query.orderBy(d);
  const rows = await query.having(sql`sum(incidents)`, '>', 0).execute();
  return rows.map((r) => ({
    ...r,
    incidents: Number(r.incidents),
    with_best: Number(r.with_best),
    with_low: Number(r.with_low),
    with_high: Number(r.with_high),
    deaths_low: Number(r.deaths_low),
    deaths_best: Number(r.deaths_best),
    deaths_high: Number(r.deaths_high),
  }));
}
