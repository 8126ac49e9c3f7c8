import type { Agent } from '../core/account.js';
import { ConflictError, InvalidInputError } from '../core/errors.js';
import { ACLED_EVENT_TYPES, type ResolvedPlace } from '../core/incident.js';
import type {
  AcceptRequest,
  IncidentCorrection,
  IncidentState,
  IncidentValues,
  NoteRequest,
  RejectRequest,
  ReviewedIncident,
  SplitRequest,
} from '../core/review.js';
import type { Resolvers } from '../merge/build-incidents.js';
import { placeFromEntry, wherePrecisionOf } from '../resolve/resolve-place.js';
import { appendAudit } from '../store/audit-store.js';
import { insertAssignments } from '../store/incident-membership.js';
import { getReviewedIncident } from '../store/incident-views.js';
import { incidentValueColumns } from '../store/review-store.js';
import { inTransaction } from '../store/transactions.js';
import { estimateFromClaims, incidentKey, incidentState, writeIncidentStates } from './incident-state.js';
import type { ReviewDeps } from './review-figures.js';
import { assertChanges, sharedReviewStep, withNote } from './review-step.js';

export interface IncidentReviewDeps extends ReviewDeps {
  /** Place ids and actor ids in corrections are checked against these. */
  resolvers: Resolvers;
}

export type IncidentAction =
  | { type: 'accept'; body: AcceptRequest }
  | { type: 'reject'; body: RejectRequest }
  | { type: 'correct'; body: IncidentCorrection }
  | { type: 'note'; body: NoteRequest };

function refuseGone(id: number, state: IncidentState): void {
  if (state.status === 'merged') {
    throw new ConflictError(`incident ${id} was merged into incident ${state.merged_into}; review that one`);
  }
  if (state.status === 'void') throw new ConflictError(`incident ${id} was withdrawn by a revert`);
}

/** Accept, reject, correct or annotate an incident: a new review row and an audit entry, in one transaction. */
export async function reviewIncident(
  deps: IncidentReviewDeps,
  agent: Agent,
  id: number,
  action: IncidentAction,
): Promise<{ incident: ReviewedIncident; auditId: number }> {
  const auditId = await inTransaction(deps.store, async (trx) => {
    const before = await incidentState(trx, id);
    refuseGone(id, before);
    const after = nextIncidentState(before, action, deps.resolvers);
    const now = deps.now();
    const auditId = await appendAudit(trx, {
      agent,
      action: `incident.${action.type}`,
      entityType: 'incident',
      entityId: id,
      before: { [incidentKey(id)]: before },
      after: { [incidentKey(id)]: after },
      reason: action.body.reason ?? null,
      now,
    });
    await writeIncidentStates(trx, [[id, after]], auditId, now);
    return auditId;
  });
  return { incident: await getReviewedIncident(deps.store, id), auditId };
}

export function nextIncidentState(current: IncidentState, action: IncidentAction, resolvers: Resolvers): IncidentState {
  if (action.type !== 'correct') return sharedReviewStep(current, action);
  const values = correctedValues(current.values, action.body, resolvers);
  assertChanges(values, current.values, 'incident');
  const deaths_set = action.body.deaths !== undefined || current.deaths_set === true;
  return { ...current, ...withNote(current, action), status: 'corrected', corrected: true, values, deaths_set };
}

function correctedValues(current: IncidentValues, c: IncidentCorrection, resolvers: Resolvers): IncidentValues {
  const v: IncidentValues = { ...current };
  if (c.date) v.date = c.date;
  if (c.place_id !== undefined) v.place = c.place_id === null ? null : placeOf(c.place_id, resolvers);
  if (c.event_type) v.event_type = c.event_type;
  if (c.sub_event_type) v.sub_event_type = c.sub_event_type;
  const subTypes: readonly string[] = ACLED_EVENT_TYPES[v.event_type];
  if (!subTypes.includes(v.sub_event_type)) {
    throw new InvalidInputError(
      'body.sub_event_type',
      `"${v.sub_event_type}" is not a sub-event type of "${v.event_type}"; expected one of ${subTypes.join(', ')}`,
    );
  }
  for (const side of ['side_a', 'side_b'] as const) {
    const ref = c[side];
    if (ref === undefined) continue;
    if (ref?.actor_id && !resolvers.actors.byId.has(ref.actor_id)) {
      throw new InvalidInputError(
        `body.${side}.actor_id`,
        `no actor "${ref.actor_id}" in the registry (see /api/actors)`,
      );
    }
    v[side] = ref;
  }
  if (c.violence_type !== undefined) v.violence_type = c.violence_type;
  if (c.deaths) {
    const { low, best, high } = c.deaths;
    if (
      (low !== null && best !== null && low > best) ||
      (best !== null && high !== null && best > high) ||
      (low !== null && high !== null && low > high)
    ) {
      throw new InvalidInputError('body.deaths', `expected low ≤ best ≤ high, got ${low} / ${best} / ${high}`);
    }
    v.deaths = c.deaths;
  }
  return v;
}

function placeOf(id: string, resolvers: Resolvers): ResolvedPlace {
  const e = resolvers.gazetteer.byId.get(id);
  if (!e) throw new InvalidInputError('body.place_id', `no place with id "${id}" in the gazetteer (see /api/places)`);
  return placeFromEntry(e, wherePrecisionOf(e));
}

function widen(a: IncidentValues['date'], b: IncidentValues['date']): IncidentValues['date'] {
  if (a.start === b.start && a.end === b.end) return a;
  return { start: a.start < b.start ? a.start : b.start, end: a.end > b.end ? a.end : b.end, precision: 'range' };
}

/**
 * Fold `source` into `target`: the source is marked merged (its claims and sources then count for
 * the target), and the target's deaths are estimated again from every claim it now holds.
 */
