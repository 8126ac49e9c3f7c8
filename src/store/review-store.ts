import type { Kysely } from 'kysely';
import type { FigureKind, Qualifier } from '../core/figure.js';
import type {
  FigureReview,
  FigureReviewStatus,
  FigureState,
  FigureValues,
  IncidentReview,
  IncidentReviewStatus,
  IncidentState,
  IncidentValues,
} from '../core/review.js';
import { placeColumns } from './incident-columns.js';
import type { FigureReviewRow, IncidentReviewRow } from './review-schema.js';
import type { Database, FigureRow, IncidentRow } from './schema.js';

type Db = Kysely<Database>;

/**
 * The statement a figure review is about: the reviewed figure's document, the kind the extractor
 * gave it, and its evidence span. A later extraction's figure carries the review when it has the
 * same document and kind and its evidence span overlaps this one (README, "Serving a team").
 */
export interface FigureAnchor {
  documentId: number;
  figureId: number;
  kind: string;
  start: number;
  end: number;
  text: string;
}

export function anchorOf(f: FigureRow): FigureAnchor {
  return {
    documentId: f.document_id,
    figureId: f.id,
    kind: f.kind,
    start: f.evidence_start,
    end: f.evidence_end,
    text: f.evidence_text,
  };
}

type WithUser<T> = T & { user_name: string };

export function figureValuesOf(r: FigureRow | FigureReviewRow): FigureValues {
  return {
    kind: r.kind as FigureKind,
    low: r.low,
    high: r.high,
    qualifier: r.qualifier as Qualifier,
    vague: r.vague,
    date:
      r.date_start && r.date_end
        ? { start: r.date_start, end: r.date_end, precision: (r.date_precision ?? 'range') as 'day' }
        : null,
    place: r.place,
    actor: r.actor,
    perpetrator: r.perpetrator,
    claimant: r.claimant,
  };
}

