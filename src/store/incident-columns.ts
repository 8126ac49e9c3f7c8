import type { ResolvedPlace } from '../core/incident.js';

/** The place columns of an incident row (and of its reviews and snapshot), from a resolved place. */
export function placeColumns(place: ResolvedPlace | null) {
  return {
    place_name: place?.name ?? null,
    gazetteer_id: place?.gazetteer_id ?? null,
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    admin1: place?.admin1 ?? null,
    admin2: place?.admin2 ?? null,
    country: place?.country ?? null,
    where_prec: place?.where_prec ?? null,
    place_approximate: place?.approximate ? 1 : 0,
  };
}

/** The columns an incident's deaths estimate writes. */
export const DEATH_COLUMNS = [
  'deaths_low',
  'deaths_best',
  'deaths_high',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
] as const;
