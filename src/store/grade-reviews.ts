import type { Agent } from '../core/account.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { GradeOverrideRequest, IncidentGrade, SourceTypeRequest } from '../core/grade.js';
import type { ActorIndex } from '../resolve/actors.js';
import { appendAudit } from './audit-store.js';
import { gradeIncidents } from './grade-store.js';
import { loadReviewedIncidents } from './incident-views.js';
import type { Store } from './open-store.js';
import { readDocumentSources, type SourceProfile } from './source-store.js';
import { inTransaction } from './transactions.js';

/**
 * Set (or, with a null grade, clear) a reviewer's grade for an incident: a new row and an audit entry
 * in one transaction. The row is keyed to the incident, so re-extracting its documents keeps it.
 */
export async function setIncidentGrade(
  store: Store,
  agent: Agent,
  id: number,
  request: GradeOverrideRequest & { reason?: string | null },
  now: string,
  actors?: ActorIndex | null,
): Promise<{ grade: IncidentGrade; auditId: number }> {
  const before = await currentGrade(store, id, actors);
  const auditId = await inTransaction(store, async (trx) => {
    const after = {
      grade: request.grade,
      note: request.note ?? null,
      note_sensitive: request.note_sensitive ?? false,
    };
    const auditId = await appendAudit(trx, {
      agent,
      action: 'grade.set',
      entityType: 'incident',
      entityId: id,
      before: {
        [`grade:${id}`]: {
          grade: before.override?.grade ?? null,
          computed: before.computed,
          note: before.override?.note ?? null,
          note_sensitive: before.override?.note_sensitive ?? false,
        },
      },
      after: { [`grade:${id}`]: { ...after, computed: before.computed } },
      reason: request.reason ?? null,
      now,
    });
    await trx
      .insertInto('grade_reviews')
      .values({
        incident_id: id,
        grade: after.grade,
        note: after.note,
        note_sensitive: after.note_sensitive ? 1 : 0,
        audit_id: auditId,
        created_at: now,
      })
      .execute();
    return auditId;
  });
  return { grade: await currentGrade(store, id, actors), auditId };
}

async function currentGrade(store: Store, id: number, actors?: ActorIndex | null): Promise<IncidentGrade> {
  const [incident] = await loadReviewedIncidents(store.db, [id]);
  if (!incident) throw new NotFoundError('incident', String(id));
  if (incident.review?.status === 'merged') {
    throw new ConflictError(`incident ${id} was merged into incident ${incident.review.merged_into}; grade that one`);
  }
  if (incident.review?.status === 'void') throw new ConflictError(`incident ${id} was withdrawn by a revert`);
  return (await gradeIncidents(store.db, [incident], actors)).get(id) as IncidentGrade;
}

/** Correct (or, with null, restore the guess of) a document's source type, audited like every review. */
export async function setSourceType(
  store: Store,
  agent: Agent,
  documentId: number,
  request: SourceTypeRequest & { reason?: string | null },
  now: string,
): Promise<{ source: SourceProfile; auditId: number }> {
  const before = await documentSource(store, documentId);
  const auditId = await inTransaction(store, async (trx) => {
    const auditId = await appendAudit(trx, {
      agent,
      action: 'source.set',
      entityType: 'document',
      entityId: documentId,
      before: {
        [`source:${documentId}`]: {
          source_type: before.review?.source_type ?? null,
          guessed: before.guessed,
          note: before.review?.note ?? null,
          note_sensitive: before.review?.note_sensitive ?? false,
        },
      },
      after: {
        [`source:${documentId}`]: {
          source_type: request.source_type,
          guessed: before.guessed,
          note: request.note ?? null,
          note_sensitive: request.note_sensitive ?? false,
        },
      },
      reason: request.reason ?? null,
      now,
    });
    await trx
      .insertInto('source_reviews')
      .values({
        document_id: documentId,
        source_type: request.source_type,
        note: request.note ?? null,
        note_sensitive: request.note_sensitive ? 1 : 0,
        audit_id: auditId,
        created_at: now,
      })
      .execute();
    return auditId;
  });
  return { source: await documentSource(store, documentId), auditId };
}

export async function documentSource(store: Store, id: number): Promise<SourceProfile> {
  const found = (await readDocumentSources(store.db, [id])).get(id);
  if (!found) throw new NotFoundError('document', String(id));
  return found;
}

/** Every document's source profile, by id, a page at a time. */
export async function listDocumentSources(
  store: Store,
  options: { limit?: number; offset?: number } = {},
): Promise<SourceProfile[]> {
  const ids = await store.db
    .selectFrom('documents')
    .select('id')
    .orderBy('id')
    .limit(options.limit ?? 1000)
    .offset(options.offset ?? 0)
    .execute();
  const profiles = await readDocumentSources(
    store.db,
    ids.map((r) => r.id),
  );
  return ids.flatMap((r) => profiles.get(r.id) ?? []);
}

/** What a grade or source review row holds, as the audit trail records it and a revert restores it. */
export interface GradeReviewState {
  value: string | null;
  note: string | null;
  note_sensitive: boolean;
}

type Db = Store['db'];

/** The newest grade (or source) review's state; no row reads as no override. */
export async function reviewStateOf(db: Db, kind: 'grade' | 'source', id: number): Promise<GradeReviewState> {
  const row =
    kind === 'grade'
      ? await db
          .selectFrom('grade_reviews')
          .select(['grade as value', 'note', 'note_sensitive'])
          .where('incident_id', '=', id)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst()
      : await db
          .selectFrom('source_reviews')
          .select(['source_type as value', 'note', 'note_sensitive'])
          .where('document_id', '=', id)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
  return { value: row?.value ?? null, note: row?.note ?? null, note_sensitive: row?.note_sensitive === 1 };
}

/** A new review row putting a grade (or source type) state back: what a revert writes. */
export async function writeReviewState(
  db: Db,
  kind: 'grade' | 'source',
  id: number,
  state: GradeReviewState,
  auditId: number,
  now: string,
): Promise<void> {
  const common = { note: state.note, note_sensitive: state.note_sensitive ? 1 : 0, audit_id: auditId, created_at: now };
  if (kind === 'grade')
    await db
      .insertInto('grade_reviews')
      .values({ incident_id: id, grade: state.value, ...common })
      .execute();
  else
    await db
      .insertInto('source_reviews')
      .values({ document_id: id, source_type: state.value, ...common })
      .execute();
}

/** A state as `grade.set` and `source.set` entries record it (older field names included). */
export function parseReviewState(kind: 'grade' | 'source', value: unknown): GradeReviewState {
  const v = (value ?? {}) as Record<string, unknown>;
  const raw = kind === 'grade' ? v.grade : v.source_type;
  return {
    value: typeof raw === 'string' ? raw : null,
    note: typeof v.note === 'string' ? v.note : null,
    note_sensitive: v.note_sensitive === true,
  };
}

/** The state as the audit trail writes it, so a revert of a revert reads it back. */
export function reviewStateRecord(kind: 'grade' | 'source', state: GradeReviewState): Record<string, unknown> {
  const { value, ...rest } = state;
  return kind === 'grade' ? { grade: value, ...rest } : { source_type: value, ...rest };
}
