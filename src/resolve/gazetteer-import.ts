/**
 * Import a gazetteer file: a GeoNames dump, a CSV/TSV with a header, or GeoJSON.
 *
 * Contract: the per-format parsers (parseGeoNamesLines, parseCsvLines) yield entries as they read and
 * throw InvalidInputError("file:line", problem) at the first bad line, so a consumer that writes while
 * iterating must do so inside a transaction and roll back on the throw. importGazetteer reads the
 * whole input first and returns entries only when every line is valid: nothing half-imported.
 */
import { basename } from 'node:path';
import { InvalidInputError, shorten } from '../core/errors.js';
import type { GazetteerEntry } from './gazetteer.js';
import {
  type AdminNames,
  adminNamesFromRows,
  GEONAMES_COLUMNS,
  type GeoNamesRow,
  geoNamesRowToEntry,
  kindOfGeoNamesRow,
  parseGeoNamesLine,
} from './geonames-dump.js';
import { COLUMN_NAMES, entryFromFields, type Field, parseCsvLines, type TabularOptions } from './tabular-import.js';

export const GAZETTEER_FORMATS = ['geonames', 'csv', 'geojson'] as const;
export type GazetteerFormat = (typeof GAZETTEER_FORMATS)[number];

// RFC 8142 GeoJSON text sequences start each record with an ASCII record separator.
const RECORD_SEPARATOR = String.fromCharCode(0x1e);

/** By extension first, then by the first line: 19 tabs' worth of columns is a GeoNames dump. */
export function detectGazetteerFormat(file: string, firstLine: string): GazetteerFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.geojsonl') || lower.endsWith('.json')) return 'geojson';
  const trimmed = firstLine.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith(RECORD_SEPARATOR)) return 'geojson';
  if (firstLine.split('\t').length === GEONAMES_COLUMNS && /^\d+\t/.test(firstLine)) return 'geonames';
  return lower.endsWith('.txt') && /^\d+\t/.test(firstLine) ? 'geonames' : 'csv';
}

export interface ImportOptions {
  /** Shown in errors and used for ids and the entries' source. */
  readonly file: string;
  readonly format?: GazetteerFormat;
  readonly source?: string;
  /** Country for CSV/GeoJSON rows without one. */
  readonly country?: string;
  /** GeoNames admin code names when the dump has no ADM1/ADM2 rows (e.g. cities1000.txt). */
  readonly adminNames?: AdminNames;
  /** GeoNames feature classes to keep; default A, P, L, T (admin units, settlements, areas, valleys). */
  readonly featureClasses?: readonly string[];
}

/** GeoNames dump lines to rows, yielded as they parse; throws at the first bad line. */
export async function* parseGeoNamesLines(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
): AsyncGenerator<GeoNamesRow> {
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '' || line.startsWith('#')) continue;
    yield parseGeoNamesLine(line, `${file}:${lineNo}`);
  }
}

interface Position {
  lat: number;
  lon: number;
  approximate: boolean;
}

// A polygon's vertex mean is crude but stays inside most districts, and is marked approximate.
function positionOf(geometry: unknown, where: string): Position | null {
  if (geometry === null || typeof geometry !== 'object') return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const points: number[][] = [];
  const collect = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') points.push(c as number[]);
    else if (Array.isArray(c)) for (const x of c) collect(x);
  };
  collect(g.coordinates);
  if (points.length === 0) throw new InvalidInputError(where, `geometry of type ${String(g.type)} has no coordinates`);
  const lon = points.reduce((s, p) => s + (p[0] ?? Number.NaN), 0) / points.length;
  const lat = points.reduce((s, p) => s + (p[1] ?? Number.NaN), 0) / points.length;
  return { lat, lon, approximate: g.type !== 'Point' };
}

