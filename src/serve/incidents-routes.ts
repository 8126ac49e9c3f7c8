import { z } from 'zod';
import { IncidentPage } from '../core/api.js';
import { NotFoundError } from '../core/errors.js';
import { IncidentExplanation } from '../core/incident-explain.js';
import { ReviewedIncident as ReviewedIncidentSchema } from '../core/review.js';
import { loadGradedIncidents } from '../store/grade-pages.js';
import { explainIncident } from '../store/incident-merges.js';
import { type BodyCache, JSON_TYPE } from './body-cache.js';
import { createIncidentCache } from './incident-cache.js';
import { type IncidentPagePayload, readIncidentPage } from './incident-page.js';
import { writeIncidentPage } from './incident-page-serializer.js';
import { decodeCursor, IncidentListQuery, incidentFilterOf } from './incident-query.js';
import { seesSensitive } from './redact.js';
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
    async (request, reply) => {
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor, q.sort, q.order) : undefined;
      const filter = incidentFilterOf(q, deps);
      const page = { sort: q.sort, order: q.order, after, limit: q.limit };
      if (deps.pages?.working) {
        // The same bytes, written on a page thread (redacted there for a reader who may not see them).
        const sensitive = seesSensitive(request.principal?.role ?? null);
        const body = await deps.pages.write({ kind: 'incidents', filter, page, sensitive });
        // A Buffer goes out as it is: Fastify neither serialises it nor runs preSerialization hooks.
        return reply.type(JSON_TYPE).send(body as unknown as IncidentPagePayload);
      }
      const cached = await incidents.open(bodies.stampOf(request));
      // A grade filter reads on until the page is full.
      return readIncidentPage(deps.store.db, filter, page, { actors: deps.resolvers.actors, load: cached.load });
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
