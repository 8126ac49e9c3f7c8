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

export function registerPointRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/incidents/points',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Every matching incident as one compact row (for maps): id, lon, lat, low, best, high, type, date, place',
        description:
          'The filters of /api/incidents plus `document` (incidents a document speaks of). Rows are newest first, at most `limit`.',
        querystring: IncidentFilterQuery.extend({
          document: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200_000).default(100_000),
        }),
        response: { 200: PointsResponse },
      },
    },
    async (request) => {
      const q = request.query;
      let query = filteredIncidents(deps.store.db, incidentFilterOf(q, deps));
      if (q.document !== undefined) {
        const document = q.document;
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
      // pg returns numeric columns of a CASE as strings.
      const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
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
}
