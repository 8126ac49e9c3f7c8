import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { filteredIncidents, type ReviewedIncidentFilter } from '../store/reviewed-incidents.js';
import type { Database } from '../store/schema.js';

// What the map asks for (points-routes.ts): every matching incident as one compact row, or the
// matching incidents gathered into grid cells. Plain functions of the store and a resolved filter,
// so that a page thread (page-threads.ts) writes them as the main thread would.

/** "west,south,east,north" in degrees, checked to be a box on the globe. */
export interface Bbox {
  w: number;
  s: number;
  e: number;
  n: number;
}

/** id, lon, lat, low, best, high, event type, date start, place name: one row per incident, for maps and tables. */
export const PointRow = z.tuple([
  z.number().int(),
  z.number().nullable(),
  z.number().nullable(),
  z.number().int().nullable(),
  z.number().int().nullable(),
  z.number().int().nullable(),
  z.string(),
  z.string(),
  z.string().nullable(),
]);

export const PointsResponse = z.object({
  columns: z.array(z.string()),
  rows: z.array(PointRow),
  /** More incidents matched than `limit`; the rows are the newest. */
  truncated: z.boolean(),
});

/** Map zoom to the side of a grid cell in degrees: about 32 px on a 256 px tile. */
export function cellSize(zoom: number): number {
  return 360 / 2 ** Math.floor(zoom) / 8;
}

/**
 * lon, lat (the mean of the members), count, best (summed over those that have one, null if none),
 * id and date (of the one incident when count is 1), type (when all share it), place (the first
 * name in order, to say where the cell is), and the members' bounds west, south, east, north.
 */
export const GridCell = z.tuple([
  z.number(),
  z.number(),
  z.number().int(),
  z.number().int().nullable(),
  z.number().int().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
]);

export const GridResponse = z.object({
  zoom: z.number().int(),
  /** The side of a cell, in degrees. */
  cell: z.number(),
  columns: z.array(z.string()),
  cells: z.array(GridCell),
  /** Every incident the filters match, mapped or not, inside the box or not. */
  total: z.number().int(),
  /** Of those, the ones with coordinates. */
  mapped: z.number().int(),
  /** west, south, east, north of the mapped ones. */
  extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});

// pg returns counts, sums and numeric columns of a CASE as strings.
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The incidents the filter and the box match. */
function matching(db: Kysely<Database>, filter: ReviewedIncidentFilter, box: Bbox | undefined) {
  let query = filteredIncidents(db, filter);
  if (box) {
    query = query
      .where('i.lon', '>=', box.w)
      .where('i.lon', '<=', box.e)
      .where('i.lat', '>=', box.s)
      .where('i.lat', '<=', box.n);
  }
  return query;
}

/** What /api/incidents/points asks beyond the filter. */
export interface PointsParams {
  bbox?: Bbox;
  before_date?: string;
  before_id?: number;
  limit: number;
}

/** What /api/incidents/grid asks beyond the filter. */
export interface GridParams {
  bbox?: Bbox;
  zoom: number;
}

export type PointsPayload = z.infer<typeof PointsResponse>;
export type GridPayload = z.infer<typeof GridResponse>;

/** Every matching incident as one compact row, newest first, at most `limit`. */
export async function readPoints(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  q: PointsParams,
): Promise<PointsPayload> {
  let query = matching(db, filter, q.bbox);
  const { before_date: date, before_id: id } = q;
  if (date !== undefined && id !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('i.date_start', '<', date), eb.and([eb('i.date_start', '=', date), eb('i.id', '<', id)])]),
    );
  }
  const rows = await query
    // The incident row holds the effective values (reviews applied): see store/incident-effective.ts.
    .select([
      'i.id as id',
      'i.lon as lon',
      'i.lat as lat',
      'i.deaths_low as low',
      'i.deaths_best as best',
      'i.deaths_high as high',
      'i.event_type as type',
      'i.date_start as date',
      'i.place_name as place',
    ])
    .orderBy('i.date_start', 'desc')
    .orderBy('i.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return {
    columns: ['id', 'lon', 'lat', 'low', 'best', 'high', 'type', 'date', 'place'],
    rows: rows
      .slice(0, q.limit)
      .map(
        (r) =>
          [
            Number(r.id),
            num(r.lon),
            num(r.lat),
            num(r.low),
            num(r.best),
            num(r.high),
            String(r.type),
            String(r.date),
            r.place === null ? null : String(r.place),
          ] as z.infer<typeof PointRow>,
      ),
    truncated: rows.length > q.limit,
  };
}

/**
 * A coordinate in whole hundred-thousandths of a degree (about a metre), the grid's precision. A
 * cell's mean is taken of these: their sums are exact whatever order an engine adds them in, so
 * SQLite, PostgreSQL and a map index (map-index.ts) give the same mean to the last digit. Means of
 * the coordinates themselves differed in their last bit with the order of adding, and a mean of
 * two five-decimal coordinates, halfway between two hundred-thousandths, then rounded either way.
 */
export function toFixedPoint(degrees: number): number {
  return Math.floor(degrees * 100_000 + 0.5);
}

