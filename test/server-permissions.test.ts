import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/core/account.js';
import { gedCsv } from './support/datasets.js';
import {
  createTestServer,
  ingestText,
  json,
  multipartFile,
  PASSWORD,
  type TestServer,
  wireReport,
} from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

interface Sample {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** Routes any visitor may call, on purpose; every other unsafe route must need an analyst or admin. */
const NOT_WRITES = new Set(['POST /api/login', 'POST /api/logout']);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let n = 0;
const next = () => {
  n += 1;
  return n;
};

/**
 * One valid request per write route, made fresh for each call so an analyst's request cannot use up
 * what an admin's needs. A route missing here fails the matrix: new endpoints cannot be forgotten.
 */
function samples(s: TestServer): Record<string, () => Promise<Sample>> {
  const figure = async () => (await ingestText(s, wireReport().text)).figures[0] as number;
  const incident = async () => (await ingestText(s, wireReport().text)).incidents[0] as number;
  const user = async () => {
    const name = `someone${next()}`;
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: s.as('admin'),
      payload: { name, role: 'viewer', password: PASSWORD },
    });
    expect(r.statusCode).toBe(201);
    return name;
  };
  return {
    'POST /api/documents': async () => ({
      url: '/api/documents',
      payload: { title: 'pasted', text: wireReport().text },
    }),
    'POST /api/documents/upload': async () => ({
      url: '/api/documents/upload',
      ...multipartFile('wire.txt', wireReport().text),
    }),
    'POST /api/import': async () => ({ url: '/api/import', ...multipartFile('ged191.csv', gedCsv()) }),
    'POST /api/figures/:id/accept': async () => ({ url: `/api/figures/${await figure()}/accept`, payload: {} }),
    'POST /api/figures/:id/reject': async () => ({
      url: `/api/figures/${await figure()}/reject`,
      payload: { reason: 'not a casualty count' },
    }),
    'POST /api/figures/:id/note': async () => ({
      url: `/api/figures/${await figure()}/note`,
      payload: { note: 'call back', note_sensitive: false },
    }),
    'POST /api/figures/:id/correct': async () => ({
      url: `/api/figures/${await figure()}/correct`,
      payload: { reason: 'typo', low: 99 },
    }),
    'POST /api/incidents/:id/accept': async () => ({ url: `/api/incidents/${await incident()}/accept`, payload: {} }),
    'POST /api/incidents/:id/reject': async () => ({
      url: `/api/incidents/${await incident()}/reject`,
      payload: { reason: 'duplicate' },
    }),
    'POST /api/incidents/:id/grade': async () => ({
      url: `/api/incidents/${await incident()}/grade`,
      payload: { grade: 'weak', note: 'one wire only' },
    }),
    'POST /api/documents/:id/source': async () => ({
      url: `/api/documents/${(await ingestText(s, wireReport().text)).document}/source`,
      payload: { source_type: 'news' },
    }),
    'POST /api/incidents/:id/note': async () => ({
      url: `/api/incidents/${await incident()}/note`,
      payload: { note: 'x', note_sensitive: true },
    }),
    'POST /api/incidents/:id/correct': async () => ({
      url: `/api/incidents/${await incident()}/correct`,
      payload: { reason: 'hospital records', deaths: { low: 13, best: 14, high: 15 } },
    }),
    'POST /api/incidents/merge': async () => ({
      url: '/api/incidents/merge',
      payload: { target: await incident(), source: await incident(), reason: 'same event' },
    }),
    'POST /api/incidents/:id/split': async () => {
      const id = await incident();
      const claims = json<{ claims: { id: number }[] }>(
        await s.app.inject({ method: 'GET', url: `/api/incidents/${id}`, headers: s.as('analyst') }),
      ).claims;
      return { url: `/api/incidents/${id}/split`, payload: { claims: [claims[1]?.id], reason: 'another event' } };
    },
    'POST /api/audit/:id/revert': async () => {
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/figures/${await figure()}/accept`,
        headers: s.as('analyst'),
        payload: {},
      });
      return {
        url: `/api/audit/${json<{ audit_id: number }>(r).audit_id}/revert`,
        payload: { reason: 'accepted too early' },
      };
    },
    'POST /api/users': async () => ({
      url: '/api/users',
      payload: { name: `new${next()}`, role: 'analyst', password: PASSWORD },
    }),
    'PATCH /api/users/:name': async () => ({ url: `/api/users/${await user()}`, payload: { role: 'analyst' } }),
    'DELETE /api/users/:name': async () => ({ url: `/api/users/${await user()}` }),
    'POST /api/tokens': async () => ({ url: '/api/tokens', payload: { user: 'viewer', name: `script ${next()}` } }),
    'DELETE /api/tokens/:id': async () => {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: s.as('admin'),
        payload: { user: 'viewer', name: 'to revoke' },
      });
      return { url: `/api/tokens/${json<{ id: number }>(r).id}` };
    },
  };
}

async function send(s: TestServer, method: string, sample: Sample, role: Role | null) {
  return s.app.inject({
    method: method as 'POST',
    url: sample.url,
    headers: { ...sample.headers, ...s.as(role) },
    ...(sample.payload === undefined ? {} : { payload: sample.payload as string }),
  });
}

const auditCount = async (s: TestServer) => (await s.t.store.db.selectFrom('audit_log').select('id').execute()).length;

for (const kind of STORE_KINDS) {
  describe(`who may write, on ${kind}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await createTestServer(kind);
    });
    afterAll(async () => s.close());

    it('every write route refuses anonymous and viewer requests and accepts analysts and admins', async () => {
      const writes = s.app.routeTable.filter((r) => UNSAFE.has(r.method) && !NOT_WRITES.has(`${r.method} ${r.url}`));
      const table = samples(s);
      // Every write route has a sample, and every sample a route: the two lists are the same.
      expect(writes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(table).sort());
      for (const route of writes) {
        const key = `${route.method} ${route.url}`;
        expect([key, route.access]).toEqual([key, expect.stringMatching(/^(analyst|admin)$/)]);
        const make = table[key] as () => Promise<Sample>;
        const refused = await make();
        const before = await auditCount(s);
        expect([key, (await send(s, route.method, refused, null)).statusCode]).toEqual([key, 401]);
        expect([key, (await send(s, route.method, refused, 'viewer')).statusCode]).toEqual([key, 403]);
        if (route.access === 'admin') {
          expect([key, (await send(s, route.method, refused, 'analyst')).statusCode]).toEqual([key, 403]);
        }
        // A refused request leaves no trace in the data.
        expect([key, await auditCount(s)]).toEqual([key, before]);
        const roles: Role[] = route.access === 'admin' ? ['admin'] : ['analyst', 'admin'];
        for (const role of roles) {
          const r = await send(s, route.method, await make(), role);
          expect([key, role, r.statusCode, r.statusCode < 300 ? '' : r.body]).toEqual([
            key,
            role,
            expect.any(Number),
            '',
          ]);
        }
      }
    });

    it('login and logout are the only unsafe routes open to visitors, and reads follow the configuration', async () => {
      const open = s.app.routeTable.filter((r) => UNSAFE.has(r.method) && NOT_WRITES.has(`${r.method} ${r.url}`));
      expect(open.map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual([
        'POST /api/login public',
        'POST /api/logout signed-in',
      ]);
      expect((await s.app.inject({ method: 'GET', url: '/api/incidents' })).statusCode).toBe(401);
      expect((await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') })).statusCode).toBe(
        200,
      );
      expect((await s.app.inject({ method: 'GET', url: '/api/audit', headers: s.as('viewer') })).statusCode).toBe(403);
    });

    it('a revoked token is refused on the very next request', async () => {
      const created = json<{ id: number; token: string }>(
        await s.app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: s.as('admin'),
          payload: { user: 'analyst', name: 'ci' },
        }),
      );
      const bearer = { authorization: `Bearer ${created.token}` };
      expect((await s.app.inject({ method: 'GET', url: '/api/documents', headers: bearer })).statusCode).toBe(200);
      const revoke = await s.app.inject({ method: 'DELETE', url: `/api/tokens/${created.id}`, headers: s.as('admin') });
      expect(json<{ revoked_at: string | null }>(revoke).revoked_at).not.toBeNull();
      const after = await s.app.inject({ method: 'GET', url: '/api/documents', headers: bearer });
      expect(after.statusCode).toBe(401);
      expect(json<{ message: string }>(after).message).toMatch(/revoked/);
      const tokens = json<{ id: number; revoked_at: string | null }[]>(
        await s.app.inject({ method: 'GET', url: '/api/tokens?user=analyst', headers: s.as('admin') }),
      );
      expect(tokens.find((t) => t.id === created.id)?.revoked_at).not.toBeNull();
      expect(JSON.stringify(tokens)).not.toContain(created.token);
    });

    it('a malformed Authorization header is refused, not read as anonymous', async () => {
      const r = await s.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toContain('Bearer');
    });
  });
}
