import { AggregateDimension, DeathsAggregate } from '../core/aggregate.js';
import { aggregateDeaths } from '../store/aggregate-queries.js';
import { IncidentFilterQuery, incidentFilterOf } from './incident-query.js';
import type { ServerDeps, ZodApp } from './server-types.js';

export function registerAggregateRoutes(app: ZodApp, deps: ServerDeps): void {
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
    },
    async (request) => aggregateDeaths(deps.store, request.query.by, incidentFilterOf(request.query, deps)),
  );
}
