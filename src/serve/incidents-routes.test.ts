import type { FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestServer, json, type TestServer } from '../../test/support/server.js';
import { STORE_KINDS } from '../../test/support/stores.js';
import { IncidentPage } from '../core/api.js';
import { compileResponseSerializer } from './response-serializer.js';

const TEXT =
  'KUNDUZ, 4 May 2023 - At least 12 civilians were killed and 30 others injured when a roadside bomb struck a minibus in Khanabad district, the provincial police spokesman said.\n';
const OTHER = TEXT.replace('4 May 2023', '20 May 2023').replace('12 civilians', '5 civilians');

const writePage = compileResponseSerializer({
  schema: IncidentPage as unknown as FastifySchema,
  method: 'GET',
  url: '/api/incidents',
  httpStatus: '200',
});

type Page = z.infer<typeof IncidentPage>;

for (const kind of STORE_KINDS) {
  describe(`GET /api/incidents, kept between requests, on ${kind}`, () => {
    let s: TestServer;
    const list = async (role: 'analyst' | null, query = '') =>
      s.app.inject({ method: 'GET', url: `/api/incidents${query}`, headers: s.as(role) });
    const post = async (url: string, payload: Record<string, unknown>) =>
      s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload });

    beforeAll(async () => {
      s = await createTestServer(kind, { publicReads: true });
      for (const text of [TEXT, OTHER]) expect((await post('/api/documents', { text })).statusCode).toBe(201);
    });
    afterAll(async () => s.close());

    it('answers with the bytes the page schema writes, as JSON, the same twice over', async () => {
      const first = await list(null, '?limit=1');
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      const page = json<Page>(first);
      expect(page.items).toHaveLength(1);
      expect(page.next_cursor).toEqual(expect.any(String));
      expect(first.body).toBe(writePage(page));
      expect(page).toEqual(z.encode(IncidentPage, page));
      expect((await list(null, '?limit=1')).body).toBe(first.body);
      const rest = json<Page>(await list(null, `?limit=1&cursor=${page.next_cursor}`));
      expect(rest.items.map((i) => i.deaths.best)).toEqual([5]);
      expect(rest.next_cursor).toBeNull();
    });

    it('shows what was written since, and redacts a sensitive note for readers who may not see it', async () => {
      const before = json<Page>(await list(null)).items;
      const id = before[0]?.id as number;
      expect(before[0]?.review).toBeNull();
      const noted = await post(`/api/incidents/${id}/note`, { note: 'witness: Gul Ahmad', note_sensitive: true });
      expect(noted.statusCode).toBe(200);
      // The analyst's page is read first and kept; the anonymous one must still be redacted.
      expect(json<Page>(await list('analyst')).items[0]?.review?.note).toBe('witness: Gul Ahmad');
      const anonymous = await list(null);
      expect(anonymous.body).not.toContain('Gul Ahmad');
      expect(json<Page>(anonymous).items[0]?.review?.note).toBe('[redacted]');
      expect(json<Page>(await list('analyst')).items[0]?.review?.note).toBe('witness: Gul Ahmad');

      // And the other way round: the redacted page is read first and kept, twice over.
      const renoted = await post(`/api/incidents/${id}/note`, { note: 'witness: Zarif Khan', note_sensitive: true });
      expect(renoted.statusCode).toBe(200);
      for (let i = 0; i < 2; i++) expect((await list(null)).body).not.toContain('Zarif Khan');
      const viewer = await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') });
      expect(viewer.body).not.toContain('Zarif Khan');
      expect(json<Page>(await list('analyst')).items[0]?.review?.note).toBe('witness: Zarif Khan');

      const corrected = await post(`/api/incidents/${id}/correct`, {
        reason: 'morgue count',
        deaths: { low: 12, best: 13, high: 15 },
      });
      expect(corrected.statusCode).toBe(200);
      expect(json<Page>(await list(null)).items[0]?.deaths.best).toBe(13);
    });
  });
}
