import { z } from 'zod';
import { IncidentPage } from '../core/api.js';
import { NotFoundError } from '../core/errors.js';
import { IncidentExplanation } from '../core/incident-explain.js';
import { ReviewedIncident as ReviewedIncidentSchema } from '../core/review.js';
import { loadGradedIncidents, pageGradedIncidents } from '../store/grade-pages.js';
import { explainIncident } from '../store/incident-merges.js';
import type { BodyCache } from './body-cache.js';
import { createIncidentCache } from './incident-cache.js';
import { writeIncidentPage } from './incident-page-serializer.js';
import { decodeCursor, encodeCursor, IncidentListQuery, incidentFilterOf } from './incident-query.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export function registerIncidentRoutes(app: ZodApp, deps: ServerDeps, bodies: BodyCache): void {
  const incidents = createIncidentCache(deps.store, deps.resolvers.actors);
  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents with reviews applied; filters, sorting and cursor pagination',
        querystring: IncidentListQuery,
        response: { 200: IncidentPage },
      },
      // Fastify takes a string or a Buffer; the page is assembled from each incident's bytes.
      serializerCompiler: () => writeIncidentPage as unknown as (data: unknown) => string,
      ...bodies.hooks,
    },
    async (request) => {
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor, q.sort, q.order) : undefined;
      const filter = incidentFilterOf(q, deps);
      const cached = await incidents.open(bodies.stampOf(request));
      // A grade filter reads on until the page is full.
      const page = await pageGradedIncidents(
        deps.store.db,
        filter,
        { sort: q.sort, order: q.order, after, limit: q.limit },
        { actors: deps.resolvers.actors, load: cached.load },
      );
      return {
        items: page.items,
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
    async (request) => {
      const [incident] = await loadGradedIncidents(deps.store.db, [request.params.id], deps.resolvers.actors);
      if (!incident) throw new NotFoundError('incident', String(request.params.id));
      return incident;
    },
  );

  app.get(
    '/api/incidents/:id/explain',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Why each source is part of the incident: dates, places, kind of event and parties as matched',
        params: IdParams,
        response: { 200: IncidentExplanation },
      },
    },
    async (request) => explainIncident(deps.store, request.params.id),
  );
}
