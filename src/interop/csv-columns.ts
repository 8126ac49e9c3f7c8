import type { Cell, ExportIncident } from './export-context.js';

/**
 * Tally's own flat CSV: what `tally incidents --csv` prints, `tally export --format csv` writes and
 * the API serves. The review columns come after the values and the grade after them, so earlier
 * columns keep their places.
 */
export const CSV_COLUMNS = [
  'id',
  'date_start',
  'date_end',
  'date_precision',
  'place',
  'admin1',
  'admin2',
  'latitude',
  'longitude',
  'where_prec',
  'event_type',
  'sub_event_type',
  'type_of_violence',
  'side_a',
  'side_b',
  'deaths_low',
  'deaths_best',
  'deaths_high',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'documents',
  'summary',
  'review_status',
  'corrected',
  'note',
  'grade',
  'independent_sources',
  'grade_reason',
] as const;

export function csvRecord(i: ExportIncident): Cell[] {
  return [
    i.id,
    i.date.start,
    i.date.end,
    i.date.precision,
    i.place?.name ?? null,
    i.place?.admin1 ?? null,
    i.place?.admin2 ?? null,
    i.place?.lat ?? null,
    i.place?.lon ?? null,
    i.place?.where_prec ?? null,
    i.event_type,
    i.sub_event_type,
    i.violence_type,
    i.side_a,
    i.side_b,
    i.deaths.low,
    i.deaths.best,
    i.deaths.high,
    i.deaths_by.side_a,
    i.deaths_by.side_b,
    i.deaths_by.civilians,
    i.deaths_by.unknown,
    [...new Set(i.sources.map((s) => s.document_id))].join(';'),
    i.summary,
    i.review?.status ?? 'unreviewed',
    i.review?.corrected ? 1 : 0,
    i.review?.note ?? null,
    i.grade?.grade ?? null,
    i.grade?.sources ?? null,
    i.grade?.reason ?? null,
  ];
}
