import type { Kysely } from 'kysely';
import type { Grade, IncidentGrade } from '../core/grade.js';
import type { ReviewedIncident } from '../core/review.js';
import type { ActorIndex } from '../resolve/actors.js';
import { gradeIncidents } from './grade-store.js';
import { type IncidentCursor, listIncidentPage } from './incident-pages.js';
import { loadReviewedIncidents } from './incident-views.js';
import type { Store } from './open-store.js';
import {
  type IncidentPageRequest,
  type IncidentPosition,
  type IncidentSort,
  pageIncidentIds,
  type ReviewedIncidentFilter,
} from './reviewed-incidents.js';
import type { Database } from './schema.js';

export type GradedIncident = ReviewedIncident & { grade: IncidentGrade };

// A grade is computed, not a column: a filtered page reads on in batches until it is full.
const MIN_BATCH = 200;
/**
 * At most this many incidents are graded for one API page: a rare grade over a large store answers a
 * short page with a cursor to go on from, rather than reading the whole store in one request.
 */
export const MAX_GRADED_PER_PAGE = 10_000;

/** What grading needs besides the store: the registry (is a claimant a party?) and the grade asked for. */
export interface GradeOptions {
  actors?: ActorIndex | null;
  grade?: Grade;
  /** Where graded incidents come from, in the order of `ids`: the store, or what keeps them. */
  load?: (ids: number[]) => Promise<GradedIncident[]>;
}

/** Incidents with their grades, in the order given. */
export async function loadGradedIncidents(
  db: Kysely<Database>,
  ids: number[],
  actors?: ActorIndex | null,
): Promise<GradedIncident[]> {
  const incidents = await loadReviewedIncidents(db, ids);
  const grades = await gradeIncidents(db, incidents, actors);
  // The grade is added to each new incident, not spread with it into another: the copies of a page's
  // incidents cost as much as grading them.
  return incidents.map((i) => Object.assign(i, { grade: grades.get(i.id) as IncidentGrade }));
}

/** The page of `listIncidentPage` (date order, after a cursor), graded, and only the grade asked for. */
export async function listGradedPage(
  store: Store,
  filter: ReviewedIncidentFilter,
  after: IncidentCursor | null,
  limit: number,
  options: GradeOptions = {},
): Promise<GradedIncident[]> {
  const wanted = options.grade ?? filter.grade;
  const out: GradedIncident[] = [];
  let cursor = after;
  const batch = wanted ? Math.max(limit, MIN_BATCH) : limit;
  for (;;) {
    const reviewed = await listIncidentPage(store, filter, cursor, batch);
    const grades = await gradeIncidents(store.db, reviewed, options.actors);
    for (const r of reviewed) {
      const grade = grades.get(r.id) as IncidentGrade;
      if (!wanted || grade.grade === wanted) out.push({ ...r, grade });
      if (out.length === limit) return out;
    }
    const last = reviewed.at(-1);
    if (!last || reviewed.length < batch) return out;
    cursor = { date_start: last.date.start, id: last.id };
  }
}

/** `pageIncidentIds` for any sort, graded, keeping only the grade asked for; the cursor is the last shown. */
export async function pageGradedIncidents(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  page: IncidentPageRequest,
  options: GradeOptions = {},
): Promise<{ items: GradedIncident[]; next: IncidentPosition | null }> {
  const wanted = options.grade ?? filter.grade;
  const items: GradedIncident[] = [];
  let after = page.after;
  const batch = wanted ? Math.max(page.limit, MIN_BATCH) : page.limit;
  let graded = 0;
  const load = options.load ?? ((ids: number[]) => loadGradedIncidents(db, ids, options.actors));
  for (;;) {
    const ids = await pageIncidentIds(db, filter, { ...page, after, limit: batch });
    graded += ids.ids.length;
    const incidents = await load(ids.ids);
    for (const incident of incidents) {
      if (wanted && incident.grade.grade !== wanted) continue;
      if (items.length === page.limit) {
        const last = items.at(-1) as GradedIncident;
        return { items, next: { value: sortValue(last, page.sort), id: last.id } };
      }
      items.push(incident);
    }
    if (!ids.next) return { items, next: null };
    const last = items.at(-1);
    if (items.length === page.limit && last) return { items, next: { value: sortValue(last, page.sort), id: last.id } };
    if (graded >= MAX_GRADED_PER_PAGE) return { items, next: ids.next };
    after = ids.next;
  }
}

/** The value an incident sorts by, as `sortExpression` computes it in the store. */
function sortValue(i: ReviewedIncident, sort: IncidentSort): string | number {
  if (sort === 'date') return i.date.start;
  if (sort === 'deaths') return i.deaths.best ?? -1;
  return i.id;
}
