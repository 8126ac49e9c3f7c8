import type { User } from '../../src/core/account.js';
import type { DeathsAggregate, TimelineAggregate } from '../../src/core/aggregate.js';
import type { DocumentSummary, StoredDocument } from '../../src/core/document.js';
import type { AuditEntry, ReviewedFigure, ReviewedIncident } from '../../src/core/review.js';

/** The API's own types (the zod schemas the server validates with); imported as types only, nothing is bundled. */
export type { AuditEntry, DeathsAggregate, DocumentSummary, ReviewedFigure, ReviewedIncident, TimelineAggregate, User };

export type DocumentDetail = StoredDocument & { figures: ReviewedFigure[] };

/** /api/incidents/points: id, lon, lat, low, best, high, type, date, place. */
export type PointRow = [
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string,
  string,
  string | null,
];

export interface Me {
  user: User | null;
  via: string;
  public_reads: boolean;
}
