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
// Names remembered per cache; a file with more distinct places starts its cache again.
const MAX_CACHED = 50_000;

/** "Nad Ali district (Marja)" -> name "Nad Ali district", note "Marja" (GED's other name or province). */
function splitNote(name: string): { name: string; note: string | null } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
  return m ? { name: (m[1] as string).trim(), note: (m[2] as string).trim() } : { name, note: null };
}

/**
 * The gazetteer's entries for a mention, in the order of preference: the name, then its note,
 * each ranked by resolvePlace and kept where `accept` holds.
 */
function candidates(
  gazetteer: Gazetteer,
  mention: string | null,
  kinds: readonly PlaceKind[],
  country: string,
  accept: (e: GazetteerEntry) => boolean,
  provinces: string[] = [],
): GazetteerEntry[] {
  if (!mention) return [];
  const { name, note } = splitNote(mention);
  const context = { provinces: note ? [...provinces, note] : provinces };
  const found: GazetteerEntry[] = [];
  for (const attempt of note ? [name, note] : [name]) {
    for (const c of resolvePlace(attempt, context, gazetteer)) {
      if (kinds.includes(c.entry.kind) && c.entry.country === country && accept(c.entry)) found.push(c.entry);
    }
  }
  return found;
}

/**
 * Resolve a dataset row's admin names and location against the gazetteer, for filters and
 * comparison with extracted incidents, while the row keeps its own coordinates and location name.
 * Names the gazetteer does not know stay as the file writes them. Memoised: datasets repeat places.
 */
export function createPlaceLookup(gazetteer: Gazetteer): (place: FilePlace) => ResolvedPlace {
  // Two caches, because rows repeat their admin names far more often than their coordinates: the
  // admin units by name, and a location's candidate towns, of which the row's coordinates pick.
  const units = new Map<string, Pick<Match, 'province' | 'district'>>();
  const towns = new Map<string, GazetteerEntry[]>();
  const remember = <V>(cache: Map<string, V>, key: string, make: () => V): V => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      value = make();
      cache.set(key, value);
    }
    return value;
  };
  const match = (p: FilePlace): Match => {
    // Gazetteer entries carry alpha-2 countries; a country outside the table matches nothing there.
    const country = p.country && /^[A-Z]{2}$/.test(p.country) ? p.country : null;
    if (country === null) return { province: undefined, district: undefined, point: undefined };
    const { province, district } = remember(units, [p.admin1, p.admin2, country].join('\u0000'), () => {
      const province = candidates(gazetteer, p.admin1, ['province'], country, () => true)[0];
      const district = candidates(
        gazetteer,
        p.admin2,
        ['district'],
        country,
        (e) => !province || e.admin1 === province.admin1,
        province ? [province.name] : [],
      )[0];
      return { province, district };
    });
    const admin1 = province?.admin1 ?? district?.admin1 ?? null;
    const point = remember(towns, [p.location, admin1, country].join('\u0000'), () => {
      // GED names area-level locations by their unit ("Karukh district"): no town stands for those.
      // Asked once per location, here: reading the name costs more than the rest of the row's lookup.
      const areaName = p.location !== null && ['district', 'province'].includes(descriptorOf(p.location) ?? '');
      return areaName
        ? []
        : candidates(
            gazetteer,
            p.location,
            POINT_KINDS,
            country,
            (e) => admin1 === null || e.admin1 === admin1,
            admin1 ? [admin1] : [],
          );
    }).find((e) => distanceKm(e, p) <= POINT_RADIUS_KM);
    return { province, district, point };
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
