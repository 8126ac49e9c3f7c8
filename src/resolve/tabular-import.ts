/**
 * Gazetteers that are not GeoNames dumps: CSV (or TSV) with a header row, and GeoJSON features. Columns
 * and properties are found by name, so a file from OCHA, a ministry or a spreadsheet works as it is.
 */
import { InvalidInputError, shorten } from '../core/errors.js';
import { type GazetteerEntry, PLACE_KINDS, type PlaceKind } from './gazetteer.js';
import { parseCoordinate } from './geonames-dump.js';

/** Header names (lowercase, without spaces, underscores or hyphens) for each field. */
export const COLUMN_NAMES = {
  id: ['id', 'geonameid', 'code', 'pcode'],
  name: ['name', 'placename', 'place', 'nameen', 'englishname'],
  alt_names: ['altnames', 'altname', 'alternatenames', 'alternatename', 'alternates', 'aliases', 'othernames'],
  lat: ['lat', 'latitude', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  admin1: ['admin1', 'province', 'adm1', 'admin1name', 'provincename', 'state', 'adm1name', 'adm1en'],
  admin2: ['admin2', 'district', 'adm2', 'admin2name', 'districtname', 'adm2name', 'adm2en'],
  country: ['country', 'countrycode', 'cc', 'iso2', 'countryiso2'],
  kind: ['kind', 'type', 'featuretype', 'featurecode', 'placetype'],
  population: ['population', 'pop'],
} as const;
export type Field = keyof typeof COLUMN_NAMES;

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

/** Field -> column index, from a header row. */
export function detectColumns(header: readonly string[]): Partial<Record<Field, number>> {
  const found: Partial<Record<Field, number>> = {};
  const normalised = header.map(normaliseHeader);
  for (const field of Object.keys(COLUMN_NAMES) as Field[]) {
    const names: readonly string[] = COLUMN_NAMES[field];
    const index = normalised.findIndex((h) => names.includes(h));
    if (index >= 0) found[field] = index;
  }
  return found;
}

/** Split one CSV line (RFC 4180 quoting; quoted fields may not span lines). */
export function splitDelimited(line: string, delimiter: string, where: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new InvalidInputError(where, 'a quoted field is not closed on this line');
  fields.push(field);
  return fields;
}

export function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const KIND_WORDS: Record<string, PlaceKind> = {
  adm1: 'province',
  admin1: 'province',
  state: 'province',
  region: 'province',
  adm2: 'district',
  admin2: 'district',
  county: 'district',
  ppl: 'village',
  pplc: 'city',
  ppla: 'city',
  ppla2: 'town',
  hamlet: 'village',
  neighbourhood: 'area',
  neighborhood: 'area',
};

function parseKind(value: string | undefined, where: string): PlaceKind {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return 'town';
  if ((PLACE_KINDS as readonly string[]).includes(v)) return v as PlaceKind;
  const mapped = KIND_WORDS[v];
  if (mapped === undefined) {
    throw new InvalidInputError(where, `kind "${shorten(v, 20)}" is not one of ${PLACE_KINDS.join(', ')}`);
  }
  return mapped;
}

export interface TabularOptions {
  readonly file: string;
  readonly source: string;
  /** Country (ISO2) for rows without a country column. */
  readonly country?: string;
}

/** Build an entry from field values; `where` names the line or feature for errors. */
export function entryFromFields(
  get: (field: Field) => string | undefined,
  fallbackId: string,
  options: TabularOptions,
  where: string,
): GazetteerEntry {
  const name = (get('name') ?? '').trim();
  if (name === '') throw new InvalidInputError(where, 'the name is empty');
  const country = (get('country') ?? options.country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new InvalidInputError(
      where,
      `country "${shorten(country, 10)}" is not an ISO alpha-2 code (pass a default country)`,
    );
  }
  const kind = parseKind(get('kind'), where);
  const popText = (get('population') ?? '').trim();
  if (popText !== '' && !/^\d+$/.test(popText))
    throw new InvalidInputError(where, `population "${shorten(popText, 20)}" is not a whole number`);
  const admin1 = (get('admin1') ?? '').trim();
  const admin2 = (get('admin2') ?? '').trim();
  const id = (get('id') ?? '').trim();
  const entry: GazetteerEntry = {
    id: `${options.source}:${id === '' ? fallbackId : id}`,
    name,
    alt_names: (get('alt_names') ?? '')
      .split(/[;|,]/)
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== name),
    kind,
    lat: parseCoordinate(get('lat') ?? '', 'latitude', where),
    lon: parseCoordinate(get('lon') ?? '', 'longitude', where),
    approximate: kind === 'province' || kind === 'district' || kind === 'country' || kind === 'area',
    admin1: kind === 'province' ? name : admin1 === '' ? null : admin1,
    admin2: kind === 'district' ? name : admin2 === '' ? null : admin2,
    country,
    position_basis: 'point',
    source: options.source,
  };
  if (popText !== '' && Number(popText) > 0) entry.population = Number(popText);
  return entry;
}

/** CSV lines (header first) to entries, yielded as they parse; throws at the first bad line. */
export async function* parseCsvLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: TabularOptions,
): AsyncGenerator<GazetteerEntry> {
  let lineNo = 0;
  let header: string[] | null = null;
  let delimiter = ',';
  let columns: Partial<Record<Field, number>> = {};
  for await (const raw of lines) {
    lineNo += 1;
    const line = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    const where = `${options.file}:${lineNo}`;
    if (header === null) {
      delimiter = detectDelimiter(line);
      header = splitDelimited(line, delimiter, where);
      columns = detectColumns(header);
      for (const field of ['name', 'lat', 'lon'] as const) {
        if (columns[field] === undefined) {
          throw new InvalidInputError(
            where,
            `no column for ${field} (expected one of ${COLUMN_NAMES[field].join(', ')})`,
          );
        }
      }
      continue;
    }
    const cells = splitDelimited(line, delimiter, where);
    if (cells.length !== header.length) {
      throw new InvalidInputError(where, `expected ${header.length} columns like the header, found ${cells.length}`);
    }
    yield entryFromFields(
      (f) => (columns[f] === undefined ? undefined : cells[columns[f]]),
      String(lineNo),
      options,
      where,
    );
  }
  if (header === null) throw new InvalidInputError(options.file, 'the file is empty (expected a header row)');
}
