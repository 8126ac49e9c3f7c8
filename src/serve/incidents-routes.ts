import { z } from 'zod';
import { IncidentPage } from '../core/api.js';
import type { ReviewedIncident } from '../core/review.js';
import { ReviewedIncident as ReviewedIncidentSchema } from '../core/review.js';
import { getReviewedIncident, loadReviewedIncidents } from '../store/incident-views.js';
import { pageIncidentIds } from '../store/reviewed-incidents.js';
import {
  decodeCursor,
  encodeCursor,
  IncidentFilterQuery,
  IncidentListQuery,
  incidentFilterOf,
} from './incident-query.js';
import { redactSensitive, seesSensitive } from './redact.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const EXPORT_PAGE = 500;

export function registerIncidentRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents with reviews applied; filters, sorting and cursor pagination',
        querystring: IncidentListQuery,
        response: { 200: IncidentPage },
      },
    },
    async (request) => {
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor, q.sort, q.order) : undefined;
      const page = await pageIncidentIds(deps.store.db, incidentFilterOf(q, deps), {
        sort: q.sort,
        order: q.order,
        after,
        limit: q.limit,
      });
      return {
        items: await loadReviewedIncidents(deps.store.db, page.ids),
        next_cursor: page.next ? encodeCursor(q.sort, q.order, page.next) : null,
      };
    },
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident: effective values, what was extracted, its review, claims and sources',
        params: IdParams,
        response: { 200: ReviewedIncidentSchema },
      },
    },
    async (request) => getReviewedIncident(deps.store, request.params.id),
  );

  app.get(
    '/api/export/incidents.csv',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents as CSV (UCDP-like columns, reviews applied; sensitive notes redacted for viewers)',
        querystring: IncidentFilterQuery,
      },
    },
    async (request, reply) => {
      const filter = incidentFilterOf(request.query, deps);
      const redact = !seesSensitive(request.principal?.role ?? null);
      const lines = [csvLine(CSV_COLUMNS)];
      let after: { value: string | number; id: number } | undefined;
      do {
        const page = await pageIncidentIds(deps.store.db, filter, {
          sort: 'date',
          order: 'asc',
          after,
          limit: EXPORT_PAGE,
        });
        const incidents = await loadReviewedIncidents(deps.store.db, page.ids);
        for (const i of redact ? redactSensitive(incidents) : incidents) lines.push(csvLine(csvRow(i)));
        after = page.next ?? undefined;
      } while (after);
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="incidents.csv"');
      return lines.join('');
    },
  );
}

const CSV_COLUMNS = [
  'id',
  'date_start',
  'date_end',
  'date_precision',
  'place',
  'admin1',
  'admin2',
  'latitude',
  'longitude',
  'where_prec',
  'event_type',
  'sub_event_type',
  'type_of_violence',
  'side_a',
  'side_b',
  'deaths_low',
  'deaths_best',
  'deaths_high',
  'review_status',
  'corrected',
  'note',
  'documents',
  'summary',
];

function csvRow(i: ReviewedIncident): (string | number | null)[] {
  return [
    i.id,
    i.date.start,
    i.date.end,
    i.date.precision,
    i.place?.name ?? null,
    i.place?.admin1 ?? null,
    i.place?.admin2 ?? null,
    i.place?.lat ?? null,
    i.place?.lon ?? null,
    i.place?.where_prec ?? null,
    i.event_type,
    i.sub_event_type,
    i.violence_type,
    i.side_a,
    i.side_b,
    i.deaths.low,
    i.deaths.best,
    i.deaths.high,
    i.review?.status ?? 'unreviewed',
    i.review?.corrected ? 1 : 0,
    i.review?.note ?? null,
    [...new Set(i.sources.map((s) => s.document_id))].join(';'),
    i.summary,
  ];
}

/**
 * RFC 4180 with one more rule: a cell that starts like a formula (= + - @) gets a leading quote
 * mark, so a spreadsheet does not run text from a report as a formula.
 */
function csvLine(cells: (string | number | null)[]): string {
  return `${cells
    .map((v) => {
      if (v === null) return '';
      let s = String(v);
      if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}
