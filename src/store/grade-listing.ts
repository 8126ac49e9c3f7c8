import type { Incident } from '../core/incident.js';
import type { ActorIndex } from '../resolve/actors.js';
import { listGradedPage, loadGradedIncidents } from './grade-pages.js';
import { type IncidentFilter, toIncident } from './incident-queries.js';
import type { Store } from './open-store.js';

/** `listIncidents` with each incident's grade, and `filter.grade` applied: what `tally incidents` prints. */
export async function listGradedIncidents(
  store: Store,
  filter: IncidentFilter = {},
  actors?: ActorIndex | null,
): Promise<Incident[]> {
  const limit = filter.limit ?? 10_000;
  const offset = filter.offset ?? 0;
  const graded = await listGradedPage(store, filter, null, limit + offset, { actors });
  return graded.slice(offset).map((r) => ({ ...toIncident(r), grade: r.grade }));
}

export async function getGradedIncident(
  store: Store,
  id: number,
  actors?: ActorIndex | null,
): Promise<Incident | null> {
  const [graded] = await loadGradedIncidents(store.db, [id], actors);
  return graded ? { ...toIncident(graded), grade: graded.grade } : null;
}
