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

export const FigureReviewResult = z.object({ audit_id: z.number().int(), figure: ReviewedFigure });
export const IncidentReviewResult = z.object({ audit_id: z.number().int(), incident: ReviewedIncident });
export const SplitResult = IncidentReviewResult.extend({ created: ReviewedIncident });

export const ApiError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
});
