/**
 * ACLED CSV: the columns of ACLED's export tool and API (2023 codebook), in their order, with the
 * numeric inter codes (1 state forces ... 8 external/other forces) and interaction as ACLED wrote
 * them before its 2024 switch to text labels.
 */
import type { Incident } from '../core/incident.js';
import { countryByCode } from './countries.js';
import { acledDate } from './date-codes.js';
import {
  associatedActors,
  type Cell,
  type ExportContext,
  interOf,
  joinCell,
  sideActor,
  sourceNames,
} from './export-context.js';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

export const isAcledDataset = (dataset: string) => dataset === 'acled' || dataset.startsWith('acled ');

/**
 * ACLED's geo_precision from UCDP's where_prec: 1 the place itself; 2 near it or a part of a
 * district; 3 a larger area (a province or more), coded to its centre.
 */
export function geoPrecision(wherePrec: number): 1 | 2 | 3 {
  if (wherePrec <= 1) return 1;
  return wherePrec <= 3 ? 2 : 3;
}

/** The where_prec an ACLED geo_precision stands for, the inverse of geoPrecision on 1, 2 and 4. */
export function wherePrecOfGeo(geo: 1 | 2 | 3): number {
  return geo === 3 ? 4 : geo;
}

/** ACLED's conservative rule: the lowest count a source supports, 0 when none gives one. */
export function fatalities(i: Incident): number {
  return i.deaths.low ?? i.deaths.best ?? 0;
}

/** Two actor types as one code, the lower first (13: state forces and a political militia); 10, 20... for one actor. */
export function interaction(inter1: number | null, inter2: number | null): number | null {
  if (inter1 === null) return null;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

function disorderType(i: Incident): string {
  switch (i.event_type) {
    case 'Protests':
      return i.sub_event_type === 'Excessive force against protesters'
        ? 'Political violence; Demonstrations'
        : 'Demonstrations';
    case 'Riots':
      return i.sub_event_type === 'Violent demonstration' ? 'Demonstrations' : 'Political violence';
    case 'Strategic developments':
      return 'Strategic developments';
    default:
      return 'Political violence';
  }
}

export function acledRecord(i: Incident, ctx: ExportContext): Cell[] {
  const { event_date, time_precision } = acledDate(i.date);
  const place = i.place;
  const country = countryByCode(place?.country);
  const inter1 = interOf(sideActor(i, 'a'), i.date.start, ctx);
  const inter2 = interOf(sideActor(i, 'b'), i.date.start, ctx);
  const targetsCivilians =
    i.event_type === 'Violence against civilians' || (i.event_type === 'Explosions/Remote violence' && inter2 === 7);
  const byColumn: Record<AcledColumn, Cell> = {
    event_id_cnty: isAcledDataset(i.dataset) && i.dataset_id ? i.dataset_id : `TALLY${i.id}`,
    event_date,
    year: Number(event_date.slice(0, 4)),
    time_precision,
    disorder_type: disorderType(i),
    event_type: i.event_type,
    sub_event_type: i.sub_event_type,
    actor1: i.side_a,
    assoc_actor_1: joinCell(associatedActors(i, 'a')),
    inter1,
    actor2: i.side_b,
    assoc_actor_2: joinCell(associatedActors(i, 'b')),
    inter2,
    interaction: interaction(inter1, inter2),
    civilian_targeting: targetsCivilians ? 'Civilian targeting' : null,
    iso: country?.iso ?? null,
    region: country?.acledRegion ?? null,
    country: country?.acled ?? place?.country ?? null,
    admin1: place?.admin1 ?? null,
    admin2: place?.admin2 ?? null,
    admin3: null,
    location: place?.name ?? null,
    latitude: place?.lat ?? null,
    longitude: place?.lon ?? null,
    geo_precision: place ? geoPrecision(place.where_prec) : null,
    source: joinCell(sourceNames(i, ctx)),
    source_scale: null,
    notes: i.summary || null,
    fatalities: fatalities(i),
    tags: null,
    timestamp: null,
  };
  return ACLED_COLUMNS.map((c) => byColumn[c]);
}
