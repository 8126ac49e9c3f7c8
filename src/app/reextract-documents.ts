import type { Kysely } from 'kysely';
import type { Agent } from '../core/account.js';
import type { ReadDocument } from '../core/document.js';
import { appendAudit } from '../store/audit-store.js';
import { getDocument } from '../store/document-store.js';
import { insertExtraction } from '../store/extraction-store.js';
import type { Store } from '../store/open-store.js';
import { figureReviewsOfDocuments } from '../store/review-store.js';
import type { Database } from '../store/schema.js';
import { inTransaction } from '../store/transactions.js';
import type { Analysis } from './ingest-documents.js';

export interface ReextractDeps {
  store: Store;
  /** The current analyser; its extractor name and version label the new extraction. */
  analyse(doc: ReadDocument): Analysis;
  now(): string;
}

export type ReextractOutcome =
  | {
      document: number;
      status: 'extracted';
      extractor: string;
      figures: number;
      /** Reviews that apply to a figure of the new extraction. */
      reviewsCarried: number;
      /** Reviews that applied before and match no figure now: kept, but worth a look. */
      reviewsUnanchored: number[];
    }
  | { document: number; status: 'current'; extractor: string }
  | { document: number; status: 'failed'; error: string };

/**
 * Run the current analyser over stored documents, adding a new extraction beside the old ones (only
 * the newest is read). Reviews are never touched: they are anchored to statements, not to figure
 * rows, so they find the new extraction's figures by themselves. Incidents stay as ingest built them.
 */
export async function* reextractDocuments(
  deps: ReextractDeps,
  agent: Agent,
  options: { document?: number; force?: boolean } = {},
): AsyncGenerator<ReextractOutcome> {
  const ids =
    options.document !== undefined
      ? [(await getDocument(deps.store, options.document)).id]
      : (await deps.store.db.selectFrom('documents').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const id of ids) yield await reextractOne(deps, agent, id, options.force ?? false);
}

async function reextractOne(deps: ReextractDeps, agent: Agent, id: number, force: boolean): Promise<ReextractOutcome> {
  const doc = await getDocument(deps.store, id);
  let analysis: Analysis;
  try {
    analysis = deps.analyse(doc);
  } catch (error) {
    return { document: id, status: 'failed', error: `document ${id}: ${(error as Error).message}` };
  }
  const { extractor } = analysis.extraction;
  const label = `${extractor.name} ${extractor.version}`;
  return inTransaction(deps.store, async (trx) => {
    const previous = await trx
      .selectFrom('extractions')
      .selectAll()
      .where('document_id', '=', id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!force && previous?.extractor === extractor.name && previous.extractor_version === extractor.version) {
      return { document: id, status: 'current' as const, extractor: label };
    }
    const reviewedBefore = previous ? await effectiveReviews(trx, previous.id) : new Set<number>();
    const now = deps.now();
    const { id: extractionId } = await insertExtraction(trx, id, analysis.extraction, now);
    const reviewedAfter = await effectiveReviews(trx, extractionId);
    await appendAudit(trx, {
      agent,
      action: 'document.reextract',
      entityType: 'document',
      entityId: id,
      before: {
        [`document:${id}`]: previous
          ? { extraction: previous.id, extractor: `${previous.extractor} ${previous.extractor_version}` }
          : null,
      },
      after: { [`document:${id}`]: { extraction: extractionId, extractor: label } },
      reason: null,
      now,
    });
    return {
      document: id,
      status: 'extracted' as const,
      extractor: label,
      figures: analysis.extraction.figures.length,
      reviewsCarried: reviewedAfter.size,
      reviewsUnanchored: [...reviewedBefore].filter((r) => !reviewedAfter.has(r)).sort((a, b) => a - b),
    };
  });
}

/** Ids of the reviews that apply to the figures of one extraction (the anchoring rule, in memory). */
async function effectiveReviews(db: Kysely<Database>, extractionId: number): Promise<Set<number>> {
  const figures = await db.selectFrom('figures').selectAll().where('extraction_id', '=', extractionId).execute();
  const documentId = figures[0]?.document_id;
  if (documentId === undefined) return new Set();
  const reviews = await figureReviewsOfDocuments(db, [documentId]);
  const out = new Set<number>();
  for (const f of figures) {
    const review = reviews.find(
      (r) => r.anchor_kind === f.kind && r.evidence_start < f.evidence_end && r.evidence_end > f.evidence_start,
    );
    if (review) out.add(review.id);
  }
  return out;
}
