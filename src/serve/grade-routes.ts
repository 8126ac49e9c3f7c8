import { z } from 'zod';
import { DocumentSource, GradeOverrideRequest, IncidentGrade, SourceTypeRequest } from '../core/grade.js';
import { documentSource, listDocumentSources, setIncidentGrade, setSourceType } from '../store/grade-reviews.js';
import { agentOf } from './auth-hooks.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Reason = { reason: z.string().trim().max(2000).nullable().optional() };

const SourceProfile = DocumentSource.extend({
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  published: z.string().nullable(),
  source: z.string(),
});

/** Source types of documents and reviewers' grades: read by anyone who reads, set by analysts, audited. */
export function registerGradeRoutes(app: ZodApp, deps: ServerDeps): void {
  app.get(
    '/api/sources',
    {
      schema: {
        tags: ['grading'],
        summary:
          "Documents' source types (guessed from publisher, address, byline and dateline; reviewers correct them)",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce
            .number()
            .int()
            .min(0)
            .max(2 ** 31 - 1)
            .default(0),
        }),
        response: { 200: z.array(SourceProfile) },
      },
    },
    async (request) => listDocumentSources(deps.store, request.query),
  );

  app.get(
    '/api/documents/:id/source',
    {
      schema: {
        tags: ['grading'],
        summary: "One document's source type, agency, and why",
        params: IdParams,
        response: { 200: SourceProfile },
      },
    },
    async (request) => documentSource(deps.store, request.params.id),
  );

  app.post(
    '/api/documents/:id/source',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['grading'],
        summary: "Correct a document's source type (source_type null restores the guess); audited",
        params: IdParams,
        body: SourceTypeRequest.extend(Reason),
        response: { 200: z.object({ audit_id: z.number().int(), source: SourceProfile }) },
      },
    },
    async (request) => {
      const r = await setSourceType(deps.store, agentOf(request), request.params.id, request.body, deps.now());
      return { audit_id: r.auditId, source: r.source };
    },
  );

  app.post(
    '/api/incidents/:id/grade',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['grading'],
        summary: "Set an incident's grade over the rule's, with a note (grade null clears it); audited",
        params: IdParams,
        body: GradeOverrideRequest.extend(Reason),
        response: { 200: z.object({ audit_id: z.number().int(), grade: IncidentGrade }) },
      },
    },
    async (request) => {
      const r = await setIncidentGrade(
        deps.store,
        agentOf(request),
        request.params.id,
        request.body,
        deps.now(),
        deps.resolvers.actors,
      );
      return { audit_id: r.auditId, grade: r.grade };
    },
  );
}
