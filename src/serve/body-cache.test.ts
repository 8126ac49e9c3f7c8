import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, incidentRow, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import type { Role } from '../core/account.js';
import { openStore } from '../store/open-store.js';
import { createBodyCache } from './body-cache.js';

for (const kind of STORE_KINDS) {
  describe(`response bodies kept between requests, on ${kind}`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    const calls = new Map<string, number>();
    const write = (summary: string) => t.store.db.insertInto('incidents').values(incidentRow({ summary })).execute();

    beforeAll(async () => {
      t = await createTestStore(kind);
      const bodies = createBodyCache(t.store);
      app = Fastify();
      app.decorateRequest('principal', null);
      // Stands in for the auth hook: who asks, by role.
      app.addHook('onRequest', async (request) => {
        const role = request.headers['x-role'] as Role | undefined;
        request.principal = role ? { userId: 1, name: role, role, via: 'token', csrfHash: null } : null;
      });
      const count = (name: string) => {
        const n = (calls.get(name) ?? 0) + 1;
        calls.set(name, n);
        return n;
      };
      app.get('/page', { ...bodies.hooks }, async (request) => ({
        n: count('page'),
        role: request.principal?.role ?? null,
        stamp: bodies.stampOf(request),
      }));
      app.get('/fails', { ...bodies.hooks }, async (_request, reply) => reply.status(400).send({ n: count('fails') }));
      app.get('/writes', { ...bodies.hooks }, async () => {
        const n = count('writes');
        await write(`written by request ${n}`);
        // Another request comes in meanwhile and sees the store as written.
        await app.inject({ method: 'GET', url: '/page?other' });
        return { n };
      });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const get = (url: string, role?: Role) =>
      app.inject({ method: 'GET', url, headers: role ? { 'x-role': role } : {} });

    it('answers the same URL again from the bytes it wrote, as JSON, without running the handler', async () => {
      const first = await get('/page?a=1');
      const again = await get('/page?a=1');
      expect(first.statusCode).toBe(200);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(again.body).stamp).toEqual(expect.any(String));
      // Another URL is another answer.
      expect(JSON.parse((await get('/page?a=2')).body).n).toBe(JSON.parse(first.body).n + 1);
    });

    it('never answers a reader with a body written for one who sees sensitive notes, or the other way round', async () => {
      const viewer = JSON.parse((await get('/page?b', 'viewer')).body);
      const anonymous = JSON.parse((await get('/page?b')).body);
      const analyst = JSON.parse((await get('/page?b', 'analyst')).body);
      const admin = JSON.parse((await get('/page?b', 'admin')).body);
      // Viewers and anonymous readers share the redacted body; analysts and admins the full one.
      expect(anonymous).toEqual(viewer);
      expect(admin).toEqual(analyst);
      expect(analyst.n).toBe(viewer.n + 1);
      expect(analyst.role).toBe('analyst');
      expect(viewer.role).toBe('viewer');
    });

    it('answers afresh after a write on its own connection, and after a commit by another', async () => {
      const before = JSON.parse((await get('/page?c')).body);
      await write('on this connection');
      const afterOwn = JSON.parse((await get('/page?c')).body);
      expect(afterOwn.n).toBe(before.n + 1);
      expect(JSON.parse((await get('/page?c')).body)).toEqual(afterOwn);

      // Another process on the same store: `tally ingest` beside `tally serve`.
      const other = await openStore(t.url, { migrate: false });
      try {
        await other.db
          .updateTable('incidents')
          .set({ summary: 'by another process' })
          .where('summary', '=', 'on this connection')
          .execute();
      } finally {
        await other.close();
      }
      expect(JSON.parse((await get('/page?c')).body).n).toBe(afterOwn.n + 1);
    });

    it('keeps no error, and no body read while the store was written under it', async () => {
      expect((await get('/fails')).statusCode).toBe(400);
      expect(JSON.parse((await get('/fails')).body).n).toBe(2);
      expect(JSON.parse((await get('/writes')).body).n).toBe(1);
      expect(JSON.parse((await get('/writes')).body).n).toBe(2);
    });
  });
}