function featureToEntry(feature: unknown, fallbackId: string, options: TabularOptions, where: string): GazetteerEntry {
  if (feature === null || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
    throw new InvalidInputError(where, 'expected a GeoJSON Feature');
  }
  const f = feature as { properties?: Record<string, unknown> | null; geometry?: unknown; id?: unknown };
  const props = new Map<string, string>();
  for (const [k, v] of Object.entries(f.properties ?? {})) {
    if (v === null || v === undefined) continue;
    props.set(
      k
        .trim()
        .toLowerCase()
        .replace(/[\s_\-.]+/g, ''),
      Array.isArray(v) ? v.join(';') : String(v),
    );
  }
  const pos = positionOf(f.geometry, where);
  const get = (field: Field): string | undefined => {
    if (pos !== null && field === 'lat') return String(pos.lat);
    if (pos !== null && field === 'lon') return String(pos.lon);
    if (field === 'id' && f.id !== undefined) return String(f.id);
    for (const name of COLUMN_NAMES[field]) if (props.has(name)) return props.get(name);
    return undefined;
  };
  const entry = entryFromFields(get, fallbackId, options, where);
  return pos?.approximate === true ? { ...entry, approximate: true } : entry;
}

function stripRecordSeparator(line: string): string {
  return line.startsWith(RECORD_SEPARATOR) ? line.slice(1) : line;
}

/** GeoJSON: a FeatureCollection (read whole) or one Feature per line (GeoJSON text sequences). */
export async function parseGeoJsonLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: TabularOptions,
): Promise<GazetteerEntry[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  const first = all.findIndex((l) => l.trim() !== '');
  const firstLine = stripRecordSeparator(all[first] ?? '').trim();
  let perLine = false;
  try {
    perLine = (JSON.parse(firstLine) as { type?: unknown }).type === 'Feature';
  } catch {
    perLine = false;
  }
  if (perLine) {
    return all.flatMap((line, i) => {
      const text = stripRecordSeparator(line).trim();
      if (text === '') return [];
      const where = `${options.file}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new InvalidInputError(where, `not valid JSON (${shorten((error as Error).message)})`);
      }
      return [featureToEntry(value, String(i + 1), options, where)];
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(all.join('\n'));
  } catch (error) {
    throw new InvalidInputError(options.file, `not valid JSON (${shorten((error as Error).message)})`);
  }
  const features = (doc as { features?: unknown }).features;
  if (!Array.isArray(features))
    throw new InvalidInputError(options.file, 'expected a FeatureCollection with a features array');
  return features.map((f, i) => featureToEntry(f, String(i + 1), options, `${options.file}: features[${i}]`));
}

export interface ImportResult {
  readonly format: GazetteerFormat;
  readonly entries: GazetteerEntry[];
  /** GeoNames rows of feature classes not imported (streams, buildings, ...). */
  readonly skipped: number;
}

/** Read a whole gazetteer file and return its entries only if every line is valid. */
export async function importGazetteer(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<ImportResult> {
  const buffered: string[] = [];
  for await (const line of lines) buffered.push(line);
  const firstLine = buffered.find((l) => l.trim() !== '') ?? '';
  const format = options.format ?? detectGazetteerFormat(options.file, firstLine);
  const source = options.source ?? basename(options.file);
  const tabular: TabularOptions = {
    file: options.file,
    source,
    ...(options.country ? { country: options.country } : {}),
  };
  if (format === 'csv') {
    const entries: GazetteerEntry[] = [];
    for await (const e of parseCsvLines(buffered, tabular)) entries.push(e);
    return { format, entries, skipped: 0 };
  }
  if (format === 'geojson') return { format, entries: await parseGeoJsonLines(buffered, tabular), skipped: 0 };
  const rows: GeoNamesRow[] = [];
  for await (const row of parseGeoNamesLines(buffered, options.file)) rows.push(row);
  const names = adminNamesFromRows(rows, options.adminNames);
  const classes = new Set(options.featureClasses ?? ['A', 'P', 'L', 'T']);
  const entries: GazetteerEntry[] = [];
  let skipped = 0;
  for (const row of rows) {
    const kind = kindOfGeoNamesRow(row, classes);
    if (kind === null) skipped += 1;
    else entries.push(geoNamesRowToEntry(row, kind, names, `GeoNames ${basename(options.file)}`));
  }
  return { format, entries, skipped };
}
