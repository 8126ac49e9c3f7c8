import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/account.js';
import { exampleOf, listOperations, type Operation, snapshotStore } from './support/security.js';
import { createTestServer, ingestText, json, PASSWORD, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

type Caller = { label: string; headers: Record<string, string> };

for (const kind of STORE_KINDS) {
  describe(`a viewer trying every analyst and admin action, on ${kind}`, () => {
    let s: TestServer;
    let operations: Operation[];
    const ids: Record<string, number> = {};
    const sessions = {} as Record<Role, Caller>;

    beforeAll(async () => {
      s = await createTestServer(kind);
      const a = await ingestText(s, wireReport().text);
      const b = await ingestText(s, wireReport().text);
      const accepted = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${a.figures[0]}/accept`,
        headers: s.as('analyst'),
        payload: {},
      });
      Object.assign(ids, {
        documents: a.document,
        figures: a.figures[0],
        incidents: a.incidents[0],
        other: b.incidents[0],
        audit: json<{ audit_id: number }>(accepted).audit_id,
        tokens: json<{ id: number }>(
          await s.app.inject({
            method: 'POST',
            url: '/api/tokens',
            headers: s.as('admin'),
            payload: { user: 'analyst', name: 'ci' },
          }),
        ).id,
      });
      // Sessions with their CSRF tokens: refused for the role, not for a missing token.
      for (const role of ['viewer', 'analyst'] as const) {
        const r = await s.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { name: role, password: PASSWORD },
        });
        const sid = /tally_session=([^;]+)/.exec(String(r.headers['set-cookie']))?.[1];
        sessions[role] = {
          label: `${role} session`,
          headers: { cookie: `tally_session=${sid}`, 'x-csrf-token': json<{ csrf_token: string }>(r).csrf_token },
        };
      }
      operations = await listOperations(s);
    });
    afterAll(async () => s.close());

    /** A request that would do its work for someone allowed to: real ids, a body that passes validation. */
    function requestFor(op: Operation) {
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (name === 'name') return 'analyst';
        const collection = /^\/api\/(\w+)\//.exec(op.path)?.[1] ?? '';
        return String(ids[collection] ?? 1);
      });
      const body = op.body ? (exampleOf(op.body) as Record<string, unknown>) : undefined;
      if (op.path === '/api/incidents/merge' && body) Object.assign(body, { target: ids.incidents, source: ids.other });
      if (op.path === '/api/users/{name}' && body) Object.assign(body, { role: 'viewer' });
      return { method: op.method as 'POST', url, ...(body ? { payload: body } : {}) };
    }

    const send = (op: Operation, caller: Caller): Promise<LightMyRequestResponse> =>
      s.app.inject({ ...requestFor(op), headers: caller.headers });

    it('the OpenAPI document and the route table list the same API', () => {
      const table = s.app.routeTable
        .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
        .filter((r) => r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url}`);
      expect(operations.map((o) => `${o.method} ${o.route}`).sort()).toEqual([...new Set(table)].sort());
    });

    it('refuses each one with 401 or 403, by token and by session, and changes nothing', async () => {
      const access = new Map(s.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.access]));
      const guarded = operations.filter((o) => {
        const a = access.get(`${o.method} ${o.route}`);
        return a === 'analyst' || a === 'admin';
      });
      // Every write is guarded, and so are the audit trail and the account lists.
      expect(guarded.length).toBeGreaterThan(20);
      expect(guarded.map((o) => `${o.method} ${o.path}`)).toEqual(
        expect.arrayContaining(['GET /api/audit', 'GET /api/users', 'GET /api/tokens', 'POST /api/documents/upload']),
      );
      const before = await snapshotStore(s.t.store);
      for (const op of guarded) {
        const where = `${op.method} ${op.path}`;
        const callers: [Caller, number][] = [
          [{ label: 'anonymous', headers: {} }, 401],
          [{ label: 'viewer token', headers: s.as('viewer') }, 403],
          [sessions.viewer, 403],
        ];
        if (access.get(`${op.method} ${op.route}`) === 'admin') {
          callers.push([{ label: 'analyst token', headers: s.as('analyst') }, 403], [sessions.analyst, 403]);
        }
        for (const [caller, status] of callers) {
          const r = await send(op, caller);
          expect([where, caller.label, r.statusCode]).toEqual([where, caller.label, status]);
          // The refusal says why and carries none of the data.
          expect(Object.keys(json<object>(r)).sort()).toEqual(['error', 'message', 'statusCode']);
        }
      }
      expect(await snapshotStore(s.t.store)).toEqual(before);
    });

    it('the same requests succeed for the role they need: the refusals above were about the role', async () => {
      // Spot checks that the requests were real: a viewer's refused merge works for an analyst.
      const merge = operations.find((o) => o.path === '/api/incidents/merge') as Operation;
      const r = await s.app.inject({ ...requestFor(merge), headers: s.as('analyst') });
      expect([r.statusCode, r.statusCode === 200 ? '' : r.body]).toEqual([200, '']);
      const audit = operations.find((o) => o.method === 'GET' && o.path === '/api/audit') as Operation;
      expect((await send(audit, sessions.analyst)).statusCode).toBe(200);
    });

    it('no spelling of a route gets around the check', async () => {
      const id = ids.figures;
      const variants = [
        `/api/figures/${id}/accept/`,
        `/api//figures/${id}/accept`,
        `/API/figures/${id}/accept`,
        `/api/figures/${id}/%61ccept`,
        `/api/figures/${id}/./accept`,
        `/api/figures/${id}/x/../accept`,
        `/api/figures/${id}/accept?role=admin`,
        `/api/figures/${id}/accept;admin`,
        `/api/figures/0${id}/accept`,
      ];
      const before = await snapshotStore(s.t.store);
      for (const url of variants) {
        for (const headers of [s.as('viewer'), { ...s.as('viewer'), 'x-http-method-override': 'GET' }]) {
          const r = await s.app.inject({ method: 'POST', url, headers, payload: {} });
          expect([url, r.statusCode]).toEqual([url, expect.toBeOneOf([403, 404])]);
        }
      }
      expect(await snapshotStore(s.t.store)).toEqual(before);
    });
  });
}
