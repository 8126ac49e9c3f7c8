import type { DeathCategory, ViolenceType } from '../core/incident.js';
import type { ImportedIncident } from '../store/import-row.js';
import { countryByName } from './countries.js';
import { rangeOf, yearRange } from './date-codes.js';
import { GED_COLUMNS } from './ged-format.js';
import { datasetClaim, type ImportContext, sideActor } from './import-context.js';
import { type RowFields, RowProblem } from './row-fields.js';

/**
 * Columns a GED file must have, each satisfied by any one of its alternatives. Reduced extracts
 * (HDX country files, shapefile conversions) drop many columns; these are the ones an incident
 * cannot do without. `id` is required because re-imports update by it.
 */
export const GED_REQUIRED: readonly (readonly string[])[] = [
  ['id'],
  ['date_start', 'year'],
  ['latitude'],
  ['longitude'],
  ['best', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown'],
  ['side_a'],
  ['side_b'],
];

export const GED_KNOWN_COLUMNS: readonly string[] = GED_COLUMNS;

const CATEGORIES: readonly [string, DeathCategory][] = [
  ['deaths_a', 'side_a'],
  ['deaths_b', 'side_b'],
  ['deaths_civilians', 'civilians'],
  ['deaths_unknown', 'unknown'],
];

/**
 * GED's own convention when a reduced file drops type_of_violence: one-sided violence has the
 * civilians as side B, state-based conflict a government on a side, the rest is non-state.
 */
function impliedViolence(sideA: string | null, sideB: string | null): ViolenceType {
  if (sideB?.toLowerCase() === 'civilians') return 3;
  return [sideA, sideB].some((s) => s?.startsWith('Government of')) ? 1 : 2;
}

function readDate(f: RowFields) {
  const start = f.date('date_start');
  const end = f.date('date_end');
  f.code('date_prec', [1, 2, 3, 4, 5]);
  if (start === null) {
    const year = f.int('year', 1000, 9999);
    if (year === null) throw new RowProblem('no date: date_start and year are both empty');
    return yearRange(year);
  }
  if (end !== null && end < start) throw new RowProblem(`date_end ${end} is before date_start ${start}`);
  return rangeOf(start, end ?? start);
}

/** One GED row as an incident: the dataset's own numbers are its estimates. */
export function readGedRow(f: RowFields, ctx: ImportContext): ImportedIncident {
  const id = f.required('id');
  const date = readDate(f);
  const lat = f.decimal('latitude', -90, 90);
  const lon = f.decimal('longitude', -180, 180);
  const wherePrec = f.code('where_prec', [1, 2, 3, 4, 5, 6, 7]);
  const sideA = f.text('side_a');
  const sideB = f.text('side_b');
  const violence = f.code('type_of_violence', [1, 2, 3]) ?? impliedViolence(sideA, sideB);
  const source = f.text('source_article');

  const byCategory = CATEGORIES.map(([column, category]) => ({ column, category, value: f.int(column) }));
  const stated = byCategory.filter((c) => c.value !== null) as {
    column: string;
    category: DeathCategory;
    value: number;
  }[];
  const best = f.int('best') ?? (stated.length > 0 ? stated.reduce((sum, c) => sum + c.value, 0) : null);
  const low = f.int('low');
  const high = f.int('high');
  if (best !== null && low !== null && low > best) throw new RowProblem(`low (${low}) is above best (${best})`);
  if (best !== null && high !== null && high < best) throw new RowProblem(`high (${high}) is below best (${best})`);

  const claims = stated.map((c) => datasetClaim(ctx, c.category, c.value, c.value, source, `${c.column} ${c.value}`));
  if (claims.length === 0 && best !== null) {
    const statement = `best ${best}${low !== null ? `, low ${low}` : ''}${high !== null ? `, high ${high}` : ''}`;
    claims.push(datasetClaim(ctx, 'unknown', low ?? best, high ?? best, source, statement));
  }
  const category = (c: DeathCategory) => stated.find((s) => s.category === c)?.value ?? null;
  const countryName = f.text('country');

  return {
    dataset: ctx.dataset,
    dataset_id: id,
    date,
    place: ctx.lookupPlace({
      location: f.text('where_coordinates'),
      admin1: f.text('adm_1'),
      admin2: f.text('adm_2'),
      country: countryByName(countryName)?.alpha2 ?? countryName,
      countryName,
      lat,
      lon,
      where_prec: wherePrec,
    }),
    event_type: violence === 3 ? 'Violence against civilians' : 'Battles',
    sub_event_type: violence === 3 ? 'Attack' : 'Armed clash',
    violence_type: violence,
    side_a: sideA,
    side_b: sideB,
    actors: [
      ...(sideA ? [sideActor(sideA, 'a', date.start, ctx)] : []),
      ...(sideB ? [sideActor(sideB, 'b', date.start, ctx)] : []),
    ],
    deaths: { low, best, high },
    deaths_by: {
      side_a: category('side_a'),
      side_b: category('side_b'),
      civilians: category('civilians'),
      unknown: category('unknown'),
    },
    claims,
    summary: f.text('source_headline') ?? f.text('where_description') ?? '',
  };
}
