import type { Incident } from '../core/incident.js';
import { type IncidentFilter, readIncidents } from './incident-queries.js';
import type { Store } from './open-store.js';
import { pageIncidentIds } from './reviewed-incidents.js';

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
 * One page of standing incidents in (date_start, id) order, starting after `after`, with reviews
 * applied. Keyset paging costs the same on the last page as on the first, where an offset would
 * rescan everything before it. `filter.limit` and `filter.offset` are ignored: the page size is `limit`.
 */
export async function listIncidentPage(
  store: Store,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
): Promise<Incident[]> {
  const page = await pageIncidentIds(store.db, filter, {
    sort: 'date',
    order: 'asc',
    after: after ? { value: after.date_start, id: after.id } : undefined,
    limit,
  });
  return readIncidents(store, page.ids);
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
