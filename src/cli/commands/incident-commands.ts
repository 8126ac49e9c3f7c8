import { loadResolvers } from '../../app/analyse-document.js';
import { InvalidInputError, NotFoundError } from '../../core/errors.js';
import { Grade } from '../../core/grade.js';
import { EventType, type Incident } from '../../core/incident.js';
import { storePages, writeExport } from '../../interop/export-incidents.js';
import { resolvePlace } from '../../resolve/resolve-place.js';
import { getGradedIncident, listGradedIncidents } from '../../store/grade-listing.js';
import type { IncidentFilter, PlaceFilter } from '../../store/incident-queries.js';
import { openStore, type Store } from '../../store/open-store.js';
import { formatRange, formatTable, printJson } from '../format.js';

export interface IncidentFlags extends IncidentFilterFlags {
  limit: number;
  json?: boolean;
  csv?: boolean;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A place name to the area it covers: a province takes in its districts, a district its villages. */
async function placeFilter(store: Store, name: string, actorsFile: string): Promise<PlaceFilter> {
  const { gazetteer } = await loadResolvers(store, actorsFile);
  const best = resolvePlace(name, {}, gazetteer)[0];
  if (!best) throw new InvalidInputError('--place', `no place called "${name}" in the gazetteer`);
  const e = best.entry;
  if (e.kind === 'province') return { admin1: e.name };
  if (e.kind === 'district') return { admin1: e.admin1 ?? undefined, admin2: e.name };
  return { gazetteer_id: e.id };
}

/** The filters `tally incidents` and `tally export` share, as typed on the command line. */
export interface IncidentFilterFlags {
  from?: string;
  to?: string;
  place?: string;
  actor?: string;
  type?: string;
  minDeaths?: number;
  dataset?: string;
  grade?: string;
  actors: string;
}

/** Refuse malformed filter flags before anything opens the store. */
export function checkIncidentFilterFlags(flags: IncidentFilterFlags): void {
  for (const [flag, value] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    if (value !== undefined && !ISO_DAY.test(value))
      throw new InvalidInputError(flag, `expected a date as YYYY-MM-DD, got "${value}"`);
  }
  if (flags.type !== undefined && !EventType.safeParse(flags.type).success) {
    throw new InvalidInputError('--type', `expected one of ${EventType.options.join(', ')}; got "${flags.type}"`);
  }
  if (flags.grade !== undefined && !Grade.safeParse(flags.grade).success) {
    throw new InvalidInputError('--grade', `expected one of ${Grade.options.join(', ')}; got "${flags.grade}"`);
  }
}

/** The filter the flags ask for, with --place resolved against the gazetteer. */
export async function incidentFilter(store: Store, flags: IncidentFilterFlags): Promise<IncidentFilter> {
  checkIncidentFilterFlags(flags);
  return {
    from: flags.from,
    to: flags.to,
    place: flags.place ? await placeFilter(store, flags.place, flags.actors) : undefined,
    actor: flags.actor,
    eventType: flags.type,
    minDeaths: flags.minDeaths,
    dataset: flags.dataset,
    grade: flags.grade as Grade | undefined,
  };
}

export async function runIncidents(db: string, flags: IncidentFlags): Promise<number> {
  checkIncidentFilterFlags(flags);
  const store = await openStore(db);
  try {
    const filter = await incidentFilter(store, flags);
    const { actors } = await loadResolvers(store, flags.actors);
    if (flags.csv) {
      // The export's CSV, so that every CSV Tally writes has the same columns and the same guard.
      await writeExport(storePages(store, filter, actors), process.stdout, { format: 'csv', limit: flags.limit }).catch(
        (error: NodeJS.ErrnoException) => {
          // `tally incidents --csv | head` closes the pipe early: the reader has what it wanted.
          if (error.code !== 'EPIPE') throw error;
        },
      );
      return 0;
    }
    const incidents = await listGradedIncidents(store, { ...filter, limit: flags.limit }, actors);
    if (flags.json) printJson(incidents);
    else
      process.stdout.write(
        `${formatTable(TABLE_COLUMNS, incidents.map(tableRow), 40)}\n${incidents.length} incidents\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

const TABLE_COLUMNS = ['id', 'date', 'place', 'province', 'type', 'sides', 'deaths', 'claims', 'sources', 'grade'];

function dateText(i: Incident): string {
  return i.date.start === i.date.end ? i.date.start : `${i.date.start}..${i.date.end}`;
}

function tableRow(i: Incident): (string | number)[] {
  const deaths = i.deaths.best === null ? '' : `${i.deaths.best} (${formatRange(i.deaths.low, i.deaths.high, null)})`;
  const sides = [i.side_a, i.side_b].filter(Boolean).join(' v ');
  return [
    i.id,
    dateText(i),
    i.place?.name ?? '',
    i.place?.admin1 ?? '',
    i.event_type,
    sides,
    deaths,
    i.claims.length,
    new Set(i.sources.map((s) => s.document_id)).size,
    i.grade ? `${i.grade.grade} (${i.grade.sources})` : '',
  ];
}

export async function runShowIncident(
  db: string,
  id: number,
  flags: { json?: boolean; actors?: string },
): Promise<number> {
  const store = await openStore(db);
  try {
    const { actors } = await loadResolvers(store, flags.actors);
    const incident = await getGradedIncident(store, id, actors);
    if (!incident) throw new NotFoundError('incident', String(id));
    if (flags.json) {
      printJson(incident);
      return 0;
    }
    const i = incident;
    const place = i.place
      ? `${i.place.name}${i.place.admin1 ? `, ${i.place.admin1}` : ''} (where_prec ${i.place.where_prec})`
      : '—';
    const lines = [
      `incident   ${i.id}`,
      `date       ${dateText(i)} (${i.date.precision})`,
      `place      ${place}`,
      `type       ${i.event_type} / ${i.sub_event_type}${i.violence_type ? ` (UCDP type ${i.violence_type})` : ''}`,
      `sides      ${i.side_a ?? '?'} v ${i.side_b ?? '?'}`,
      `deaths     low ${i.deaths.low ?? '—'}, best ${i.deaths.best ?? '—'}, high ${i.deaths.high ?? '—'}`,
      `grade      ${i.grade ? `${i.grade.grade}, ${i.grade.sources} independent source(s): ${i.grade.reason}` : '—'}`,
      '',
      'claims',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    // "17 soldiers and 36 volunteers": counts the estimate adds, where it reads others as alternatives.
    const added = i.claims.some((c) => c.sum_group !== null);
    const rows = i.claims.map((c) => [
      c.document_id ?? '',
      c.kind,
      `${formatRange(c.low, c.high, c.vague)}${c.sum_group !== null ? ' +' : ''}`,
      c.category,
      c.claimant ?? '',
      c.evidence.text,
    ]);
    const legend = added ? '\n+ told beside other counts of different people: the estimate adds them' : '';
    process.stdout.write(
      `${formatTable(['doc', 'kind', 'figure', 'whose', 'claimant', 'evidence'], rows, 70)}${legend}\n\nsources\n`,
    );
    for (const s of i.sources) process.stdout.write(`[document ${s.document_id}] ${s.text}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
