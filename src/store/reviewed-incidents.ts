import { type Kysely, sql } from 'kysely';
import type { Grade } from '../core/grade.js';
import type { IncidentReviewStatus } from '../core/review.js';
import type { PlaceFilter } from './incident-queries.js';
import { SHORT_SPAN_DAYS } from './migrations/0009-incident-spans.js';
import { runShaped, type ValueOf } from './query-shapes.js';
import type { Database } from './schema.js';

export interface ReviewedIncidentFilter {
  from?: string;
  to?: string;
  place?: PlaceFilter;
  /** Actor id or name. */
  actor?: string;
  eventType?: string;
  minDeaths?: number;
  /** Applied after grading, not in SQL: see grade-pages.ts. */
  grade?: Grade;
  dataset?: string;
  /** `active` (default): not rejected, merged away or voided; `all`: every incident. */
  status?: IncidentReviewStatus | 'active' | 'all';
  /** Only incidents this document speaks of (one of its passages is among their sources). */
  document?: number;
}

const UNCOUNTED: IncidentReviewStatus[] = ['rejected', 'merged', 'void'];

/**
 * Incidents matching the filter. The incident row holds the effective values and the review status
 * (see incident-effective.ts), so every filter is a plain, indexable column.
 */
export function filteredIncidents(db: Kysely<Database>, filter: ReviewedIncidentFilter) {
  let query = db.selectFrom('incidents as i');
  if (filter.from) query = query.where('i.date_end', '>=', filter.from);
  if (filter.to) query = query.where('i.date_start', '<=', filter.to);
  const place = filter.place;
  if (place?.admin1) query = query.where('i.admin1', '=', place.admin1);
  if (place?.admin2) query = query.where('i.admin2', '=', place.admin2);
  if (place?.gazetteer_id) query = query.where('i.gazetteer_id', '=', place.gazetteer_id);
  if (filter.eventType) query = query.where('i.event_type', '=', filter.eventType);
  if (filter.minDeaths !== undefined) query = query.where('i.deaths_best', '>=', filter.minDeaths);
  if (filter.dataset) query = query.where('i.dataset', '=', filter.dataset);
  if (filter.actor) {
    const actor = filter.actor;
    // A corrected incident's sides are the review's; otherwise any actor the sources name counts.
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('i.corrected', '=', 1),
          eb.or([
            eb('i.side_a_id', '=', actor),
            eb('i.side_a', '=', actor),
            eb('i.side_b_id', '=', actor),
            eb('i.side_b', '=', actor),
          ]),
        ]),
        eb.and([
          eb('i.corrected', '=', 0),
          eb.exists(
            eb
              .selectFrom('incident_actors as a')
              .select('a.id')
              .whereRef('a.incident_id', '=', 'i.id')
              .where((w) => w.or([w('a.actor_id', '=', actor), w('a.name', '=', actor)])),
          ),
        ]),
      ]),
    );
  }
  if (filter.document !== undefined) {
    const document = filter.document;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_sources as s')
          .select('s.id')
          .whereRef('s.incident_id', '=', 'i.id')
          .where('s.document_id', '=', document),
      ),
    );
  }
  const status = filter.status ?? 'active';
  if (status === 'active') query = query.where('i.status', 'not in', UNCOUNTED);
  else if (status !== 'all') query = query.where('i.status', '=', status);
  return query;
}

