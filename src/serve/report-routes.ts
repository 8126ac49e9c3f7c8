import { z } from 'zod';
import { describeFilter, writeReportHtml } from '../report/load-report.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import { seesSensitive } from './redact.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const ReportQuery = IncidentFilterQuery.extend({
  document: z.coerce.number().int().positive().optional().describe('only incidents this document speaks of'),
  title: z.string().trim().min(1).max(200).optional().describe('the title on the cover'),
});

// The report stands alone: its own styles inline, nothing to load, no script to run.
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The report `tally report` writes, for the page's Report button: same filters as /api/incidents. */
export function registerReportRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/report',
    {
      schema: {
        tags: ['report'],
        summary: 'A printable, footnoted HTML report of the incidents a filter selects (what `tally report` writes)',
        description:
          'One self-contained HTML document: period, summary tables, map and timeline as inline SVG, then each incident with its grade and its claims side by side, each footnoted with its source and sentence. Print it (A4) for a PDF. Notes marked sensitive read [redacted] for viewers and anonymous readers.',
        querystring: ReportQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter = { ...incidentFilterOf(q, deps), document: q.document };
      const { html } = await writeReportHtml(deps.store, {
        filter,
        scope: describeFilter({ ...filter, placeName: q.place }),
        title: q.title,
        actors: deps.resolvers.actors,
        redact: !seesSensitive(request.principal?.role ?? null),
        now: deps.now(),
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', REPORT_CSP)
        .header('content-disposition', 'inline; filename="tally-report.html"')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
}
