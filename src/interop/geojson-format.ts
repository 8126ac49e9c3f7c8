import { type ExportContext, type ExportIncident, joinCell, sourceArticles } from './export-context.js';

/** A GeoJSON Feature (RFC 7946) for one incident; properties flat, so GIS tools show them as columns. */
export interface IncidentFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, string | number | boolean | null>;
}

export const FEATURE_COLLECTION_OPEN = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_CLOSE = '\n]}\n';

export function incidentFeature(i: ExportIncident, ctx: ExportContext): IncidentFeature {
  const p = i.place;
  return {
    type: 'Feature',
    id: i.id,
    // RFC 7946 §3.1.1: longitude first. An incident placed nowhere keeps its row with no geometry (§3.2).
    geometry: p && p.lat !== null && p.lon !== null ? { type: 'Point', coordinates: [p.lon, p.lat] } : null,
    properties: {
      date_start: i.date.start,
      date_end: i.date.end,
      date_precision: i.date.precision,
      place: p?.name ?? null,
      admin1: p?.admin1 ?? null,
      admin2: p?.admin2 ?? null,
      country: p?.country ?? null,
      where_prec: p?.where_prec ?? null,
      approximate: p?.approximate ?? null,
      event_type: i.event_type,
      sub_event_type: i.sub_event_type,
      type_of_violence: i.violence_type,
      side_a: i.side_a,
      side_b: i.side_b,
      deaths_low: i.deaths.low,
      deaths_best: i.deaths.best,
      deaths_high: i.deaths.high,
      deaths_a: i.deaths_by.side_a,
      deaths_b: i.deaths_by.side_b,
      deaths_civilians: i.deaths_by.civilians,
      deaths_unknown: i.deaths_by.unknown,
      claims: i.claims.length,
      sources: joinCell(sourceArticles(i, ctx)),
      summary: i.summary,
      dataset: i.dataset,
      dataset_id: i.dataset_id,
      review_status: i.review?.status ?? 'unreviewed',
      corrected: i.review?.corrected ?? false,
      note: i.review?.note ?? null,
      grade: i.grade?.grade ?? null,
      independent_sources: i.grade?.sources ?? null,
      grade_reason: i.grade?.reason ?? null,
    },
  };
}
