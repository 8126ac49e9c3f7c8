import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type BodyCache, JSON_TYPE } from './body-cache.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import {
  type GridPayload,
  GridResponse,
  type PointsPayload,
  PointsResponse,
  readGrid,
  readPoints,
} from './map-queries.js';
import { seesSensitive } from './redact.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const sees = (request: FastifyRequest) => seesSensitive(request.principal?.role ?? null);

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

const GridQuery = IncidentFilterQuery.extend({
  document: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  zoom: z.coerce.number().min(0).max(24).describe('the map zoom; cells are about 32 px at it'),
  bbox: Bbox.optional().describe('only cells inside west,south,east,north'),
});

export function registerPointRoutes(app: ZodApp, deps: ServerDeps, bodies: BodyCache): void {
  const filterOf = (q: IncidentFilterQuery & { document?: number }) => ({
    ...incidentFilterOf(q, deps),
    document: q.document,
  });

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
      ...bodies.hooks,
    },
    async (request, reply) => {
      const q = request.query;
      const filter = filterOf(q);
      const params = { bbox: q.bbox, before_date: q.before_date, before_id: q.before_id, limit: q.limit };
      if (deps.pages?.working) {
        const body = await deps.pages.write({ kind: 'points', filter, params, sensitive: sees(request) });
        return reply.type(JSON_TYPE).send(body as unknown as PointsPayload);
      }
      return readPoints(deps.store.db, filter, params);
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
      // A grid is a scan of every incident the filters match: the same view asked again is answered
      // from the bytes written for it, until the store is written.
      ...bodies.hooks,
    },
    async (request, reply) => {
      const q = request.query;
      const filter = filterOf(q);
      const params = { bbox: q.bbox, zoom: q.zoom };
      if (deps.pages?.working) {
        const body = await deps.pages.write({ kind: 'grid', filter, params, sensitive: sees(request) });
        return reply.type(JSON_TYPE).send(body as unknown as GridPayload);
      }
      return readGrid(deps.store.db, filter, params);
    },
  );
}