/** toFixedPoint in SQL: floor() and the products are the same in both engines and in JavaScript. */
const fixedPoint = (column: 'i.lon' | 'i.lat') => sql<number>`floor(${sql.ref(column)} * 100000 + 0.5)`;

/** Degrees to the grid's five decimals; null as 0. */
export function roundDegrees(v: unknown): number {
  return Math.round(Number(v) * 1e5) / 1e5;
}

/** A mean of fixed-point coordinates, in degrees to five decimals. */
export function fromFixedPoint(mean: unknown): number {
  return Math.round(Number(mean)) / 1e5;
}

/** The matching incidents gathered into cells for a map zoom, with the totals of the whole match. */
export async function readGrid(
  db: Kysely<Database>,
  filter: ReviewedIncidentFilter,
  q: GridParams,
): Promise<GridPayload> {
  const size = cellSize(q.zoom);
  // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
  const gx = sql<number>`floor(${sql.ref('i.lon')} / ${sql.lit(size)})`;
  const gy = sql<number>`floor(${sql.ref('i.lat')} / ${sql.lit(size)})`;
  const [cells, [totals]] = await Promise.all([
    matching(db, filter, q.bbox)
      .where('i.lon', 'is not', null)
      .where('i.lat', 'is not', null)
      .select((eb) => [
        eb.fn.avg<number>(fixedPoint('i.lon')).as('lon'),
        eb.fn.avg<number>(fixedPoint('i.lat')).as('lat'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('i.deaths_best').as('best'),
        eb.fn.min<number>('i.id').as('id'),
        eb.fn.min<string>('i.event_type').as('type_min'),
        eb.fn.max<string>('i.event_type').as('type_max'),
        eb.fn.max<string>('i.date_start').as('date'),
        eb.fn.min<string>('i.place_name').as('place'),
        eb.fn.min<number>('i.lon').as('w'),
        eb.fn.min<number>('i.lat').as('s'),
        eb.fn.max<number>('i.lon').as('e'),
        eb.fn.max<number>('i.lat').as('north'),
      ])
      .groupBy([gx, gy])
      // By column of cells, then row, on both engines (PostgreSQL's hash aggregate has no order):
      // the same cells in the same bytes, from here or from a map index (map-index.ts).
      .orderBy(gx)
      .orderBy(gy)
      .execute(),
    matching(db, filter, undefined)
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('i.lon').as('mapped'),
        eb.fn.min<number>('i.lon').as('w'),
        eb.fn.min<number>('i.lat').as('s'),
        eb.fn.max<number>('i.lon').as('e'),
        eb.fn.max<number>('i.lat').as('north'),
      ])
      .execute(),
  ]);
  return gridPayload(
    q.zoom,
    cells.map((c) => ({
      lon: Number(c.lon),
      lat: Number(c.lat),
      n: Number(c.n),
      best: num(c.best),
      id: Number(c.id),
      typeMin: String(c.type_min),
      typeMax: String(c.type_max),
      date: String(c.date),
      place: c.place === null ? null : String(c.place),
      w: Number(c.w),
      s: Number(c.s),
      e: Number(c.e),
      north: Number(c.north),
    })),
    {
      total: Number(totals?.total ?? 0),
      mapped: Number(totals?.mapped ?? 0),
      extent:
        totals && totals.w !== null && totals.w !== undefined ? [totals.w, totals.s, totals.e, totals.north] : null,
    },
  );
}

/** What a grid's cell gathers, however it was gathered: means in fixed point (toFixedPoint). */
export interface CellAggregate {
  lon: number;
  lat: number;
  n: number;
  best: number | null;
  /** The least id, event type and place name, and the latest start date, of the cell's incidents. */
  id: number;
  typeMin: string;
  typeMax: string;
  date: string;
  place: string | null;
  w: number;
  s: number;
  e: number;
  north: number;
}

/** The grid's answer from its cells and the totals of the whole match: readGrid's and a map index's. */
export function gridPayload(
  zoom: number,
  cells: readonly CellAggregate[],
  totals: { total: number; mapped: number; extent: readonly unknown[] | null },
): GridPayload {
  return {
    zoom: Math.floor(zoom),
    cell: cellSize(zoom),
    columns: ['lon', 'lat', 'count', 'best', 'id', 'type', 'date', 'place', 'west', 'south', 'east', 'north'],
    cells: cells.map((c) => {
      const one = c.n === 1;
      return [
        fromFixedPoint(c.lon),
        fromFixedPoint(c.lat),
        c.n,
        c.best,
        one ? c.id : null,
        c.typeMin === c.typeMax ? c.typeMin : null,
        one ? c.date : null,
        c.place,
        roundDegrees(c.w),
        roundDegrees(c.s),
        roundDegrees(c.e),
        roundDegrees(c.north),
      ] as z.infer<typeof GridCell>;
    }),
    total: totals.total,
    mapped: totals.mapped,
    extent: totals.extent === null ? null : (totals.extent.map(roundDegrees) as [number, number, number, number]),
  };
}
