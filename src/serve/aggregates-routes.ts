import { z } from 'zod';
import { AggregateDimension, DeathsAggregate, TimelineAggregate, TimelineSplit } from '../core/aggregate.js';
import { aggregateDeaths } from '../store/aggregate-queries.js';
import { timelineDeaths } from '../store/timeline-queries.js';
import type { BodyCache } from './body-cache.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import type { ServerDeps, ZodApp } from './server-types.js';

export function registerAggregateRoutes(app: ZodApp, deps: ServerDeps, bodies: BodyCache): void {
  app.get(
    '/api/aggregates/deaths',
    {
      schema: {
        tags: ['aggregates'],
        summary: 'Deaths per month, actor, province (admin1) or event type, with reviews applied',
        description:
          'low, best and high are separate sums over the incidents that have each estimate; with_best counts the incidents the best sum stands on. Per actor, an incident counts under each of its sides.',
        querystring: IncidentFilterQuery.extend({ by: AggregateDimension }),
        response: { 200: DeathsAggregate },
      },
      ...bodies.hooks,
    },
    async (request) => aggregateDeaths(deps.store, request.query.by, incidentFilterOf(request.query, deps)),
  );

  app.get(
    '/api/aggregates/timeline',
    {
      schema: {
        tags: ['aggregates'],
        summary: 'Deaths per month with the best estimate per month of each event type or top actor, in one request',
        description:
          'What the page’s timeline draws: the rows of /api/aggregates/deaths?by=month, and a series per event type (split=type) or per actor among the `top` with most deaths (split=actor; an incident counts under each of its sides).',
        querystring: IncidentFilterQuery.extend({
          split: TimelineSplit.default('type'),
          top: z.coerce.number().int().min(1).max(20).default(5),
        }),
        response: { 200: TimelineAggregate },
      },
      ...bodies.hooks,
    },
    async (request) =>
      timelineDeaths(deps.store, request.query.split, incidentFilterOf(request.query, deps), request.query.top),
  );
}
