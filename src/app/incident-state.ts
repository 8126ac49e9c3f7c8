import type { Kysely } from 'kysely';
import { NotFoundError } from '../core/errors.js';
import type { IncidentState } from '../core/review.js';
import { syncIncidents, withMergeTargets } from '../store/incident-effective.js';
import { insertAssignments, loadMembers } from '../store/incident-membership.js';
import { effectiveValues } from '../store/incident-views.js';
import { insertIncidentReview, latestIncidentReviews } from '../store/review-store.js';
import type { Database } from '../store/schema.js';

export { estimateFromClaims } from '../store/incident-effective.js';

type Db = Kysely<Database>;

export const incidentKey = (id: number) => `incident:${id}`;

/** An incident's review state now; with `members`, also which claims and sources it holds. */
export async function incidentState(db: Db, id: number, withMembers = false): Promise<IncidentState> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('incident', String(id));
  const actors = await db
    .selectFrom('incident_actors')
    .selectAll()
    .where('incident_id', '=', id)
    .orderBy('id')
    .execute();
  const review = (await latestIncidentReviews(db, [id])).get(id) ?? null;
  const state: IncidentState = {
    status: (review?.status ?? 'unreviewed') as IncidentState['status'],
    corrected: review?.overrides === 1,
    merged_into: review?.merged_into ?? null,
    // The row holds the effective values: deaths follow corrected figures even under an old review.
    values: effectiveValues(row, actors),
    note: review?.note ?? null,
    note_sensitive: review?.note_sensitive === 1,
    deaths_set: review?.deaths_set === 1,
  };
  if (!withMembers) return state;
  const members = (await loadMembers(db, [id])).get(id);
  return {
    ...state,
    members: { claims: members?.claims.map((c) => c.id) ?? [], sources: members?.sources.map((s) => s.id) ?? [] },
  };
}

/**
 * Make an incident's state the given one: a new review row, then, when the state lists members,
 * assignments for any claim or source that is not with the incident now; then the incident rows'
 * effective values (and so the totals) follow, in the same transaction.
 */
export async function writeIncidentStates(
  db: Db,
  states: [number, IncidentState][],
  auditId: number,
  now: string,
): Promise<void> {
  for (const [id, state] of states) await insertIncidentReview(db, id, state, auditId, now);
  // Members after every row is written: unmerging one incident changes what the other holds.
  for (const [id, state] of states) {
    if (!state.members || state.status === 'void' || state.status === 'merged') continue;
    const held = (await loadMembers(db, [id])).get(id);
    const claims = new Set(held?.claims.map((c) => c.id));
    const sources = new Set(held?.sources.map((s) => s.id));
    await insertAssignments(
      db,
      [
        ...state.members.claims
          .filter((c) => !claims.has(c))
          .map((c) => ({ item: 'claim' as const, itemId: c, incidentId: id })),
        ...state.members.sources
          .filter((s) => !sources.has(s))
          .map((s) => ({ item: 'source' as const, itemId: s, incidentId: id })),
      ],
      auditId,
      now,
    );
  }
  await syncIncidents(
    db,
    await withMergeTargets(
      db,
      states.map(([id]) => id),
    ),
  );
}
