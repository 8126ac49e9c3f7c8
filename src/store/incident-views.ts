import type { Kysely } from 'kysely';
import { NotFoundError } from '../core/errors.js';
import type { Claim } from '../core/incident.js';
import type { FigureReviewStatus, IncidentValues, ReviewedClaim, ReviewedIncident } from '../core/review.js';
import { readExtracted } from './incident-effective.js';
import { type ClaimRow, loadMembers } from './incident-membership.js';
import { rowToClaim } from './incident-store.js';
import type { Store } from './open-store.js';
import type { FigureReviewRow } from './review-schema.js';
import {
  chunks,
  figureReviewsOfDocuments,
  incidentReviewInfo,
  incidentValuesOf,
  latestIncidentReviews,
} from './review-store.js';
import type { Database, IncidentRow } from './schema.js';

type Db = Kysely<Database>;

/**
 * Incidents as readers see them, in the order of `ids`: the row's effective values, merged and split
 * items where they now belong, and beside them what the extraction said.
 */
export async function loadReviewedIncidents(db: Db, ids: number[]): Promise<ReviewedIncident[]> {
  if (ids.length === 0) return [];
  const rows: IncidentRow[] = [];
  const actors: ActorRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await db.selectFrom('incidents').selectAll().where('id', 'in', part).execute()));
    actors.push(
      ...(await db
        .selectFrom('incident_actors')
        .select(['incident_id', 'side', 'actor_id', 'name', 'inter'])
        .where('incident_id', 'in', part)
        .orderBy('id')
        .execute()),
    );
  }
  const actorsOf = new Map<number, ActorRow[]>();
  for (const a of actors) actorsOf.set(a.incident_id, [...(actorsOf.get(a.incident_id) ?? []), a]);
  const [reviews, members, snapshots] = await Promise.all([
    latestIncidentReviews(db, ids),
    loadMembers(db, ids),
    readExtracted(db, ids),
  ]);
  const claimDocs = new Set<number>();
  for (const m of members.values()) for (const c of m.claims) if (c.document_id !== null) claimDocs.add(c.document_id);
  const figureReviews = await figureReviewsOfDocuments(db, [...claimDocs]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const own = actorsOf.get(id) ?? [];
    const snapshot = snapshots.get(id);
    const extracted = extractedValues(snapshot ? { ...row, ...snapshot } : row, own);
    const values = effectiveValues(row, own);
    const review = reviews.get(id) ?? null;
    const m = members.get(id) ?? { claims: [], sources: [], mergedFrom: [] };
    return [
      {
        id,
        date: values.date,
        place: values.place,
        event_type: values.event_type,
        sub_event_type: values.sub_event_type,
        violence_type: values.violence_type,
        side_a: values.side_a?.name ?? null,
        side_b: values.side_b?.name ?? null,
        actors:
          row.corrected === 1
            ? sideActors(values)
            : own.map((a) => ({
                actor_id: a.actor_id,
                name: a.name,
                inter: a.inter,
                state: a.inter === 1,
                side: a.side as 'a' | 'b',
              })),
        deaths: values.deaths,
        deaths_by: values.deaths_by,
        claims: reviewClaims(m.claims, figureReviews),
        sources: m.sources.map((s) => ({
          id: s.id,
          document_id: s.document_id,
          start: s.start,
          end: s.end,
          text: s.text,
        })),
        summary: row.summary,
        dataset: row.dataset,
        dataset_id: row.dataset_id,
        extracted,
        review: review ? incidentReviewInfo(review) : null,
        merged_from: m.mergedFrom,
      },
    ];
  });
}

type ActorRow = { incident_id: number; side: string; actor_id: string | null; name: string; inter: number | null };

/** The incident row's values as readers see them; a review's sides carry their own actor ids. */
export function effectiveValues(
  row: IncidentRow,
  actors: { side: string; actor_id: string | null; name: string }[],
): IncidentValues {
  if (row.corrected !== 1) return extractedValues(row, actors);
  return incidentValuesOf(row, {
    side_a: row.side_a === null ? null : { name: row.side_a, actor_id: row.side_a_id },
    side_b: row.side_b === null ? null : { name: row.side_b, actor_id: row.side_b_id },
  });
}

export async function getReviewedIncident(store: Store, id: number): Promise<ReviewedIncident> {
  const [incident] = await loadReviewedIncidents(store.db, [id]);
  if (!incident) throw new NotFoundError('incident', String(id));
  return incident;
}

/** What the extraction says of an incident, its sides named by its actor rows. */
export function extractedValues(
  row: Parameters<typeof incidentValuesOf>[0] & Pick<IncidentRow, 'side_a' | 'side_b'>,
  actors: { side: string; actor_id: string | null; name: string }[],
): IncidentValues {
  const sideRef = (side: 'a' | 'b', name: string | null) => {
    if (name === null) return null;
    const actor = actors.find((a) => a.side === side && a.name === name) ?? actors.find((a) => a.side === side);
    return { name, actor_id: actor?.actor_id ?? null };
  };
  return incidentValuesOf(row, { side_a: sideRef('a', row.side_a), side_b: sideRef('b', row.side_b) });
}

function sideActors(values: IncidentValues): ReviewedIncident['actors'] {
  return (['a', 'b'] as const).flatMap((side) => {
    const ref = side === 'a' ? values.side_a : values.side_b;
    return ref ? [{ actor_id: ref.actor_id, name: ref.name, inter: null, state: false, side }] : [];
  });
}

/**
 * Claims with the reviews of the figures they quote: a claim takes the newest figure review of its
 * document and kind whose evidence overlaps the claim's, the same rule figures follow.
 */
export function reviewClaims(claims: ClaimRow[], reviews: FigureReviewRow[]): ReviewedClaim[] {
  return claims.map((row) => {
    const review =
      reviews.length === 0
        ? undefined
        : reviews.find(
            (r) =>
              r.document_id === row.document_id &&
              r.anchor_kind === row.kind &&
              r.evidence_start < row.evidence_end &&
              r.evidence_end > row.evidence_start,
          );
    if (!review) return unreviewedClaim(row);
    const claim: Claim = rowToClaim(row);
    const corrected = review.overrides === 1;
    return {
      ...claim,
      ...(corrected
        ? {
            kind: review.kind as Claim['kind'],
            low: review.low,
            high: review.high,
            qualifier: review.qualifier as Claim['qualifier'],
            vague: review.vague,
            claimant: review.claimant,
          }
        : {}),
      id: row.id,
      figure_review: { status: review.status as FigureReviewStatus, corrected },
    };
  });
}

/**
 * A claim no figure review touches: its id and an empty review added to rowToClaim's object, not
 * spread into a new one. A page of imported incidents holds 200 claims, and the spread took a tenth
 * of the time reading the page took.
 */
function unreviewedClaim(row: ClaimRow): ReviewedClaim {
  const claim = rowToClaim(row) as Claim & { id?: number; figure_review?: null };
  claim.id = row.id;
  claim.figure_review = null;
  return claim as ReviewedClaim;
}
