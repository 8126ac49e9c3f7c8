import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat, exportStream, storePages } from '../interop/export-incidents.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import { seesSensitive } from './redact.js';
import type { ServerDeps, ZodApp } from './server-types.js';

/** The filters of /api/incidents, plus `document` as the page filters by it. */
const ExportFilterQuery = IncidentFilterQuery.extend({
  document: z.coerce.number().int().positive().optional().describe('only incidents this document speaks of'),
});
const ExportQuery = ExportFilterQuery.extend({ format: z.enum(EXPORT_FORMATS) });

/** What each format is sent as, and the name a browser saves it under. */
const MEDIA: Record<ExportFormat, { type: string; file: string }> = {
  ged: { type: 'text/csv; charset=utf-8', file: 'incidents-ged.csv' },
  acled: { type: 'text/csv; charset=utf-8', file: 'incidents-acled.csv' },
  csv: { type: 'text/csv; charset=utf-8', file: 'incidents.csv' },
  geojson: { type: 'application/geo+json', file: 'incidents.geojson' },
  jsonl: { type: 'application/x-ndjson', file: 'incidents.jsonl' },
};

const DESCRIPTION =
  'Streamed a page of the store at a time, through the exporter `tally export` uses: the same filter and audience give the same bytes. ' +
  'Reviews are applied; Tally CSV, JSON Lines and GeoJSON carry the review status and note, and notes marked sensitive read [redacted] for viewers and anonymous readers. ' +
  'CSV text cells that start with = + - @ get a leading quote mark; `tally import` takes it off again.';

export function registerExportRoutes(app: ZodApp, deps: ServerDeps): void {
  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    format: ExportFormat,
    q: z.infer<typeof ExportFilterQuery>,
  ) {
    // Resolved before anything is sent, so an unknown place is a 400, not a cut-off download.
    const filter = { ...incidentFilterOf(q, deps), document: q.document };
    const stream = exportStream(storePages(deps.store, filter, deps.resolvers.actors), {
      format,
      actors: deps.resolvers.actors,
      redact: !seesSensitive(request.principal?.role ?? null),
    });
    const media = MEDIA[format];
    return (
      reply
        .type(media.type)
        .header('content-disposition', `attachment; filename="${media.file}"`)
        // What an export holds depends on who asks (redaction), so no cache may keep it.
        .header('cache-control', 'no-store')
        .send(stream)
    );
  }

  app.get(
    '/api/export/incidents',
    {
      schema: {
        tags: ['export'],
        summary:
          'Incidents as UCDP GED CSV, ACLED CSV, GeoJSON, JSON Lines or Tally CSV, with the filters of /api/incidents',
        description: DESCRIPTION,
        querystring: ExportQuery,
        produces: ['text/csv', 'application/geo+json', 'application/x-ndjson'],
      },
    },
    async (request, reply) => send(request, reply, request.query.format, request.query),
  );

  app.get(
    '/api/export/incidents.csv',
    {
      schema: {
        tags: ['export'],
        summary: 'Incidents as Tally CSV: /api/export/incidents?format=csv under its older name',
        querystring: ExportFilterQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => send(request, reply, 'csv', request.query),
  );
}
