import { z } from 'zod';
import { placeFilterOf } from '../app/place-filter.js';
import { InvalidInputError } from '../core/errors.js';
import { Grade } from '../core/grade.js';
import { EventType } from '../core/incident.js';
import { INCIDENT_REVIEW_STATUSES } from '../core/review.js';
import type { Gazetteer } from '../resolve/gazetteer.js';
import type { PlaceFilter } from '../store/incident-queries.js';
import {
  INCIDENT_SORTS,
  type IncidentPosition,
  type IncidentSort,
  type ReviewedIncidentFilter,
} from '../store/reviewed-incidents.js';
import type { ServerDeps } from './server-types.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** The filters of `tally incidents`, as query parameters. */
export const IncidentFilterQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  place: z.string().trim().min(1).max(200).optional().describe('a place name; a province takes in its districts'),
  actor: z.string().trim().min(1).max(200).optional().describe('actor id or name'),
  type: EventType.optional().describe('ACLED event type'),
  min_deaths: z.coerce.number().int().min(0).optional(),
  dataset: z.string().trim().min(1).max(100).optional(),
  grade: Grade.optional().describe(
    'only incidents of this grade (docs/methodology.md, section 7); with a rare grade a page may come back short with a next_cursor: keep paging',
  ),
  status: z
    .enum(['active', 'all', ...INCIDENT_REVIEW_STATUSES])
    .default('active')
    .describe('active: leaves out rejected, merged-away and withdrawn incidents'),
});
export type IncidentFilterQuery = z.infer<typeof IncidentFilterQuery>;

export const IncidentListQuery = IncidentFilterQuery.extend({
  sort: z.enum(INCIDENT_SORTS).default('date'),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(500).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** Place names resolved per gazetteer, kept for the few names readers ask for again and again. */
const placesOf = new WeakMap<Gazetteer, Map<string, PlaceFilter>>();
const PLACES_KEPT = 500;

/** `placeFilterOf` for a query parameter; a name no place has is refused each time it is asked. */
function resolvedPlace(name: string, gazetteer: Gazetteer): PlaceFilter {
  let places = placesOf.get(gazetteer);
  if (!places) {
    places = new Map();
    placesOf.set(gazetteer, places);
  }
  const known = places.get(name);
  if (known) return known;
  const place = placeFilterOf(name, gazetteer, 'querystring.place');
  if (places.size >= PLACES_KEPT) places.delete(places.keys().next().value as string);
  places.set(name, place);
  return place;
}

export function incidentFilterOf(q: IncidentFilterQuery, deps: ServerDeps): ReviewedIncidentFilter {
  return {
    from: q.from,
    to: q.to,
    place: q.place ? resolvedPlace(q.place, deps.resolvers.gazetteer) : undefined,
    actor: q.actor,
    eventType: q.type,
    minDeaths: q.min_deaths,
    dataset: q.dataset,
    grade: q.grade,
    status: q.status,
  };
}

/**
 * Cursors carry the sort they were made for, so a client cannot page one ordering with another's
 * position. Base64url JSON: opaque to clients, checked field by field here.
 */
export function encodeCursor(sort: IncidentSort, order: 'asc' | 'desc', at: IncidentPosition): string {
  return Buffer.from(JSON.stringify([sort, order, at.value, at.id])).toString('base64url');
}

// Bounded like the columns they are compared with: a forged cursor must not reach the store with a
// value PostgreSQL refuses (a fraction or 2^40 against an integer, a NUL in text).
const StoredInt = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);
const CursorTuple = z.tuple([
  z.enum(INCIDENT_SORTS),
  z.enum(['asc', 'desc']),
  z.union([
    z
      .string()
      .max(100)
      .refine((v) => !v.includes('\u0000')),
    StoredInt,
  ]),
  StoredInt,
]);

export function decodeCursor(cursor: string, sort: IncidentSort, order: 'asc' | 'desc'): IncidentPosition {
  let parsed: z.infer<typeof CursorTuple>;
  try {
    parsed = CursorTuple.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidInputError('querystring.cursor', 'not a cursor this server issued (pass next_cursor unchanged)');
  }
  const [cSort, cOrder, value, id] = parsed;
  if (cSort !== sort || cOrder !== order) {
    throw new InvalidInputError(
      'querystring.cursor',
      `the cursor pages sort=${cSort}&order=${cOrder}; keep the same sort and order`,
    );
  }
  if ((sort === 'date') !== (typeof value === 'string')) {
    throw new InvalidInputError('querystring.cursor', 'not a cursor this server issued (pass next_cursor unchanged)');
  }
  return { value, id };
}
