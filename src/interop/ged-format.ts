/**
 * UCDP GED CSV: the 49 columns of GED releases 19.1 onward, in their order (checked against the
 * header UCDP publishes). Tally fills what it knows and leaves UCDP's own identifiers (conflict,
 * dyad and side ids, relid, code_status, event_clarity) empty: they belong to UCDP's coding.
 */
import type { Incident } from '../core/incident.js';
import { countryByCode, gwOfSide } from './countries.js';
import { gedDatePrec } from './date-codes.js';
import {
  type Cell,
  claimants,
  type ExportContext,
  incidentDocuments,
  joinCell,
  sourceArticles,
  sourceNames,
} from './export-context.js';

export const GED_COLUMNS = [
  'id',
  'relid',
  'year',
  'active_year',
  'code_status',
  'type_of_violence',
  'conflict_dset_id',
  'conflict_new_id',
  'conflict_name',
  'dyad_dset_id',
  'dyad_new_id',
  'dyad_name',
  'side_a_dset_id',
  'side_a_new_id',
  'side_a',
  'side_b_dset_id',
  'side_b_new_id',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'source_original',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'priogrid_gid',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'gwnoa',
  'gwnob',
] as const;
export type GedColumn = (typeof GED_COLUMNS)[number];

/** Whether a dataset name is a GED release, whose ids are GED ids. */
export const isGedDataset = (dataset: string) => dataset === 'ucdp-ged' || dataset.startsWith('ucdp-ged ');

/**
 * PRIO-GRID cell of a point: 0.5° cells numbered row by row from (-90, -180), starting at 1
 * (Tollefsen et al. 2012). Points on the north pole or antimeridian fall in the last row or column.
 */
export function priogridGid(lat: number, lon: number): number {
  const row = Math.min(359, Math.floor((lat + 90) * 2));
  const col = Math.min(719, Math.floor((lon + 180) * 2));
  return row * 720 + col + 1;
}

export function gedRecord(i: Incident, ctx: ExportContext): Cell[] {
  const place = i.place;
  const hasPoint = place !== null && place.lat !== null && place.lon !== null;
  const country = countryByCode(place?.country);
  const docs = incidentDocuments(i, ctx);
  const byColumn: Record<GedColumn, Cell> = {
    id: isGedDataset(i.dataset) && i.dataset_id ? i.dataset_id : i.id,
    relid: null,
    year: Number(i.date.start.slice(0, 4)),
    active_year: null,
    code_status: null,
    type_of_violence: i.violence_type,
    conflict_dset_id: null,
    conflict_new_id: null,
    conflict_name: null,
    dyad_dset_id: null,
    dyad_new_id: null,
    dyad_name: i.side_a && i.side_b ? `${i.side_a} - ${i.side_b}` : null,
    side_a_dset_id: null,
    side_a_new_id: null,
    side_a: i.side_a,
    side_b_dset_id: null,
    side_b_new_id: null,
    side_b: i.side_b,
    // Independent sources, as the grade counts them: copies of one wire are one source.
    number_of_sources: i.grade ? i.grade.sources || null : docs.length > 0 ? docs.length : null,
    source_article: joinCell(sourceArticles(i, ctx)),
    source_office: docs.length > 0 ? joinCell(sourceNames(i, ctx)) : null,
    source_date: joinCell(docs.flatMap((d) => (d.published ? [d.published.slice(0, 10)] : []))),
    // An imported incident's summary is the headline its dataset gave.
    source_headline: docs.length > 0 ? joinCell(docs.flatMap((d) => (d.title ? [d.title] : []))) : i.summary || null,
    source_original: joinCell(claimants(i)),
    where_prec: place?.where_prec ?? null,
    where_coordinates: place?.name ?? null,
    where_description: null,
    adm_1: place?.admin1 ?? null,
    adm_2: place?.admin2 ?? null,
    latitude: place?.lat ?? null,
    longitude: place?.lon ?? null,
    geom_wkt: hasPoint ? `POINT(${place.lon} ${place.lat})` : null,
    priogrid_gid: hasPoint ? priogridGid(place.lat as number, place.lon as number) : null,
    country: country?.ucdp ?? place?.country ?? null,
    country_id: country?.gw ?? null,
    region: country?.ucdpRegion ?? null,
    event_clarity: null,
    date_prec: gedDatePrec(i.date),
    date_start: i.date.start,
    date_end: i.date.end,
    deaths_a: i.deaths_by.side_a,
    deaths_b: i.deaths_by.side_b,
    deaths_civilians: i.deaths_by.civilians,
    deaths_unknown: i.deaths_by.unknown,
    best: i.deaths.best,
    high: i.deaths.high,
    low: i.deaths.low,
    gwnoa: gwOfSide(i.side_a),
    gwnob: gwOfSide(i.side_b),
  };
  return GED_COLUMNS.map((c) => byColumn[c]);
}