/** The earliest start of a short incident that reaches `from` (null when `from` is not a day). */
function shortSpanStart(from: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return null;
  const day = new Date(`${from}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return null;
  day.setUTCDate(day.getUTCDate() - SHORT_SPAN_DAYS);
  return day.toISOString().slice(0, 10);
}

export const INCIDENT_SORTS = ['date', 'deaths', 'id'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/**
 * Sort keys come from this allow-list only. Deaths sort unknown counts as -1 so both dialects put
 * them in the same place (SQLite and PostgreSQL disagree on where NULL sorts).
 */
export function sortExpression(sort: IncidentSort) {
  switch (sort) {
    case 'date':
      return sql<string | number>`${sql.ref('i.date_start')}`;
    case 'deaths':
      return sql<string | number>`coalesce(${sql.ref('i.deaths_best')}, -1)`;
    case 'id':
      return sql<string | number>`${sql.ref('i.id')}`;
  }
}

export interface IncidentPosition {
  value: string | number;
  id: number;
}

export interface IncidentPageRequest {
  sort: IncidentSort;
  order: 'asc' | 'desc';
  /** Continue after this incident (from the previous page's last one). */
  after?: IncidentPosition;
  limit: number;
}

/** One page of incident ids in order, and where the next page starts (null on the last page). */
export async function pageIncidentIds(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  page: IncidentPageRequest,
): Promise<{ ids: number[]; next: IncidentPosition | null }> {
  const after = page.after;
  const lower = page.sort === 'date' && filter.from ? shortSpanStart(filter.from) : null;
  // Ascending past a cursor at or beyond `lower`, the cursor alone bounds the short part: given both,
  // SQLite sought from `lower` and stepped over every entry up to the cursor, more on each page.
  const sinceCursor = lower !== null && page.order === 'asc' && after !== undefined && String(after.value) >= lower;
  const values = {
    ...filterValues(filter),
    after_value: after?.value,
    after_id: after?.id,
    lower,
    limit: page.limit + 1,
  };
  const shape = [
    page.sort,
    page.order,
    after ? 'after' : '',
    lower ? (sinceCursor ? 'since' : 'lower') : '',
    filterShape(filter),
  ].join('|');
  const part = (name: string, where?: PartFilter) =>
    runShaped<{ id: number; sort_value: string | number }>(
      db,
      `${shape}|${name}`,
      (value) => pageQuery(db, filter, page, value, where),
      values,
    );
  // By date from a date: short incidents can start at most a month before it, so their part seeks;
  // the long ones are few. Each part comes in order and they are merged here: as one UNION ALL,
  // SQLite took ten times as long as the two parts run alone.
  const rows = lower
    ? inOrder(
        (
          await Promise.all([
            part('short', (q, value) => {
              const shortOnes = q.where('i.long_span', '=', 0);
              return sinceCursor ? shortOnes : shortOnes.where('i.date_start', '>=', value<string>('lower'));
            }),
            part('long', (q) => q.where('i.long_span', '=', 1)),
          ])
        ).flat(),
        page.order,
      ).slice(0, page.limit + 1)
    : await part('all');
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    ids: shown.map((r) => r.id),
    next: rows.length > page.limit && last ? { value: last.sort_value, id: last.id } : null,
  };
}

type PartFilter = (q: ReturnType<typeof filteredIncidents>, value: ValueOf) => ReturnType<typeof filteredIncidents>;

/** The page query, every value taken through `value` so that its SQL can be kept (query-shapes.ts). */
function pageQuery(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  page: IncidentPageRequest,
  value: ValueOf,
  where?: PartFilter,
) {
  const key = sortExpression(page.sort);
  let query = filteredIncidents(db, filterThrough(filter, value));
  if (where) query = where(query, value);
  if (page.after) {
    // A row comparison lets both dialects seek the (…, date_start, id) index instead of filtering.
    const beyond = page.order === 'asc' ? '>' : '<';
    query = query.where(
      sql<boolean>`(${key}, ${sql.ref('i.id')}) ${sql.raw(beyond)} (${value('after_value')}, ${value('after_id')})`,
    );
  }
  return query
    .select(['i.id', key.as('sort_value')])
    .orderBy(key, page.order)
    .orderBy('i.id', page.order)
    .limit(value<number>('limit'));
}

/** The filter's values, by the names `filterThrough` takes them by. */
function filterValues(f: ReviewedIncidentFilter): Record<string, unknown> {
  return {
    from: f.from,
    to: f.to,
    admin1: f.place?.admin1,
    admin2: f.place?.admin2,
    gazetteer_id: f.place?.gazetteer_id,
    event_type: f.eventType,
    min_deaths: f.minDeaths,
    dataset: f.dataset,
    actor: f.actor,
    document: f.document,
  };
}

/** Which filters make a difference to the SQL `filteredIncidents` writes: the same tests it makes. */
function filterShape(f: ReviewedIncidentFilter): string {
  const set = (v: unknown) => (v ? '1' : '0');
  return [
    set(f.from),
    set(f.to),
    set(f.place?.admin1),
    set(f.place?.admin2),
    set(f.place?.gazetteer_id),
    set(f.eventType),
    f.minDeaths === undefined ? '0' : '1',
    set(f.dataset),
    set(f.actor),
    f.document === undefined ? '0' : '1',
    f.status ?? 'active',
  ].join('');
}

/** The filter with each value taken through `value`; the status stays, as it decides the SQL. */
function filterThrough(f: ReviewedIncidentFilter, value: ValueOf): ReviewedIncidentFilter {
  const place = f.place && {
    admin1: f.place.admin1 ? value<string>('admin1') : undefined,
    admin2: f.place.admin2 ? value<string>('admin2') : undefined,
    gazetteer_id: f.place.gazetteer_id ? value<string>('gazetteer_id') : undefined,
  };
  return {
    from: f.from ? value<string>('from') : undefined,
    to: f.to ? value<string>('to') : undefined,
    place,
    eventType: f.eventType ? value<string>('event_type') : undefined,
    minDeaths: f.minDeaths === undefined ? undefined : value<number>('min_deaths'),
    dataset: f.dataset ? value<string>('dataset') : undefined,
    actor: f.actor ? value<string>('actor') : undefined,
    document: f.document === undefined ? undefined : value<number>('document'),
    status: f.status,
  };
}

/** Rows by (sort value, id): ISO dates and numbers, which compare in JavaScript as in the store. */
function inOrder<T extends { id: number; sort_value: string | number }>(rows: T[], order: 'asc' | 'desc'): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    if (a.sort_value !== b.sort_value) return sign * (a.sort_value < b.sort_value ? -1 : 1);
    return sign * (a.id - b.id);
  });
}