/** The newest review whose anchor matches the statement (same document and kind, overlapping evidence). */
export async function latestFigureReview(
  db: Db,
  at: { documentId: number; kind: string; start: number; end: number },
): Promise<WithUser<FigureReviewRow> | null> {
  const row = await db
    .selectFrom('figure_reviews as r')
    .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
    .selectAll('r')
    .select('a.user_name')
    .where('r.document_id', '=', at.documentId)
    .where('r.anchor_kind', '=', at.kind)
    .where('r.evidence_start', '<', at.end)
    .where('r.evidence_end', '>', at.start)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function figureReviewsByIds(db: Db, ids: number[]): Promise<Map<number, WithUser<FigureReviewRow>>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('figure_reviews as r')
    .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
    .selectAll('r')
    .select('a.user_name')
    .where('r.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every figure review of these documents, newest first: claims are matched to them in memory. */
export async function figureReviewsOfDocuments(db: Db, documentIds: number[]): Promise<FigureReviewRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('figure_reviews')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('id', 'desc')
    .execute();
}

export function figureReviewInfo(r: WithUser<FigureReviewRow>): FigureReview {
  return {
    status: r.status as FigureReviewStatus,
    corrected: r.overrides === 1,
    note: r.note,
    note_sensitive: r.note_sensitive === 1,
    by: r.user_name,
    at: r.created_at,
    audit_id: r.audit_id,
  };
}

export function figureStateOf(extracted: FigureValues, review: FigureReviewRow | null): FigureState {
  if (!review) return { status: 'unreviewed', corrected: false, values: extracted, note: null, note_sensitive: false };
  const corrected = review.overrides === 1;
  return {
    status: review.status as FigureReviewStatus,
    corrected,
    values: corrected ? figureValuesOf(review) : extracted,
    note: review.note,
    note_sensitive: review.note_sensitive === 1,
  };
}

export async function insertFigureReview(
  db: Db,
  anchor: FigureAnchor,
  state: FigureState,
  auditId: number,
  now: string,
): Promise<void> {
  const v = state.values;
  await db
    .insertInto('figure_reviews')
    .values({
      document_id: anchor.documentId,
      figure_id: anchor.figureId,
      anchor_kind: anchor.kind,
      evidence_start: anchor.start,
      evidence_end: anchor.end,
      evidence_text: anchor.text,
      status: state.status,
      overrides: state.corrected ? 1 : 0,
      kind: v.kind,
      low: v.low,
      high: v.high,
      qualifier: v.qualifier,
      vague: v.vague,
      date_start: v.date?.start ?? null,
      date_end: v.date?.end ?? null,
      date_precision: v.date?.precision ?? null,
      place: v.place,
      actor: v.actor,
      perpetrator: v.perpetrator,
      claimant: v.claimant,
      note: state.note,
      note_sensitive: state.note_sensitive ? 1 : 0,
      audit_id: auditId,
      created_at: now,
    })
    .execute();
}

/** The newest review of each incident. */
export async function latestIncidentReviews(
  db: Db,
  incidentIds: number[],
): Promise<Map<number, WithUser<IncidentReviewRow>>> {
  const out = new Map<number, WithUser<IncidentReviewRow>>();
  for (const ids of chunks(incidentIds)) {
    const rows = await db
      .selectFrom('incident_reviews as r')
      .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
      .selectAll('r')
      .select('a.user_name')
      .where('r.incident_id', 'in', ids)
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
    for (const r of rows) out.set(r.incident_id, r);
  }
  return out;
}

export function incidentReviewInfo(r: WithUser<IncidentReviewRow>): IncidentReview {
  return {
    status: r.status as IncidentReviewStatus,
    merged_into: r.merged_into,
    corrected: r.overrides === 1,
    note: r.note,
    note_sensitive: r.note_sensitive === 1,
    by: r.user_name,
    at: r.created_at,
    audit_id: r.audit_id,
  };
}

type IncidentValueRow = Pick<
  IncidentRow,
  | 'date_start'
  | 'date_end'
  | 'date_precision'
  | 'place_name'
  | 'gazetteer_id'
  | 'lat'
  | 'lon'
  | 'admin1'
  | 'admin2'
  | 'country'
  | 'where_prec'
  | 'place_approximate'
  | 'event_type'
  | 'sub_event_type'
  | 'violence_type'
  | 'deaths_low'
  | 'deaths_best'
  | 'deaths_high'
  | 'deaths_a'
  | 'deaths_b'
  | 'deaths_civilians'
  | 'deaths_unknown'
>;

/** Incident values from a row of `incidents` (sides from its actors) or of `incident_reviews`. */
export function incidentValuesOf(
  r: IncidentValueRow,
  sides: { side_a: IncidentValues['side_a']; side_b: IncidentValues['side_b'] },
): IncidentValues {
  return {
    date: { start: r.date_start, end: r.date_end, precision: r.date_precision },
    place:
      r.place_name === null
        ? null
        : {
            name: r.place_name,
            gazetteer_id: r.gazetteer_id,
            lat: r.lat,
            lon: r.lon,
            admin1: r.admin1,
            admin2: r.admin2,
            country: r.country,
            where_prec: r.where_prec ?? 7,
            approximate: r.place_approximate === 1,
          },
    event_type: r.event_type as IncidentValues['event_type'],
    sub_event_type: r.sub_event_type,
    violence_type: r.violence_type as IncidentValues['violence_type'],
    side_a: sides.side_a,
    side_b: sides.side_b,
    deaths: { low: r.deaths_low, best: r.deaths_best, high: r.deaths_high },
    deaths_by: { side_a: r.deaths_a, side_b: r.deaths_b, civilians: r.deaths_civilians, unknown: r.deaths_unknown },
  };
}

/** Columns shared by `incidents` and `incident_reviews`, from values. */
export function incidentValueColumns(v: IncidentValues) {
  return {
    date_start: v.date.start,
    date_end: v.date.end,
    date_precision: v.date.precision,
    ...placeColumns(v.place),
    event_type: v.event_type,
    sub_event_type: v.sub_event_type,
    violence_type: v.violence_type,
    deaths_low: v.deaths.low,
    deaths_best: v.deaths.best,
    deaths_high: v.deaths.high,
    deaths_a: v.deaths_by.side_a,
    deaths_b: v.deaths_by.side_b,
    deaths_civilians: v.deaths_by.civilians,
    deaths_unknown: v.deaths_by.unknown,
  };
}

export async function insertIncidentReview(
  db: Db,
  incidentId: number,
  state: IncidentState,
  auditId: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('incident_reviews')
    .values({
      incident_id: incidentId,
      status: state.status,
      overrides: state.corrected ? 1 : 0,
      merged_into: state.merged_into,
      ...incidentValueColumns(state.values),
      side_a: state.values.side_a?.name ?? null,
      side_a_id: state.values.side_a?.actor_id ?? null,
      side_b: state.values.side_b?.name ?? null,
      side_b_id: state.values.side_b?.actor_id ?? null,
      deaths_set: state.deaths_set ? 1 : 0,
      note: state.note,
      note_sensitive: state.note_sensitive ? 1 : 0,
      audit_id: auditId,
      created_at: now,
    })
    .execute();
}

// Keeps IN lists well under SQLite's and PostgreSQL's bound-parameter limits.
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
