import type { Kysely } from 'kysely';
import { type GradedIncident, type GradeOptions, pageGradedIncidents } from '../store/grade-pages.js';
import type { IncidentPageRequest, ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import type { Database } from '../store/schema.js';
import { writeIncidentPage } from './incident-page-serializer.js';
import { encodeCursor } from './incident-query.js';
import { holdsSensitive, redactSensitive } from './redact.js';

export interface IncidentPagePayload {
  items: GradedIncident[];
  next_cursor: string | null;
}

/** What `GET /api/incidents` answers: a page of graded incidents and the cursor to the next. */
export async function readIncidentPage(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  page: IncidentPageRequest,
  options: GradeOptions,
): Promise<IncidentPagePayload> {
  const found = await pageGradedIncidents(db, filter, page, options);
  return {
    items: found.items,
    next_cursor: found.next ? encodeCursor(page.sort, page.order, found.next) : null,
  };
}

/**
 * The page's bytes as the server sends them to this reader: notes marked sensitive redacted, as the
 * server's preSerialization hook does for every JSON answer, then written by the page's serializer.
 */
export function incidentPageBytes(payload: IncidentPagePayload, sensitive: boolean): Buffer {
  return writeIncidentPage(sensitive || !holdsSensitive(payload) ? payload : redactSensitive(payload));
}
