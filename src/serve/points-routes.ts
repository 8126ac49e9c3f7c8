import { sql } from 'kysely';
import { z } from 'zod';
import { filteredIncidents } from '../store/reviewed-incidents.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import type { ServerDeps, ZodApp } from './server-types.js';

/** id, lon, lat, low, best, high, event type, date start, place name: one row per incident, for maps and tables. */
const PointRow = z.tuple([
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

const PointsResponse = z.object({
  columns: z.array(z.string()),
  rows: z.array(PointRow),
  /** More incidents matched than `limit`; the rows are the newest. */
  truncated: z.boolean(),
});

const Coordinate = /^-?\d{1,3}(\.\d{1,12})?$/;

/** "west,south,east,north" in degrees, checked to be a box on the globe. */
const Bbox = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const parts = s.split(',');
    const [w, south, e, n] = parts.map(Number);
    if (
      parts.length !== 4 ||
      !parts.every((p) => Coordinate.test(p)) ||
      w === undefined ||
      south === undefined ||
      e === undefined ||
      n === undefined ||
      !(w >= -180 && e <= 180 && w <= e && south >= -90 && n <= 90 && south <= n)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected west,south,east,north in degrees (west ≤ east, south ≤ north)',
      });
      return z.NEVER;
    }
    return { w, s: south, e, n };
  });
type Bbox = z.output<typeof Bbox>;

const PointsQuery = IncidentFilterQuery.extend({
  document: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  bbox: Bbox.optional().describe('only incidents inside west,south,east,north'),
  // Keyset paging in the rows' own order (newest first): pass the last row's date and id.
  before_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .optional()
    .describe('with before_id: rows after this one (date start, then id, both descending)'),
  before_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200_000).default(100_000),
});

/** Map zoom to the side of a grid cell in degrees: about 32 px on a 256 px tile. */
export function cellSize(zoom: number): number {
  return 360 / 2 ** Math.floor(zoom) / 8;
}

const GridQuery = IncidentFilterQuery.extend({
  document: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  zoom: z.coerce.number().min(0).max(24).describe('the map zoom; cells are about 32 px at it'),
  bbox: Bbox.optional().describe('only cells inside west,south,east,north'),
});

/**
 * lon, lat (the mean of the members), count, best (summed over those that have one, null if none),
 * id and date (of the one incident when count is 1), type (when all share it), place (the first
 * name in order, to say where the cell is), and the members' bounds west, south, east, north.
 */
const GridCell = z.tuple([
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

const GridResponse = z.object({
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

export function registerPointRoutes(app: ZodApp, deps: ServerDeps): void {
  const matching = (q: IncidentFilterQuery & { document?: number; bbox?: Bbox }) => {
    let query = filteredIncidents(deps.store.db, { ...incidentFilterOf(q, deps), document: q.document });
    const box = q.bbox;
    if (box) {
      query = query
        .where('i.lon', '>=', box.w)
        .where('i.lon', '<=', box.e)
        .where('i.lat', '>=', box.s)
        .where('i.lat', '<=', box.n);
    }
    return query;
  };

  app.get(
    '/api/incidents/points',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Every matching incident as one compact row (for maps): id, lon, lat, low, best, high, type, date, place',
        description:
          'The filters of /api/incidents plus `document` (incidents a document speaks of) and `bbox`. Rows are newest first, at most `limit`; `before_date` and `before_id` page on from a row.',
        querystring: PointsQuery,
        response: { 200: PointsResponse },
      },
    },
    async (request) => {
      const q = request.query;
      let query = matching(q);
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
    },
  );

  app.get(
    '/api/incidents/grid',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Matching incidents gathered into grid cells for a map zoom: a few hundred rows for any number of incidents',
        description:
          'The filters of /api/incidents/points. Each cell: lon, lat (mean of its incidents), count, best (sum), id and date (of a single incident), type (when all share it), a place name, and its incidents’ bounds. With the totals of the whole match.',
        querystring: GridQuery,
        response: { 200: GridResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const size = cellSize(q.zoom);
      // A literal, not a parameter: PostgreSQL must see the same expression in SELECT and GROUP BY.
      const gx = sql<number>`floor(${sql.ref('i.lon')} / ${sql.lit(size)})`;
      const gy = sql<number>`floor(${sql.ref('i.lat')} / ${sql.lit(size)})`;
      const [cells, [totals]] = await Promise.all([
        matching(q)
          .where('i.lon', 'is not', null)
          .where('i.lat', 'is not', null)
          .select((eb) => [
            eb.fn.avg<number>('i.lon').as('lon'),
            eb.fn.avg<number>('i.lat').as('lat'),
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
          .execute(),
        matching({ ...q, bbox: undefined })
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
      const round = (v: unknown) => Math.round(Number(v) * 1e5) / 1e5;
      const extent =
        totals && totals.w !== null && totals.w !== undefined
          ? ([round(totals.w), round(totals.s), round(totals.e), round(totals.north)] as [
              number,
              number,
              number,
              number,
            ])
          : null;
      return {
        zoom: Math.floor(q.zoom),
        cell: size,
        columns: ['lon', 'lat', 'count', 'best', 'id', 'type', 'date', 'place', 'west', 'south', 'east', 'north'],
        cells: cells.map((c) => {
          const one = Number(c.n) === 1;
          return [
            round(c.lon),
            round(c.lat),
            Number(c.n),
            num(c.best),
            one ? Number(c.id) : null,
            c.type_min === c.type_max ? String(c.type_min) : null,
            one ? String(c.date) : null,
            c.place === null ? null : String(c.place),
            round(c.w),
            round(c.s),
            round(c.e),
            round(c.north),
          ] as z.infer<typeof GridCell>;
        }),
        total: Number(totals?.total ?? 0),
        mapped: Number(totals?.mapped ?? 0),
        extent,
      };
    },
  );
}
