import { basename } from 'node:path';
import { InvalidInputError, shorten } from '../core/errors.js';
import { ACLED_KNOWN_COLUMNS, ACLED_REQUIRED } from './acled-import.js';
import { GED_KNOWN_COLUMNS, GED_REQUIRED } from './ged-import.js';

export const DATASET_FORMATS = ['ged', 'acled'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

const FORMATS: Record<
  DatasetFormat,
  { known: readonly string[]; required: readonly (readonly string[])[]; label: string }
> = {
  ged: { known: GED_KNOWN_COLUMNS, required: GED_REQUIRED, label: 'UCDP GED' },
  acled: { known: ACLED_KNOWN_COLUMNS, required: ACLED_REQUIRED, label: 'ACLED' },
};

// Columns that only one of the two formats has; shared names (latitude, country, year) say nothing.
const SIGNALS: Record<DatasetFormat, ReadonlySet<string>> = {
  ged: new Set(GED_KNOWN_COLUMNS.filter((c) => !ACLED_KNOWN_COLUMNS.includes(c))),
  acled: new Set(ACLED_KNOWN_COLUMNS.filter((c) => !GED_KNOWN_COLUMNS.includes(c))),
};

// Shapefile (DBF) field names stop at 10 characters: "source_art" is source_article.
const DBF_NAME_LENGTH = 10;

/** The standard column each header cell names, or null for a column Tally does not read. */
export function mapHeader(header: readonly string[], known: readonly string[]): (string | null)[] {
  return header.map((raw) => {
    const name = raw.trim().toLowerCase();
    if (known.includes(name)) return name;
    if (name.length !== DBF_NAME_LENGTH) return null;
    const longer = known.filter((k) => k.startsWith(name));
    return longer.length === 1 ? (longer[0] as string) : null;
  });
}

/** Which dataset a header belongs to, by the columns only that dataset has. */
export function detectFormat(header: readonly string[]): DatasetFormat | null {
  const score = (format: DatasetFormat) =>
    new Set(mapHeader(header, FORMATS[format].known).filter((c) => c !== null && SIGNALS[format].has(c))).size;
  const ged = score('ged');
  const acled = score('acled');
  if (Math.max(ged, acled) < 2 || ged === acled) return null;
  return ged > acled ? 'ged' : 'acled';
}

/**
 * Check a header and map it to standard names: the format must be recognisable, its required
 * columns present, and no column named twice. Throws before any row is read.
 */
export function readHeader(
  file: string,
  header: readonly string[],
): { format: DatasetFormat; columns: (string | null)[] } {
  const format = detectFormat(header);
  if (format === null) {
    throw new InvalidInputError(
      file,
      `cannot tell whether this is UCDP GED (type_of_violence, where_prec, best...) or ACLED (event_id_cnty, event_type, fatalities...); the header is "${shorten(header.join(','), 120)}"`,
    );
  }
  const { known, required, label } = FORMATS[format];
  const columns = mapHeader(header, known);
  const present = new Set<string>();
  for (const c of columns) {
    if (c === null) continue;
    if (present.has(c)) throw new InvalidInputError(file, `the column ${c} appears twice in the header`);
    present.add(c);
  }
  const missing = required.filter((group) => !group.some((c) => present.has(c)));
  if (missing.length > 0) {
    const names = missing.map((g) => (g.length === 1 ? g[0] : `${g[0]} (or ${g.slice(1).join(', ')})`));
    throw new InvalidInputError(file, `looks like ${label} but lacks the column(s) ${names.join('; ')}`);
  }
  return { format, columns };
}

/** A release as a user gives it ("19.1", "23.0.1-candidate"): short, no spaces, nothing else. */
export function checkDatasetVersion(version: string, where: string): string {
  if (!/^[\w.-]{1,20}$/.test(version)) {
    throw new InvalidInputError(where, `expected a release like 19.1, got "${shorten(version, 40)}"`);
  }
  return version;
}

/** 'ucdp-ged 19.1': the given version, else one the standard file names carry (ged191, GEDEvent_v22_1). */
export function datasetName(format: DatasetFormat, file: string, version?: string): string {
  const base = format === 'ged' ? 'ucdp-ged' : 'acled';
  if (version) return `${base} ${version}`;
  if (format !== 'ged') return base;
  const m = /ged(?:event)?[_-]?v?(\d{2})[._]?(\d)(?!\d)/i.exec(basename(file));
  return m ? `${base} ${m[1]}.${m[2]}` : base;
}
