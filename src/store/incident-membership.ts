import type { Kysely, Selectable } from 'kysely';
import { datasetClaimRows, datasetClaimsById } from './dataset-claims.js';
import { chunks } from './review-store.js';
import type { Database, IncidentClaimTable, IncidentSourceTable } from './schema.js';

type Db = Kysely<Database>;
export type ClaimRow = Selectable<IncidentClaimTable>;
export type SourceRow = Selectable<IncidentSourceTable>;

export interface Members {
  claims: ClaimRow[];
  sources: SourceRow[];
  /** Incidents folded into this one by merges (directly or through another merged incident). */
  mergedFrom: number[];
}

// Merges chain (A into B, B into C); a bound keeps a corrupted cycle from looping forever.
const MAX_MERGE_DEPTH = 32;

/**
 * The claims and sources each incident holds now. The extractor's rows never move: a split records
 * an assignment (newest wins), and a merge marks the folded incident, whose items then count for
 * the incident it was merged into.
 */
export async function loadMembers(db: Db, incidentIds: number[]): Promise<Map<number, Members>> {
  const out = new Map<number, Members>(incidentIds.map((id) => [id, { claims: [], sources: [], mergedFrom: [] }]));
  if (incidentIds.length === 0) return out;
  const parentOf = await mergedDescendants(db, incidentIds);
  const rootOf = (id: number): number => {
    let at = id;
    for (let depth = 0; depth < MAX_MERGE_DEPTH; depth += 1) {
      const parent = parentOf.get(at);
      if (parent === undefined) return at;
      at = parent;
    }
    return at;
  };
  for (const child of parentOf.keys()) out.get(rootOf(child))?.mergedFrom.push(child);
  const holders = [...incidentIds, ...parentOf.keys()];
  for (const item of ['claim', 'source'] as const) {
    const rows = item === 'claim' ? await candidateClaims(db, holders) : await candidateSources(db, holders);
    const assigned = await latestAssignments(
      db,
      item,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const owner = out.get(rootOf(assigned.get(row.id) ?? row.incident_id));
      if (!owner) continue;
      if (item === 'claim') owner.claims.push(row as ClaimRow);
      else owner.sources.push(row as SourceRow);
    }
  }
  for (const m of out.values()) {
    m.claims.sort((a, b) => a.id - b.id);
    m.sources.sort((a, b) => a.id - b.id);
    m.mergedFrom.sort((a, b) => a - b);
  }
  return out;
}

/** Every incident whose current state is "merged into" one of these, transitively: child to parent. */
async function mergedDescendants(db: Db, ids: number[]): Promise<Map<number, number>> {
  const parentOf = new Map<number, number>();
  const seen = new Set(ids);
  let frontier = ids;
  for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length > 0; depth += 1) {
    const next: number[] = [];
    for (const part of chunks(frontier)) {
      const rows = await db
        .selectFrom('incident_reviews as r')
        .select(['r.incident_id', 'r.merged_into'])
        .where('r.status', '=', 'merged')
        .where('r.merged_into', 'in', part)
        .where((eb) =>
          eb(
            'r.id',
            '=',
            eb
              .selectFrom('incident_reviews as x')
              .select((x) => x.fn.max('x.id').as('m'))
              .whereRef('x.incident_id', '=', 'r.incident_id'),
          ),
        )
        .execute();
      for (const r of rows) {
        if (seen.has(r.incident_id) || r.merged_into === null) continue;
        seen.add(r.incident_id);
        parentOf.set(r.incident_id, r.merged_into);
        next.push(r.incident_id);
      }
    }
    frontier = next;
  }
  return parentOf;
}

async function candidateClaims(db: Db, holders: number[]): Promise<ClaimRow[]> {
  const byId = new Map<number, ClaimRow>();
  for (const part of chunks(holders)) {
    for (const r of await db.selectFrom('incident_claims').selectAll().where('incident_id', 'in', part).execute()) {
      byId.set(r.id, r);
    }
    for (const r of await datasetClaimRows(db, part)) byId.set(r.id, r);
    const moved = await assignedTo(db, 'claim', part);
    if (moved.length === 0) continue;
    const stored = moved.filter((id) => id > 0);
    if (stored.length > 0) {
      for (const r of await db.selectFrom('incident_claims').selectAll().where('id', 'in', stored).execute()) {
        byId.set(r.id, r);
      }
    }
    for (const r of await datasetClaimsById(db, moved)) byId.set(r.id, r);
  }
  return [...byId.values()];
}

async function candidateSources(db: Db, holders: number[]): Promise<SourceRow[]> {
  const byId = new Map<number, SourceRow>();
  for (const part of chunks(holders)) {
    for (const r of await db.selectFrom('incident_sources').selectAll().where('incident_id', 'in', part).execute()) {
      byId.set(r.id, r);
    }
    const moved = await assignedTo(db, 'source', part);
    if (moved.length === 0) continue;
    for (const r of await db.selectFrom('incident_sources').selectAll().where('id', 'in', moved).execute()) {
      byId.set(r.id, r);
    }
  }
  return [...byId.values()];
}

/**
 * Items ever assigned to these incidents, read first and apart: an "in (subquery)" over a million
 * claims can make PostgreSQL hash-join the whole table before it knows the subquery is empty.
 */
async function assignedTo(db: Db, item: 'claim' | 'source', incidentIds: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('incident_assignments')
    .select('item_id')
    .distinct()
    .where('item', '=', item)
    .where('incident_id', 'in', incidentIds)
    .execute();
  return rows.map((r) => r.item_id);
}

/** For each item, the incident its newest assignment gives it to (none: it stays where the extractor put it). */
async function latestAssignments(db: Db, item: 'claim' | 'source', itemIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks(itemIds)) {
    const rows = await db
      .selectFrom('incident_assignments')
      .select(['id', 'item_id', 'incident_id'])
      .where('item', '=', item)
      .where('item_id', 'in', part)
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.item_id, r.incident_id);
  }
  return out;
}

export async function insertAssignments(
  db: Db,
  rows: { item: 'claim' | 'source'; itemId: number; incidentId: number }[],
  auditId: number,
  now: string,
): Promise<void> {
  for (const part of chunks(rows, 200)) {
    await db
      .insertInto('incident_assignments')
      .values(
        part.map((r) => ({
          item: r.item,
          item_id: r.itemId,
          incident_id: r.incidentId,
          audit_id: auditId,
          created_at: now,
        })),
      )
      .execute();
  }
}
