import { z } from 'zod';
import { FigureKind } from '../core/figure.js';
import { FIGURE_REVIEW_STATUSES, ReviewedFigure } from '../core/review.js';
import { getReviewedFigure, listReviewedFigures } from '../store/reviewed-figures.js';
import type { ServerDeps, ZodApp } from './server-types.js';

/** The filters of `tally figures`, as query parameters; they apply to the reviewed values. */
const FigureQuery = z.object({
  document: z.coerce.number().int().positive().optional(),
  kind: FigureKind.optional(),
  min: z.coerce.number().int().min(0).optional().describe('low or high reaches this'),
  claimant: z.string().trim().min(1).max(200).optional().describe('claimant contains this text'),
  status: z
    .enum(['active', 'all', ...FIGURE_REVIEW_STATUSES])
    .default('active')
    .describe('active: all but rejected'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerFigureRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/figures',
    {
      schema: {
        tags: ['figures'],
        summary: "Figures of each document's current extraction, with reviews applied",
        querystring: FigureQuery,
        response: { 200: z.array(ReviewedFigure) },
      },
    },
    async (request) => {
      const q = request.query;
      return listReviewedFigures(deps.store, {
        document: q.document,
        kind: q.kind,
        minValue: q.min,
        claimant: q.claimant,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  app.get(
    '/api/figures/:id',
    {
      schema: {
        tags: ['figures'],
        summary: 'One figure: effective values, what the extractor said, and its review',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: ReviewedFigure },
      },
    },
    async (request) => getReviewedFigure(deps.store, request.params.id),
  );
}
