import type { ReviewedIncident } from '../core/review.js';
import { loadReviewedIncidents } from './incident-views.js';
import type { Store } from './open-store.js';
import { pageIncidentIds, type ReviewedIncidentFilter } from './reviewed-incidents.js';

/** Where a page ends: the next page starts after this incident in (date_start, id) order. */
export interface IncidentCursor {
  date_start: string;
  id: number;
}

/** What an export prints about a source document, without its text. */
export interface DocumentLabel {
  id: number;
  title: string | null;
  source: string;
  publisher: string | null;
  published: string | null;
}

/**
 * One page of incidents in (date_start, id) order, starting after `after`, with reviews applied and
 * the review beside them (exports carry its status and note). Standing incidents only unless
 * `filter.status` says otherwise. Keyset paging costs the same on the last page as on the first,
 * where an offset would rescan everything before it.
 */
export async function listIncidentPage(
  store: Store,
  filter: ReviewedIncidentFilter,
  after: IncidentCursor | null,
  limit: number,
): Promise<ReviewedIncident[]> {
  const page = await pageIncidentIds(store.db, filter, {
    sort: 'date',
    order: 'asc',
    after: after ? { value: after.date_start, id: after.id } : undefined,
    limit,
  });
  return loadReviewedIncidents(store.db, page.ids);
}

/** Titles, sources and dates of the documents a page of incidents cites. */
export async function readDocumentLabels(store: Store, ids: readonly number[]): Promise<Map<number, DocumentLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('documents')
    .select(['id', 'title', 'source', 'publisher', 'published'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
