import type { ResolvedPlace } from '../core/incident.js';
import { distanceKm, type Gazetteer, type GazetteerEntry, type PlaceKind } from '../resolve/gazetteer.js';
import { descriptorOf } from '../resolve/place-names.js';
import { resolvePlace, wherePrecisionOf } from '../resolve/resolve-place.js';

/** The place columns of one dataset row, as the file writes them. */
export interface FilePlace {
  /** The location name (GED where_coordinates, ACLED location). */
  location: string | null;
  admin1: string | null;
  admin2: string | null;
  /** ISO alpha-2 when the file's country is known, else the file's own name. */
  country: string | null;
  /** The country as the file writes it, to name a place the row locates no closer. */
  countryName: string | null;
  lat: number;
  lon: number;
  /** UCDP where_prec as the file states it, if it does. */
  where_prec: number | null;
}

interface Match {
  province: GazetteerEntry | undefined;
  district: GazetteerEntry | undefined;
  point: GazetteerEntry | undefined;
}

const POINT_KINDS: readonly PlaceKind[] = ['city', 'town', 'village', 'area'];
// A named location farther than this from the file's own coordinates is a namesake.
const POINT_RADIUS_KM = 25;

/** "Nad Ali district (Marja)" -> name "Nad Ali district", note "Marja" (GED's other name or province). */
function splitNote(name: string): { name: string; note: string | null } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
  return m ? { name: (m[1] as string).trim(), note: (m[2] as string).trim() } : { name, note: null };
}

function best(
  gazetteer: Gazetteer,
  mention: string | null,
  kinds: readonly PlaceKind[],
  country: string | null,
  accept: (e: GazetteerEntry) => boolean,
  provinces: string[] = [],
): GazetteerEntry | undefined {
  if (!mention) return undefined;
  const { name, note } = splitNote(mention);
  const context = { provinces: note ? [...provinces, note] : provinces };
  for (const attempt of note ? [name, note] : [name]) {
    const found = resolvePlace(attempt, context, gazetteer)
      .map((c) => c.entry)
      .find((e) => kinds.includes(e.kind) && (country === null || e.country === country) && accept(e));
    if (found) return found;
  }
  return undefined;
}

/**
 * Resolve a dataset row's admin names and location against the gazetteer, for filters and
 * comparison with extracted incidents, while the row keeps its own coordinates and location name.
 * Names the gazetteer does not know stay as the file writes them. Memoised: datasets repeat places.
 */
export function createPlaceLookup(gazetteer: Gazetteer): (place: FilePlace) => ResolvedPlace {
  const cache = new Map<string, Match>();
  const match = (p: FilePlace): Match => {
    // Gazetteer entries carry alpha-2 countries; a country outside the table matches nothing there.
    const country = p.country && /^[A-Z]{2}$/.test(p.country) ? p.country : null;
    if (country === null) return { province: undefined, district: undefined, point: undefined };
    const key = [p.location, p.admin1, p.admin2, country, p.lat.toFixed(2), p.lon.toFixed(2)].join('\u0000');
    const cached = cache.get(key);
    if (cached) return cached;
    const province = best(gazetteer, p.admin1, ['province'], country, () => true);
    const district = best(
      gazetteer,
      p.admin2,
      ['district'],
      country,
      (e) => !province || e.admin1 === province.admin1,
      province ? [province.name] : [],
    );
    const admin1 = province?.admin1 ?? district?.admin1 ?? null;
    // GED names area-level locations by their unit ("Karukh district"): no town stands for those.
    const areaName = p.location !== null && ['district', 'province'].includes(descriptorOf(p.location) ?? '');
    const point = best(
      gazetteer,
      areaName ? null : p.location,
      POINT_KINDS,
      country,
      (e) => (admin1 === null || e.admin1 === admin1) && distanceKm(e, p) <= POINT_RADIUS_KM,
      admin1 ? [admin1] : [],
    );
    const found = { province, district, point };
    cache.set(key, found);
    return found;
  };

  return (p) => {
    const { province, district, point } = match(p);
    const entry = point ?? district ?? province;
    const where = p.where_prec ?? impliedPrecision(p, point);
    return {
      name: p.location ?? p.admin2 ?? p.admin1 ?? p.countryName ?? p.country ?? `${p.lat}, ${p.lon}`,
      gazetteer_id: entry?.id ?? null,
      lat: p.lat,
      lon: p.lon,
      admin1: province?.admin1 ?? district?.admin1 ?? point?.admin1 ?? p.admin1,
      admin2: district?.name ?? point?.admin2 ?? p.admin2,
      country: p.country,
      where_prec: where,
      // From district precision on, the coordinates stand for an area, not the spot.
      approximate: where > 2,
    };
  };
}

/**
 * A file without where_prec (reduced GED extracts) still tells how precisely it names the place:
 * a located point, else the district, the province or only the country. The coordinates may be
 * finer, but nothing in the file vouches for them.
 */
function impliedPrecision(p: FilePlace, point: GazetteerEntry | undefined): number {
  if (point) return wherePrecisionOf(point);
  if (p.admin2) return 3;
  if (p.admin1) return 4;
  return 6;
}
