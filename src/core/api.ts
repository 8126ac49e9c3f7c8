import { z } from 'zod';
import { StoredDocument } from './document.js';
import { ReviewedFigure, ReviewedIncident } from './review.js';
import { StoredConflict } from './stored-figure.js';

/** Compositions the HTTP API returns; each part is a schema the CLI's --json shares. */
export const DocumentDetail = StoredDocument.extend({
  figures: z.array(ReviewedFigure),
  conflict: StoredConflict.nullable(),
});

export const IncidentPage = z.object({
  items: z.array(ReviewedIncident),
  /** Pass as `cursor` for the next page; null on the last page. Opaque: only this server reads it. */
  next_cursor: z.string().nullable(),
});

export const IngestResult = z.object({
  name: z.string(),
  status: z.enum(['ingested', 'unchanged']),
  id: z.number().int(),
  figures: z.number().int().nullable(),
});

/** How many of the rows it could not store POST /api/import lists; a file of bad rows stays a short answer. */
export const IMPORT_ERRORS_SHOWN = 100;

/** POST /api/import: what `tally import --json` prints, and the rows that could not be imported. */
export const ImportResult = z.object({
  format: z.enum(['ged', 'acled']),
  /** As stored on every incident: "ucdp-ged 19.1", "acled". */
  dataset: z.string(),
  /** Rows stored, new or updated. */
  imported: z.number().int().nonnegative(),
  /** Of those, rows already stored (same dataset and id), updated in place. */
  updated: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z
    .array(z.object({ line: z.number().int().nullable(), message: z.string() }))
    .describe(`the first ${IMPORT_ERRORS_SHOWN} rows that could not be imported; \`failed\` counts them all`),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const FigureReviewResult = z.object({ audit_id: z.number().int(), figure: ReviewedFigure });
export const IncidentReviewResult = z.object({ audit_id: z.number().int(), incident: ReviewedIncident });
export const SplitResult = IncidentReviewResult.extend({ created: ReviewedIncident });

export const ApiError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
});
