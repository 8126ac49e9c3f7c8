import { z } from 'zod';
import { StoredConflict } from '../core/stored-figure.js';
import { Actor } from '../resolve/actor-registry.js';
import { GazetteerEntry } from '../resolve/gazetteer.js';
import { foldPlaceName } from '../resolve/place-names.js';
import { resolvePlace } from '../resolve/resolve-place.js';
import { listConflicts } from '../store/conflict-queries.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const Search = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const PlaceCandidate = GazetteerEntry.extend({
  where_prec: z.number().int(),
  match: z.string(),
  reasons: z.array(z.string()),
});

export function registerReferenceRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/places',
    {
      schema: {
        tags: ['reference'],
        summary: 'Gazetteer search: how a place name resolves, best first (ids for incident corrections)',
        querystring: Search,
        response: { 200: z.array(PlaceCandidate) },
      },
    },
    async (request) =>
      resolvePlace(request.query.q, {}, deps.resolvers.gazetteer)
        .slice(0, request.query.limit)
        .map((c) => ({ ...c.entry, where_prec: c.where_prec, match: c.match, reasons: [...c.reasons] })),
  );

  app.get(
    '/api/actors',
    {
      schema: {
        tags: ['reference'],
        summary: 'Actor registry: parties and people whose name or an alias contains q (all when q is absent)',
        querystring: Search.partial({ q: true }),
        response: { 200: z.array(Actor) },
      },
    },
    async (request) => {
      const q = request.query.q ? foldPlaceName(request.query.q) : null;
      const actors = deps.resolvers.actors.actors.filter(
        (a) => q === null || [a.id, a.name, ...a.aliases].some((n) => foldPlaceName(n).includes(q)),
      );
      return actors.slice(0, request.query.limit);
    },
  );

  app.get(
    '/api/conflicts',
    {
      schema: {
        tags: ['reference'],
        summary: 'Conflict infoboxes of stored documents (sides, commanders, strengths, casualty lines)',
        querystring: z.object({
          q: z.string().trim().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(StoredConflict) },
      },
    },
    async (request) => listConflicts(deps.store, request.query),
  );
}
