import type { Kysely } from 'kysely';
import type { Claim } from '../core/incident.js';
import type { ClaimRow } from './incident-membership.js';
import { chunks } from './review-store.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * An imported incident's claims are what its dataset states, stored once per incident in
 * `dataset_claims` (migration 0016) instead of a row per number. They are read back as claim rows
 * with fixed negative ids, so splits, merges and their audit name them like any other claim: claim
 * `slot` of incident `i` is i·16 + slot − 2³¹, which fits the 32-bit id columns for the first 134
 * million incidents. Ascending ids keep incident order and the dataset's order within an incident,
 * and dataset claims come before the claims of documents.
 */
export const DATASET_CLAIM_SLOTS = 16;
const BASE = -(2 ** 31);
const MAX_INCIDENT = 2 ** 31 / DATASET_CLAIM_SLOTS;

export function datasetClaimId(incidentId: number, slot: number): number {
  if (incidentId >= MAX_INCIDENT) throw new Error(`incident ${incidentId} is past the ids dataset claims can name`);
  return BASE + incidentId * DATASET_CLAIM_SLOTS + slot;
}

/** The incident a dataset claim id belongs to. */
export function incidentOfDatasetClaim(id: number): number {
  return Math.floor((id - BASE) / DATASET_CLAIM_SLOTS);
}

type Stated = [kind: string, category: string, low: number | null, high: number | null, statement: string];

/**
 * A dataset row's claims as stored: every claim's claimant is the dataset and its source the row's
 * one source text, so only what differs is kept; claims of any other shape are refused.
 */
export function datasetClaimsValue(
  dataset: string,
  claims: readonly Claim[],
): { source: string | null; claims: string } {
  if (claims.length > DATASET_CLAIM_SLOTS)
    throw new Error(`a dataset row states ${claims.length} numbers: at most ${DATASET_CLAIM_SLOTS}`);
  const source = claims[0]?.source ?? null;
  for (const c of claims) {
    if (c.claimant !== dataset || c.source !== source || c.document_id !== null || c.figure_id !== null) {
      throw new Error(`a dataset claim must be the dataset's own, with the row's one source: ${c.evidence.text}`);
    }
  }
  const stated: Stated[] = claims.map((c) => [c.kind, c.category, c.low, c.high, c.evidence.text]);
  return { source, claims: JSON.stringify(stated) };
}

function claimRows(incidentId: number, dataset: string, source: string | null, claims: string): ClaimRow[] {
  return (JSON.parse(claims) as Stated[]).map(([kind, category, low, high, statement], slot) => ({
    id: datasetClaimId(incidentId, slot),
    incident_id: incidentId,
    figure_id: null,
    document_id: null,
    kind,
    low,
    high,
    qualifier: low === high ? 'exact' : 'range',
    vague: null,
    category,
    claimant: dataset,
    source,
    evidence_start: 0,
    evidence_end: statement.length,
    evidence_text: statement,
    sum_group: null,
  }));
}

/** The dataset claims of these incidents, as claim rows. */
export async function datasetClaimRows(db: Db, incidentIds: readonly number[]): Promise<ClaimRow[]> {
  const out: ClaimRow[] = [];
  for (const part of chunks([...new Set(incidentIds)])) {
    const rows = await db
      .selectFrom('dataset_claims as d')
      .innerJoin('incidents as i', 'i.id', 'd.incident_id')
      .select(['d.incident_id', 'i.dataset', 'd.source', 'd.claims'])
      .where('d.incident_id', 'in', part)
      .execute();
    for (const r of rows) out.push(...claimRows(r.incident_id, r.dataset, r.source, r.claims));
  }
  return out;
}

/** Dataset claims by their (negative) ids; ids that name no stored claim are left out. */
export async function datasetClaimsById(db: Db, ids: readonly number[]): Promise<ClaimRow[]> {
  const wanted = new Set(ids.filter((id) => id < 0));
  if (wanted.size === 0) return [];
  const rows = await datasetClaimRows(db, [...wanted].map(incidentOfDatasetClaim));
  return rows.filter((r) => wanted.has(r.id));
}
