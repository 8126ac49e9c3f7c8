import type { DeathsAggregate } from '../src/core/aggregate.js';
import { aggregateDeaths } from '../src/store/aggregate-queries.js';
import { readTotals } from '../src/store/incident-totals.js';
import { loadReviewedIncidents } from '../src/store/incident-views.js';
import type { Store } from '../src/store/open-store.js';
import { pageIncidentIds, type ReviewedIncidentFilter } from '../src/store/reviewed-incidents.js';
import { medianMs, timed } from './bench-support.js';
import { type Group, QUESTIONS } from './questions.js';

export interface TallyFigures {
  /** The first page: no cursor, so incidents that started before `from` must be skipped in the index. */
  first_page_ms: number;
  page_ms: number;
  month_one_province_ms: number;
  month_two_provinces_ms: number;
  by_type_ms: number;
  /** The same by-type question as a GROUP BY over every incident, bypassing the totals: what they save. */
  by_type_scan_ms: number;
  answers: { page: number[]; month_one_province: Group[]; by_type: Group[] };
}

const groups = (a: DeathsAggregate): Group[] =>
  a.rows.map((r) => ({ key: r.key, incidents: r.incidents, best: r.best }));

/** The bench's questions through Tally's own store functions, as the API answers them. */
export async function askTally(store: Store, runs: number): Promise<TallyFigures> {
  const q = QUESTIONS;
  const filter: ReviewedIncidentFilter = {
    place: { admin1: q.province },
    eventType: q.eventType,
    from: q.from,
    to: q.to,
  };
  const first = await pageIncidentIds(store.db, filter, { sort: 'date', order: 'asc', limit: q.pageSize });
  const after = first.next ?? undefined;
  // The second page, from the first page's cursor, with every incident read as the API returns it.
  const page = async () => {
    const ids = await pageIncidentIds(store.db, filter, { sort: 'date', order: 'asc', after, limit: q.pageSize });
    return loadReviewedIncidents(store.db, ids.ids);
  };
  const one = () => aggregateDeaths(store, 'month', { place: { admin1: q.province } });
  const two = () => readTotals(store, { by: ['month'], admin1: [...q.provinces] });
  const byType = () => aggregateDeaths(store, 'type', {});
  // A from-date before every incident makes the same question one the totals cannot answer.
  const [, by_type_scan_ms] = await timed(() => aggregateDeaths(store, 'type', { from: '0001-01-01' }));
  const firstPage = async () => {
    const ids = await pageIncidentIds(store.db, filter, { sort: 'date', order: 'asc', limit: q.pageSize });
    return loadReviewedIncidents(store.db, ids.ids);
  };
  return {
    first_page_ms: await medianMs(runs, firstPage),
    page_ms: await medianMs(runs, page),
    month_one_province_ms: await medianMs(runs, one),
    month_two_provinces_ms: await medianMs(runs, two),
    by_type_ms: await medianMs(runs, byType),
    by_type_scan_ms,
    answers: {
      page: (await page()).map((i) => Number(i.dataset_id)),
      month_one_province: groups(await one()),
      by_type: groups(await byType()),
    },
  };
}
