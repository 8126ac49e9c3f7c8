import type { Incident } from '../core/incident.js';
import { datasetClaimsValue } from './dataset-claims.js';
import { DEATH_COLUMNS } from './incident-columns.js';
import type { IncidentTable } from './schema.js';

// What the thread reading a dataset file builds of each row (interop/import-worker.ts): nothing here
// touches the store, so that thread loads none of the store's modules.

/** An incident read from a coded dataset (UCDP GED, ACLED): no source passages, its own id. */
export type ImportedIncident = Omit<Incident, 'id' | 'sources' | 'dataset_id'> & { dataset_id: string };

/** An imported incident's row as values in this order: a bulk load writes millions, so no object per row. */
export const INCIDENT_COLUMNS = [
  'date_start',
  'date_end',
  'date_precision',
  'place_name',
  'gazetteer_id',
  'lat',
  'lon',
  'admin1',
  'admin2',
  'country',
  'where_prec',
  'place_approximate',
  'event_type',
  'sub_event_type',
  'violence_type',
  'side_a',
  'side_b',
  ...DEATH_COLUMNS,
  'summary',
  'dataset',
  'dataset_id',
  'created_at',
] as const satisfies readonly (keyof IncidentTable)[];

function incidentValues(i: ImportedIncident, now: string): unknown[] {
  const p = i.place;
  return [
    i.date.start,
    i.date.end,
    i.date.precision,
    p?.name ?? null,
    p?.gazetteer_id ?? null,
    p?.lat ?? null,
    p?.lon ?? null,
    p?.admin1 ?? null,
    p?.admin2 ?? null,
    p?.country ?? null,
    p?.where_prec ?? null,
    p?.approximate ? 1 : 0,
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
    i.summary.slice(0, 1000),
    i.dataset,
    i.dataset_id,
    now,
  ];
}

/**
 * An imported incident as the bulk path writes it, built as soon as its row is read: value lists
 * in column order and the dataset's statement already as stored. A batch waiting to be written
 * holds a handful of objects per row instead of a tree of them, which the young generation's
 * scavenges would copy again and again.
 */
export interface ImportRow {
  dataset: string;
  dataset_id: string;
  /** INCIDENT_COLUMNS order, without the id. */
  values: unknown[];
  /** [side, actor_id, name, inter] per side. */
  actors: unknown[][];
  /** The dataset's statement (source, claims JSON), or null when it states no number. */
  stated: [source: string | null, claims: string] | null;
}

export function importRow(i: ImportedIncident, now: string): ImportRow {
  const value = i.claims.length > 0 ? datasetClaimsValue(i.dataset, i.claims) : null;
  return {
    dataset: i.dataset,
    dataset_id: i.dataset_id,
    values: incidentValues(i, now),
    actors: i.actors.map((a) => [a.side, a.actor_id, a.name, a.inter]),
    stated: value ? [value.source, value.claims] : null,
  };
}
