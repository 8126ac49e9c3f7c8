import type { Kysely } from 'kysely';
import type { Claim } from '../core/incident.js';
import type { IncidentValues } from '../core/review.js';
import { estimateDeaths } from '../merge/estimate.js';
import { datasetClaimsById } from './dataset-claims.js';
import { loadMembers } from './incident-membership.js';
import { reviewClaims } from './incident-views.js';
import { EXTRACTED_DATASET } from './migrations/0020-tally-match-indexes.js';
import { runShaped, slotsOf } from './query-shapes.js';
import { chunks, figureReviewsOfDocuments, latestIncidentReviews } from './review-store.js';
import type { Database, IncidentExtractionTable, IncidentRow } from './schema.js';

type Db = Kysely<Database>;
type ExtractedColumns = Omit<IncidentExtractionTable, 'incident_id'>;

const UNCOUNTED = new Set(['rejected', 'merged', 'void']);
// Merges chain; a bound keeps a corrupted cycle from looping forever (as in incident-membership.ts).
const MAX_MERGE_DEPTH = 32;

/**
 * Deaths from the claims an incident holds, read through their figures' reviews: corrected numbers
 * count, claims whose figure was rejected do not.
 */
export async function estimateFromClaims(
  db: Db,
  claimIds: number[],
): Promise<Pick<IncidentValues, 'deaths' | 'deaths_by'>> {
  const rows = await datasetClaimsById(db, claimIds);
  for (const part of chunks(claimIds.filter((id) => id > 0))) {
    rows.push(...(await db.selectFrom('incident_claims').selectAll().where('id', 'in', part).orderBy('id').execute()));
  }
  rows.sort((a, b) => a.id - b.id);
  const docs = [...new Set(rows.flatMap((r) => (r.document_id === null ? [] : [r.document_id])))];
  const claims: Claim[] = reviewClaims(rows, await figureReviewsOfDocuments(db, docs)).filter(
    (c) => c.figure_review?.status !== 'rejected',
  );
  const e = estimateDeaths(claims);
  return {
    deaths: e.total,
    deaths_by: { side_a: e.side_a.best, side_b: e.side_b.best, civilians: e.civilians.best, unknown: e.unknown.best },
  };
}

function extractedColumnsOf(r: IncidentRow | IncidentExtractionTable): ExtractedColumns {
  return {
    date_start: r.date_start,
    date_end: r.date_end,
    date_precision: r.date_precision,
    place_name: r.place_name,
    gazetteer_id: r.gazetteer_id,
    lat: r.lat,
    lon: r.lon,
    admin1: r.admin1,
    admin2: r.admin2,
    country: r.country,
    where_prec: r.where_prec,
    place_approximate: r.place_approximate,
    event_type: r.event_type,
    sub_event_type: r.sub_event_type,
    violence_type: r.violence_type,
    side_a: r.side_a,
    side_b: r.side_b,
    deaths_low: r.deaths_low,
    deaths_best: r.deaths_best,
    deaths_high: r.deaths_high,
    deaths_a: r.deaths_a,
    deaths_b: r.deaths_b,
    deaths_civilians: r.deaths_civilians,
    deaths_unknown: r.deaths_unknown,
  };
}

/** What the extraction says of an incident: its snapshot once it has one, else the row itself. */
export async function readExtracted(db: Db, ids: number[]): Promise<Map<number, ExtractedColumns>> {
  const out = new Map<number, ExtractedColumns>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('incident_extractions').selectAll().where('incident_id', 'in', part).execute();
    for (const r of rows) out.set(r.incident_id, extractedColumnsOf(r));
  }
  return out;
}

/**
 * Write what a new extraction or a re-import says of an incident. Before any review the row is the
 * extraction and takes the values; after one, the snapshot takes them and the row is derived again.
 */
export async function writeExtractedValues(db: Db, id: number, values: Partial<ExtractedColumns>): Promise<void> {
  // As Kysely's set() would: a column given as undefined is left alone.
  const given = Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<ExtractedColumns>;
  const columns = Object.keys(given).sort();
  if (columns.length === 0) return;
  // Written once per merge of an ingest: kept as SQL per set of columns (query-shapes.ts). The row
  // takes the values unless a snapshot stands apart: one statement either way for the usual case,
  // where a test for the snapshot first was one more wait for the server on PostgreSQL.
  const shape = columns.join(',');
  const slots = { ...given, id };
  const [row] = await runShaped(
    db,
    `extracted-row:${shape}`,
    (value) =>
      db
        .updateTable('incidents')
        .set(slotsOf(given, value))
        .where('id', '=', value<number>('id'))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('incident_extractions').select('incident_id').where('incident_id', '=', value<number>('id')),
            ),
          ),
        )
        .returning('id'),
    slots,
  );
  if (row !== undefined) return;
  const [snapshot] = await runShaped(
    db,
    `extracted-snapshot:${shape}`,
    (value) =>
      db
        .updateTable('incident_extractions')
        .set(slotsOf(given, value))
        .where('incident_id', '=', value<number>('id'))
        .returning('incident_id'),
    slots,
  );
  if (snapshot !== undefined) await syncIncidents(db, [id]);
}

