import { type Kysely, sql } from 'kysely';
import { NotFoundError } from '../core/errors.js';
import type { FigureKind } from '../core/figure.js';
import type { FigureReviewStatus, ReviewedFigure } from '../core/review.js';
import { rowToFigure } from './extraction-store.js';
import type { Store } from './open-store.js';
import { containsText, latestExtractionOf } from './queries.js';
import type { FigureReviewRow } from './review-schema.js';
import {
  figureReviewInfo,
  figureReviewsByIds,
  figureStateOf,
  figureValuesOf,
  latestFigureReview,
} from './review-store.js';
import type { Database, FigureRow } from './schema.js';

export interface ReviewedFigureFilter {
  document?: number;
  kind?: FigureKind;
  /** Figures whose effective low or high reaches this. */
  minValue?: number;
  claimant?: string;
  /** `active` (default) leaves out rejected figures; `all` keeps them. */
  status?: FigureReviewStatus | 'active' | 'all';
  limit?: number;
  offset?: number;
}

type OverridableColumn = 'kind' | 'low' | 'high' | 'claimant';

/** A figure column as the reader should see it: the review's value when a correction overrides it. */
function effective<T>(column: OverridableColumn) {
  return sql<T>`case when ${sql.ref('r.overrides')} = 1 then ${sql.ref(`r.${column}`)} else ${sql.ref(`f.${column}`)} end`;
}

function reviewedFigures(db: Kysely<Database>) {
  return db
    .selectFrom('figures as f')
    .innerJoin('extractions as e', 'e.id', 'f.extraction_id')
    .innerJoin('documents as d', 'd.id', 'f.document_id')
    .leftJoin('figure_reviews as r', (join) =>
      join.on((eb) =>
        eb(
          'r.id',
          '=',
          // The anchoring rule: same document, same extracted kind, overlapping evidence; newest review wins.
          eb
            .selectFrom('figure_reviews as x')
            .select((x) => x.fn.max('x.id').as('m'))
            .whereRef('x.document_id', '=', 'f.document_id')
            .whereRef('x.anchor_kind', '=', 'f.kind')
            .whereRef('x.evidence_start', '<', 'f.evidence_end')
            .whereRef('x.evidence_end', '>', 'f.evidence_start'),
        ),
      ),
    );
}

/** Figures of each document's newest extraction, with reviews applied; filters see the effective values. */
export async function listReviewedFigures(store: Store, filter: ReviewedFigureFilter = {}): Promise<ReviewedFigure[]> {
  let query = reviewedFigures(store.db)
    .selectAll('f')
    .select(['e.extractor', 'e.extractor_version', 'd.title as document_title', 'r.id as review_id'])
    .where((eb) => eb('f.extraction_id', '=', latestExtractionOf(eb.ref('f.document_id'))));
  if (filter.document !== undefined) query = query.where('f.document_id', '=', filter.document);
  if (filter.kind !== undefined) query = query.where(effective<string>('kind'), '=', filter.kind);
  if (filter.minValue !== undefined) {
    const min = filter.minValue;
    query = query.where((eb) =>
      eb.or([eb(effective<number>('low'), '>=', min), eb(effective<number>('high'), '>=', min)]),
    );
  }
  if (filter.claimant) query = query.where(containsText(effective<string | null>('claimant'), filter.claimant));
  const status = filter.status ?? 'active';
  const current = sql<string>`coalesce(${sql.ref('r.status')}, 'unreviewed')`;
  if (status === 'active') query = query.where(current, '<>', 'rejected');
  else if (status !== 'all') query = query.where(current, '=', status);
  const rows = await query
    .orderBy('f.document_id')
    .orderBy('f.ordinal')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  const reviews = await figureReviewsByIds(
    store.db,
    rows.flatMap((r) => (r.review_id === null ? [] : [r.review_id])),
  );
  return rows.map((r) => toReviewedFigure(r, r.review_id === null ? null : (reviews.get(r.review_id) ?? null)));
}

/** One figure by id (of any extraction), with the review its anchor finds. */
export async function getReviewedFigure(store: Store, id: number): Promise<ReviewedFigure> {
  const row = await store.db
    .selectFrom('figures as f')
    .innerJoin('extractions as e', 'e.id', 'f.extraction_id')
    .innerJoin('documents as d', 'd.id', 'f.document_id')
    .selectAll('f')
    .select(['e.extractor', 'e.extractor_version', 'd.title as document_title'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('figure', String(id));
  const review = await latestFigureReview(store.db, {
    documentId: row.document_id,
    kind: row.kind,
    start: row.evidence_start,
    end: row.evidence_end,
  });
  return toReviewedFigure(row, review);
}

function toReviewedFigure(
  row: FigureRow & { extractor: string; extractor_version: string; document_title: string | null },
  review: (FigureReviewRow & { user_name: string }) | null,
): ReviewedFigure {
  const extracted = figureValuesOf(row);
  const state = figureStateOf(extracted, review);
  return {
    ...rowToFigure(row),
    ...state.values,
    extracted,
    review: review ? figureReviewInfo(review) : null,
  };
}
