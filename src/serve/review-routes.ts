import { z } from 'zod';
import { revertChange } from '../app/revert-change.js';
import { type FigureAction, reviewFigure } from '../app/review-figures.js';
import { type IncidentAction, mergeIncidents, reviewIncident, splitIncident } from '../app/review-incidents.js';
import { FigureReviewResult, IncidentReviewResult, SplitResult } from '../core/api.js';
import {
  AcceptRequest,
  AuditEntry,
  FigureCorrection,
  IncidentCorrection,
  MergeRequest,
  NoteRequest,
  RejectRequest,
  RevertRequest,
  SplitRequest,
} from '../core/review.js';
import { getAudit, listAudit } from '../store/audit-store.js';
import { agentOf } from './auth-hooks.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

const ACTIONS = {
  accept: { body: AcceptRequest, summary: 'Accept as it stands' },
  reject: { body: RejectRequest, summary: 'Reject (reason required)' },
  note: { body: NoteRequest, summary: 'Set the note (and whether it is sensitive)' },
} as const;

export function registerReviewRoutes(app: ZodApp, deps: ServerDeps): void {
  const reviewDeps = { store: deps.store, now: deps.now, resolvers: deps.resolvers };

  for (const [type, { body, summary }] of Object.entries(ACTIONS) as [
    keyof typeof ACTIONS,
    (typeof ACTIONS)[keyof typeof ACTIONS],
  ][]) {
    app.post(
      `/api/figures/:id/${type}`,
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['review'],
          summary: `Figure: ${summary}`,
          params: IdParams,
          body,
          response: { 200: FigureReviewResult },
        },
      },
      async (request) => {
        const action = { type, body: request.body } as FigureAction;
        const r = await reviewFigure(reviewDeps, agentOf(request), request.params.id, action);
        return { audit_id: r.auditId, figure: r.figure };
      },
    );
    app.post(
      `/api/incidents/:id/${type}`,
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['review'],
          summary: `Incident: ${summary}`,
          params: IdParams,
          body,
          response: { 200: IncidentReviewResult },
        },
      },
      async (request) => {
        const action = { type, body: request.body } as IncidentAction;
        const r = await reviewIncident(reviewDeps, agentOf(request), request.params.id, action);
        return { audit_id: r.auditId, incident: r.incident };
      },
    );
  }

  app.post(
    '/api/figures/:id/correct',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Figure: correct numbers, qualifier, kind, date, place, actors or claimant (the extraction is kept)',
        params: IdParams,
        body: FigureCorrection,
        response: { 200: FigureReviewResult },
      },
    },
    async (request) => {
      const r = await reviewFigure(reviewDeps, agentOf(request), request.params.id, {
        type: 'correct',
        body: request.body,
      });
      return { audit_id: r.auditId, figure: r.figure };
    },
  );

  app.post(
    '/api/incidents/:id/correct',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Incident: correct date, place, event type, sides or deaths (the extraction is kept)',
        params: IdParams,
        body: IncidentCorrection,
        response: { 200: IncidentReviewResult },
      },
    },
    async (request) => {
      const r = await reviewIncident(reviewDeps, agentOf(request), request.params.id, {
        type: 'correct',
        body: request.body,
      });
      return { audit_id: r.auditId, incident: r.incident };
    },
  );

  app.post(
    '/api/incidents/merge',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Merge two incidents: the source folds into the target',
        body: MergeRequest,
        response: { 200: IncidentReviewResult },
      },
    },
    async (request) => {
      const r = await mergeIncidents(reviewDeps, agentOf(request), request.body);
      return { audit_id: r.auditId, incident: r.incident };
    },
  );

  app.post(
    '/api/incidents/:id/split',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Split claims and sources off an incident into a new one',
        params: IdParams,
        body: SplitRequest,
        response: { 200: SplitResult },
      },
    },
    async (request) => {
      const r = await splitIncident(reviewDeps, agentOf(request), request.params.id, request.body);
      return { audit_id: r.auditId, incident: r.incident, created: r.created };
    },
  );

  app.post(
    '/api/audit/:id/revert',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'Revert a review change (the revert is itself an audit entry, and can be reverted)',
        params: IdParams,
        body: RevertRequest,
        response: { 200: AuditEntry },
      },
    },
    async (request) => (await revertChange(reviewDeps, agentOf(request), request.params.id, request.body.reason)).entry,
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['review'],
        summary: 'The audit trail, newest first',
        querystring: z.object({
          entity_type: z.enum(['figure', 'incident', 'document', 'user', 'token']).optional(),
          entity_id: z.coerce.number().int().positive().optional(),
          before: z.coerce.number().int().positive().optional().describe('entries older than this id'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(AuditEntry) },
      },
    },
    async (request) => {
      const q = request.query;
      return listAudit(deps.store, {
        entityType: q.entity_type,
        entityId: q.entity_id,
        before: q.before,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/audit/:id',
    {
      config: { access: 'analyst' },
      schema: { tags: ['review'], summary: 'One audit entry', params: IdParams, response: { 200: AuditEntry } },
    },
    async (request) => getAudit(deps.store.db, request.params.id),
  );
}