/**
 * Derive the incident rows' effective values from the extraction, the newest review and the claims
 * the incidents hold now; call in the transaction that wrote the change. The first time, the
 * extraction is copied to its snapshot so that it is never lost. The totals triggers see the update.
 */
export async function syncIncidents(db: Db, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = new Map<number, IncidentRow>();
  for (const part of chunks(unique)) {
    for (const r of await db.selectFrom('incidents').selectAll().where('id', 'in', part).execute()) rows.set(r.id, r);
  }
  const snapshots = await readExtracted(db, unique);
  const reviews = await latestIncidentReviews(db, unique);
  for (const id of unique) {
    const row = rows.get(id);
    if (!row) continue;
    let extracted = snapshots.get(id);
    if (!extracted) {
      extracted = extractedColumnsOf(row);
      // Two first reviews of one incident at once (PostgreSQL, read committed) both find no snapshot;
      // the second to insert one waits for the first and keeps its, which holds the same extraction.
      await db
        .insertInto('incident_extractions')
        .values({ incident_id: id, ...extracted })
        .onConflict((oc) => oc.column('incident_id').doNothing())
        .execute();
    }
    const review = reviews.get(id) ?? null;
    const status = review?.status ?? 'unreviewed';
    const overrides = review?.overrides === 1;
    const values = {
      ...extracted,
      side_a_id: null as string | null,
      side_b_id: null as string | null,
      ...(review && overrides
        ? {
            ...pickExtracted(review),
            side_a_id: review.side_a_id,
            side_b_id: review.side_b_id,
          }
        : {}),
    };
    if (row.dataset === EXTRACTED_DATASET && !UNCOUNTED.has(status) && !(overrides && review?.deaths_set === 1)) {
      const members = (await loadMembers(db, [id])).get(id);
      const e = await estimateFromClaims(db, members?.claims.map((c) => c.id) ?? []);
      Object.assign(values, {
        deaths_low: e.deaths.low,
        deaths_best: e.deaths.best,
        deaths_high: e.deaths.high,
        deaths_a: e.deaths_by.side_a,
        deaths_b: e.deaths_by.side_b,
        deaths_civilians: e.deaths_by.civilians,
        deaths_unknown: e.deaths_by.unknown,
      });
    }
    await db
      .updateTable('incidents')
      .set({ ...values, status, corrected: overrides ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }
}

function pickExtracted(r: ExtractedColumns): ExtractedColumns {
  return extractedColumnsOf({ incident_id: 0, ...r });
}

/**
 * The incidents whose deaths a review of this statement can change: those holding a claim of the
 * same document and kind whose evidence overlaps it (the anchoring rule), and what they were merged into.
 */
export async function incidentsQuoting(
  db: Db,
  at: { documentId: number; kind: string; start: number; end: number },
): Promise<number[]> {
  const claims = await db
    .selectFrom('incident_claims')
    .select(['id', 'incident_id'])
    .where('document_id', '=', at.documentId)
    .where('kind', '=', at.kind)
    .where('evidence_start', '<', at.end)
    .where('evidence_end', '>', at.start)
    .execute();
  const found = new Set(claims.map((c) => c.incident_id));
  if (claims.length > 0) {
    const moved = await db
      .selectFrom('incident_assignments')
      .select('incident_id')
      .where('item', '=', 'claim')
      .where(
        'item_id',
        'in',
        claims.map((c) => c.id),
      )
      .execute();
    for (const m of moved) found.add(m.incident_id);
  }
  return withMergeTargets(db, [...found]);
}

/** These incidents and, transitively, the incidents they are merged into: those hold their claims. */
export async function withMergeTargets(db: Db, ids: number[]): Promise<number[]> {
  const found = new Set(ids);
  let frontier = [...found];
  for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length > 0; depth += 1) {
    const reviews = await latestIncidentReviews(db, frontier);
    frontier = [];
    for (const r of reviews.values()) {
      if (r.status === 'merged' && r.merged_into !== null && !found.has(r.merged_into)) {
        found.add(r.merged_into);
        frontier.push(r.merged_into);
      }
    }
  }
  return [...found];
}
