import type { Agent } from '../core/account.js';
import { ConflictError, InvalidInputError } from '../core/errors.js';
import { type AuditEntry, FigureState, IncidentState } from '../core/review.js';
import { appendAudit, getAudit } from '../store/audit-store.js';
import {
  type GradeReviewState,
  parseReviewState,
  reviewStateOf,
  reviewStateRecord,
  writeReviewState,
} from '../store/grade-reviews.js';
import { incidentsQuoting, syncIncidents } from '../store/incident-effective.js';
import { anchorOf, insertFigureReview } from '../store/review-store.js';
import { inTransaction } from '../store/transactions.js';
import { incidentState, writeIncidentStates } from './incident-state.js';
import { counterpartOf, figureState, type ReviewDeps } from './review-figures.js';

/** Review changes can be reverted; account changes and ingests are undone by their own commands. */
function isRevertible(entry: AuditEntry): boolean {
  return (
    entry.action === 'revert' ||
    entry.action.startsWith('figure.') ||
    entry.action.startsWith('incident.') ||
    entry.action === 'grade.set' ||
    entry.action === 'source.set'
  );
}

function parseKey(key: string): { type: 'figure' | 'incident' | 'grade' | 'source'; id: number } {
  const m = /^(figure|incident|grade|source):(\d+)$/.exec(key);
  if (!m) throw new ConflictError(`audit entry holds an entity this version cannot restore: "${key}"`);
  return { type: m[1] as 'figure' | 'incident' | 'grade' | 'source', id: Number(m[2]) };
}

/**
 * Put every entity an audit entry changed back to its state before that entry. Reverting is itself
 * an audit entry (its `before` is the state it replaced), so a revert can be reverted in turn. A
 * figure reverted to "unreviewed" shows whatever the current extraction says.
 */
export async function revertChange(
  deps: ReviewDeps,
  agent: Agent,
  auditId: number,
  reason: string,
): Promise<{ auditId: number; entry: AuditEntry }> {
  const id = await inTransaction(deps.store, async (trx) => {
    await deps.store.dialect.lockIncidentMerging(trx);
    const entry = await getAudit(trx, auditId);
    if (!isRevertible(entry)) {
      throw new ConflictError(`audit entry ${auditId} (${entry.action}) cannot be reverted; only review changes can`);
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const figures: [Awaited<ReturnType<typeof loadFigure>>, FigureState][] = [];
    const incidents: [number, IncidentState][] = [];
    const graded: ['grade' | 'source', number, GradeReviewState][] = [];
    for (const [key, value] of Object.entries(entry.before)) {
      const { type, id } = parseKey(key);
      if (type === 'grade' || type === 'source') {
        const target = parseReviewState(type, value);
        before[key] = reviewStateRecord(type, await reviewStateOf(trx, type, id));
        after[key] = reviewStateRecord(type, target);
        graded.push([type, id, target]);
      } else if (type === 'figure') {
        const target = FigureState.parse(value);
        const figure = await currentCounterpart(trx, await loadFigure(trx, id));
        before[key] = await figureState(trx, figure);
        after[key] = target;
        figures.push([figure, target]);
      } else {
        const target = IncidentState.parse(value);
        before[key] = await incidentState(trx, id, target.members !== undefined);
        after[key] = target;
        incidents.push([id, target]);
      }
    }
    const now = deps.now();
    const revertId = await appendAudit(trx, {
      agent,
      action: 'revert',
      entityType: entry.entity_type,
      entityId: entry.entity_id,
      before,
      after,
      reason,
      reverts: auditId,
      now,
    });
    for (const [figure, target] of figures) await insertFigureReview(trx, anchorOf(figure), target, revertId, now);
    await writeIncidentStates(trx, incidents, revertId, now);
    for (const [type, id, target] of graded) await writeReviewState(trx, type, id, target, revertId, now);
    const quoting: number[] = [];
    for (const [figure] of figures) quoting.push(...(await incidentsQuoting(trx, anchorOf(figure))));
    await syncIncidents(trx, quoting);
    return revertId;
  });
  return { auditId: id, entry: await getAudit(deps.store.db, id) };
}

async function loadFigure(db: ReviewDeps['store']['db'], id: number) {
  const figure = await db.selectFrom('figures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!figure) throw new InvalidInputError('audit', `figure ${id} no longer exists (its document was removed)`);
  return figure;
}

/** Where the entry's figure stands in the current extraction, so the restored review anchors there. */
async function currentCounterpart(db: ReviewDeps['store']['db'], figure: Awaited<ReturnType<typeof loadFigure>>) {
  const latest = await db
    .selectFrom('extractions')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('document_id', '=', figure.document_id)
    .executeTakeFirstOrThrow();
  if (latest.id === figure.extraction_id || latest.id === null) return figure;
  return (await counterpartOf(db, figure, latest.id)) ?? figure;
}