export async function mergeIncidents(
  deps: ReviewDeps,
  agent: Agent,
  request: { target: number; source: number; reason: string },
): Promise<{ incident: ReviewedIncident; auditId: number }> {
  const { target, source } = request;
  if (target === source) throw new InvalidInputError('body.source', 'an incident cannot be merged into itself');
  const auditId = await inTransaction(deps.store, async (trx) => {
    // Merges, splits and ingest all move claims between incidents: one at a time, or two merges could cross.
    await deps.store.dialect.lockIncidentMerging(trx);
    const [t, s] = [await incidentState(trx, target, true), await incidentState(trx, source, true)];
    refuseGone(target, t);
    refuseGone(source, s);
    const claims = [...(t.members?.claims ?? []), ...(s.members?.claims ?? [])];
    const sources = [...(t.members?.sources ?? []), ...(s.members?.sources ?? [])];
    const tAfter: IncidentState = {
      ...t,
      status: 'corrected',
      corrected: true,
      values: { ...t.values, date: widen(t.values.date, s.values.date), ...(await estimateFromClaims(trx, claims)) },
      deaths_set: false,
      members: { claims, sources },
    };
    const sAfter: IncidentState = { ...s, status: 'merged', merged_into: target };
    const now = deps.now();
    const auditId = await appendAudit(trx, {
      agent,
      action: 'incident.merge',
      entityType: 'incident',
      entityId: target,
      before: { [incidentKey(target)]: t, [incidentKey(source)]: s },
      after: { [incidentKey(target)]: tAfter, [incidentKey(source)]: sAfter },
      reason: request.reason,
      now,
    });
    await writeIncidentStates(
      trx,
      [
        [source, sAfter],
        [target, tAfter],
      ],
      auditId,
      now,
    );
    return auditId;
  });
  return { incident: await getReviewedIncident(deps.store, target), auditId };
}

/** Move some claims and sources of an incident into a new incident of their own. */
export async function splitIncident(
  deps: ReviewDeps,
  agent: Agent,
  id: number,
  request: SplitRequest,
): Promise<{ incident: ReviewedIncident; created: ReviewedIncident; auditId: number }> {
  if (request.claims.length + request.sources.length === 0) {
    throw new InvalidInputError('body.claims', 'name at least one claim or source to split off');
  }
  const result = await inTransaction(deps.store, async (trx) => {
    await deps.store.dialect.lockIncidentMerging(trx);
    const before = await incidentState(trx, id, true);
    refuseGone(id, before);
    const held = before.members ?? { claims: [], sources: [] };
    for (const [field, ids, have] of [
      ['claims', request.claims, held.claims],
      ['sources', request.sources, held.sources],
    ] as const) {
      const stray = ids.find((x) => !have.includes(x));
      if (stray !== undefined)
        throw new InvalidInputError(`body.${field}`, `${field.slice(0, -1)} ${stray} is not part of incident ${id}`);
    }
    const keep = {
      claims: held.claims.filter((c) => !request.claims.includes(c)),
      sources: held.sources.filter((s) => !request.sources.includes(s)),
    };
    if (keep.claims.length + keep.sources.length === 0) {
      throw new InvalidInputError(
        'body',
        `the split would leave incident ${id} with no claim or source; merge or reject it instead`,
      );
    }
    const moved = { claims: [...new Set(request.claims)], sources: [...new Set(request.sources)] };
    const now = deps.now();
    const newValues: IncidentValues = { ...before.values, ...(await estimateFromClaims(trx, moved.claims)) };
    const firstSource =
      moved.sources.length > 0
        ? await trx
            .selectFrom('incident_sources')
            .select('text')
            .where('id', '=', moved.sources[0] as number)
            .executeTakeFirst()
        : undefined;
    const row = await trx
      .selectFrom('incidents')
      .select(['summary', 'dataset'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const created = await trx
      .insertInto('incidents')
      .values({
        ...incidentValueColumns(newValues),
        side_a: newValues.side_a?.name ?? null,
        side_b: newValues.side_b?.name ?? null,
        summary: (firstSource?.text ?? row.summary).slice(0, 1000),
        dataset: row.dataset,
        dataset_id: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after: IncidentState = {
      ...before,
      status: 'corrected',
      corrected: true,
      values: { ...before.values, ...(await estimateFromClaims(trx, keep.claims)) },
      deaths_set: false,
      members: keep,
    };
    const newBefore: IncidentState = {
      status: 'void',
      corrected: true,
      merged_into: null,
      values: newValues,
      note: null,
      note_sensitive: false,
      deaths_set: false,
      members: { claims: [], sources: [] },
    };
    const newAfter: IncidentState = { ...newBefore, status: 'corrected', members: moved };
    const auditId = await appendAudit(trx, {
      agent,
      action: 'incident.split',
      entityType: 'incident',
      entityId: id,
      before: { [incidentKey(id)]: before, [incidentKey(created.id)]: newBefore },
      after: { [incidentKey(id)]: after, [incidentKey(created.id)]: newAfter },
      reason: request.reason,
      now,
    });
    await insertAssignments(
      trx,
      [
        ...moved.claims.map((c) => ({ item: 'claim' as const, itemId: c, incidentId: created.id })),
        ...moved.sources.map((s) => ({ item: 'source' as const, itemId: s, incidentId: created.id })),
      ],
      auditId,
      now,
    );
    await writeIncidentStates(
      trx,
      [
        [id, after],
        [created.id, newAfter],
      ],
      auditId,
      now,
    );
    return { auditId, createdId: created.id };
  });
  return {
    incident: await getReviewedIncident(deps.store, id),
    created: await getReviewedIncident(deps.store, result.createdId),
    auditId: result.auditId,
  };
}
