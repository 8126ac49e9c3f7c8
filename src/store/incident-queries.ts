import type { Grade } from '../core/grade.js';
import type { Incident } from '../core/incident.js';
import type { ReviewedIncident } from '../core/review.js';
import { loadReviewedIncidents } from './incident-views.js';
import type { Store } from './open-store.js';
import { filteredIncidents } from './reviewed-incidents.js';

/** A place filter, already resolved: a province takes in its districts, a district its villages. */
export interface PlaceFilter {
  admin1?: string;
  admin2?: string;
  gazetteer_id?: string;
}

/** The filters of `tally incidents` and `tally export`; only standing incidents are listed. */
export interface IncidentFilter {
  from?: string;
  to?: string;
  place?: PlaceFilter;
  /** Actor id or name, as the registry has it. */
  actor?: string;
  eventType?: string;
  minDeaths?: number;
  /** Applied after grading, not in SQL: see grade-pages.ts. */
  grade?: Grade;
  dataset?: string;
  limit?: number;
  offset?: number;
}

/** Incidents as readers see them (reviews applied), by date. Rejected and merged-away ones are left out. */
export async function listIncidents(store: Store, filter: IncidentFilter = {}): Promise<Incident[]> {
  const rows = await filteredIncidents(store.db, filter)
    .select('i.id')
    .orderBy('i.date_start')
    .orderBy('i.id')
    .limit(filter.limit ?? 10_000)
    .offset(filter.offset ?? 0)
    .execute();
  return readIncidents(
    store,
    rows.map((r) => r.id),
  );
}

export async function getIncident(store: Store, id: number): Promise<Incident | null> {
  return (await readIncidents(store, [id]))[0] ?? null;
}

/** Incidents in the order of `ids`, with effective values, as `tally incidents --json` shows them. */
export async function readIncidents(store: Store, ids: number[]): Promise<Incident[]> {
  return (await loadReviewedIncidents(store.db, ids)).map(toIncident);
}

/** The plain incident of a reviewed one: claims with their corrected numbers, no review metadata. */
export function toIncident(r: ReviewedIncident): Incident {
  return {
    id: r.id,
    date: r.date,
    place: r.place,
    event_type: r.event_type,
    sub_event_type: r.sub_event_type,
    violence_type: r.violence_type,
    side_a: r.side_a,
    side_b: r.side_b,
    actors: r.actors,
    deaths: r.deaths,
    deaths_by: r.deaths_by,
    claims: r.claims.map(({ id: _id, figure_review: _review, ...claim }) => claim),
    sources: r.sources.map(({ id: _id, ...source }) => source),
    summary: r.summary,
    dataset: r.dataset,
    dataset_id: r.dataset_id,
  };
}
