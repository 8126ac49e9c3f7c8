import { ACLED_EVENT_TYPES, type AcledEventType, EventType } from '../core/incident.js';
import { violenceType } from '../merge/classify-event.js';
import type { ImportedIncident } from '../store/import-row.js';
import { ACLED_COLUMNS, wherePrecOfGeo } from './acled-format.js';
import { countryByIso, countryByName } from './countries.js';
import { acledRange } from './date-codes.js';
import { datasetClaim, type ImportContext, type SideActor, sideActor } from './import-context.js';
import { type RowFields, RowProblem } from './row-fields.js';

/** Columns an ACLED file must have; the rest of ACLED's columns are read when present. */
export const ACLED_REQUIRED: readonly (readonly string[])[] = [
  ['event_id_cnty'],
  ['event_date'],
  ['event_type'],
  ['actor1'],
  ['latitude'],
  ['longitude'],
  ['fatalities'],
];

export const ACLED_KNOWN_COLUMNS: readonly string[] = ACLED_COLUMNS;

const INTER_CODES = [1, 2, 3, 4, 5, 6, 7, 8] as const;

function eventTypeOf(f: RowFields): AcledEventType {
  const value = f.required('event_type');
  const known = EventType.options.find((t) => t.toLowerCase() === value.toLowerCase());
  if (!known) throw new RowProblem(`event_type should be one of ${EventType.options.join(', ')}; got "${value}"`);
  return known;
}

/** ACLED lists several associated actors in one cell, separated by semicolons. */
function associated(cell: string | null): string[] {
  return (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One ACLED row as an incident: its fatalities are one number no side is named for. */
export function readAcledRow(f: RowFields, ctx: ImportContext): ImportedIncident {
  const id = f.required('event_id_cnty');
  const eventDate = f.date('event_date');
  if (eventDate === null) throw new RowProblem('event_date is empty');
  const date = acledRange(eventDate, f.code('time_precision', [1, 2, 3]) ?? 1);
  const eventType = eventTypeOf(f);
  const subEventType = f.text('sub_event_type') ?? '';
  const subTypes: readonly string[] = ACLED_EVENT_TYPES[eventType];
  const subType = subTypes.find((s) => s.toLowerCase() === subEventType.toLowerCase()) ?? subEventType;
  const lat = f.decimal('latitude', -90, 90);
  const lon = f.decimal('longitude', -180, 180);
  const geo = f.code('geo_precision', [1, 2, 3]);
  // ACLED writes 0 when no source gives a number; a blank cell reads the same way.
  const deaths = f.int('fatalities') ?? 0;
  const source = f.text('source');

  // ACLED always names actor 1; an export of an extracted incident whose perpetrator no source
  // names leaves it blank rather than inventing one.
  const actor1 = f.text('actor1');
  const actor2 = f.text('actor2');
  const inter1 = f.code('inter1', INTER_CODES);
  const inter2 = f.code('inter2', INTER_CODES);
  const actors: SideActor[] = [
    ...(actor1 ? [sideActor(actor1, 'a', date.start, ctx, inter1)] : []),
    ...associated(f.text('assoc_actor_1')).map((name) => sideActor(name, 'a', date.start, ctx)),
    ...(actor2 ? [sideActor(actor2, 'b', date.start, ctx, inter2)] : []),
    ...associated(f.text('assoc_actor_2')).map((name) => sideActor(name, 'b', date.start, ctx)),
  ];
  const countryName = f.text('country');
  const country = countryByName(countryName) ?? countryByIso(f.int('iso'));
  const sideA = actors.find((a) => a.side === 'a' && a.name === actor1);
  const sideB = actors.find((a) => a.side === 'b' && a.name === actor2);

  return {
    dataset: ctx.dataset,
    dataset_id: id,
    date,
    place: ctx.lookupPlace({
      location: f.text('location'),
      admin1: f.text('admin1'),
      admin2: f.text('admin2'),
      country: country?.alpha2 ?? countryName,
      countryName: countryName ?? country?.acled ?? null,
      lat,
      lon,
      where_prec: geo === null ? null : wherePrecOfGeo(geo),
    }),
    event_type: eventType,
    sub_event_type: subType,
    violence_type: violenceType(eventType, sideA?.state ?? false, sideB?.state ?? false),
    side_a: actor1,
    side_b: actor2,
    actors,
    deaths: { low: deaths, best: deaths, high: deaths },
    deaths_by: { side_a: null, side_b: null, civilians: null, unknown: deaths },
    claims: [datasetClaim(ctx, 'unknown', deaths, deaths, source, `fatalities ${deaths}`)],
    summary: f.text('notes') ?? '',
  };
}
