import type { Kysely } from 'kysely';
import type { Agent } from '../core/account.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type {
  AcceptRequest,
  FigureCorrection,
  FigureState,
  FigureValues,
  NoteRequest,
  RejectRequest,
  ReviewedFigure,
} from '../core/review.js';
import { appendAudit } from '../store/audit-store.js';
import { incidentsQuoting, syncIncidents } from '../store/incident-effective.js';
import type { Store } from '../store/open-store.js';
import {
  anchorOf,
  figureStateOf,
  figureValuesOf,
  insertFigureReview,
  latestFigureReview,
} from '../store/review-store.js';
import { getReviewedFigure } from '../store/reviewed-figures.js';
import type { Database, FigureRow } from '../store/schema.js';
import { inTransaction } from '../store/transactions.js';
import { assertChanges, sharedReviewStep, withNote } from './review-step.js';

type Db = Kysely<Database>;

export interface ReviewDeps {
  store: Store;
  now(): string;
}

export type FigureAction =
  | { type: 'accept'; body: AcceptRequest }
  | { type: 'reject'; body: RejectRequest }
  | { type: 'correct'; body: FigureCorrection }
  | { type: 'note'; body: NoteRequest };

export const figureKey = (id: number) => `figure:${id}`;

/**
 * Accept, reject, correct or annotate a figure of a document's current extraction. The extractor's
 * row stays as it is; the review is a new row, and the change an audit entry, in one transaction.
 */
export async function reviewFigure(
  deps: ReviewDeps,
  agent: Agent,
  figureId: number,
  action: FigureAction,
): Promise<{ figure: ReviewedFigure; auditId: number }> {
  const auditId = await inTransaction(deps.store, async (trx) => {
    const figure = await currentFigure(trx, figureId);
    const before = await figureState(trx, figure);
    const after = nextFigureState(before, action);
    const now = deps.now();
    const id = await appendAudit(trx, {
      agent,
      action: `figure.${action.type}`,
      entityType: 'figure',
      entityId: figure.id,
      before: { [figureKey(figure.id)]: before },
      after: { [figureKey(figure.id)]: after },
      reason: action.body.reason ?? null,
      now,
    });
    await insertFigureReview(trx, anchorOf(figure), after, id, now);
    // Incidents quoting the statement estimate their deaths again, so totals follow the correction.
    await syncIncidents(trx, await incidentsQuoting(trx, anchorOf(figure)));
    return id;
  });
  return { figure: await getReviewedFigure(deps.store, figureId), auditId };
}

/** A figure's review state as its anchor finds it now. */
export async function figureState(db: Db, figure: FigureRow): Promise<FigureState> {
  const review = await latestFigureReview(db, {
    documentId: figure.document_id,
    kind: figure.kind,
    start: figure.evidence_start,
    end: figure.evidence_end,
  });
  return figureStateOf(figureValuesOf(figure), review);
}

/** The figure, refused when a newer extraction of its document exists: review what readers see now. */
async function currentFigure(db: Db, id: number): Promise<FigureRow> {
  const figure = await db.selectFrom('figures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!figure) throw new NotFoundError('figure', String(id));
  const latest = await db
    .selectFrom('extractions')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('document_id', '=', figure.document_id)
    .executeTakeFirstOrThrow();
  if (latest.id === figure.extraction_id) return figure;
  const now = await counterpartOf(db, figure, latest.id);
  throw new ConflictError(
    `figure ${id} comes from an older extraction of document ${figure.document_id}; ${
      now
        ? `the current extraction states it as figure ${now.id}: review that one`
        : 'the current extraction no longer finds it'
    }`,
  );
}

/** The figure of an extraction that the anchoring rule matches to `figure`: most overlap, then nearest start. */
export async function counterpartOf(db: Db, figure: FigureRow, extractionId: number): Promise<FigureRow | null> {
  const candidates = await db
    .selectFrom('figures')
    .selectAll()
    .where('extraction_id', '=', extractionId)
    .where('kind', '=', figure.kind)
    .where('evidence_start', '<', figure.evidence_end)
    .where('evidence_end', '>', figure.evidence_start)
    .execute();
  const overlap = (f: FigureRow) =>
    Math.min(f.evidence_end, figure.evidence_end) - Math.max(f.evidence_start, figure.evidence_start);
  candidates.sort(
    (a, b) =>
      overlap(b) - overlap(a) ||
      Math.abs(a.evidence_start - figure.evidence_start) - Math.abs(b.evidence_start - figure.evidence_start),
  );
  return candidates[0] ?? null;
}

export function nextFigureState(current: FigureState, action: FigureAction): FigureState {
  if (action.type !== 'correct') return sharedReviewStep(current, action);
  const { reason: _reason, note: _note, note_sensitive: _sensitive, ...patch } = action.body;
  const values: FigureValues = { ...current.values, ...patch };
  checkFigureValues(values);
  assertChanges(values, current.values, 'figure');
  return { ...current, ...withNote(current, action), status: 'corrected', corrected: true, values };
}

function checkFigureValues(v: FigureValues): void {
  if (v.low !== null && v.high !== null && v.low > v.high) {
    throw new InvalidInputError('body.low', `low (${v.low}) is greater than high (${v.high})`);
  }
  const needs: Partial<Record<FigureValues['qualifier'], [boolean, string]>> = {
    range: [v.low !== null && v.high !== null, 'a range needs both low and high'],
    at_least: [v.low !== null, '"at least" needs low'],
    up_to: [v.high !== null, '"up to" needs high'],
    vague: [v.vague !== null, 'a vague figure needs the vague word ("dozens")'],
  };
  const rule = needs[v.qualifier];
  if (rule && !rule[0]) throw new InvalidInputError('body.qualifier', rule[1]);
}
