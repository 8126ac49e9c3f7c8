import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResolveData } from '../src/app/analyse-document.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { createPageThreads } from '../src/serve/page-threads.js';
import { createTestServer, ingestText, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

type Page = { items: ReviewedIncident[]; next_cursor: string | null };

// Incident pages written on page threads must be the bytes the main thread writes: same items,
// cursors, grades and redaction, and what a write changes shows at once.
for (const kind of STORE_KINDS) {
  describe(`incident pages on page threads (${kind})`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await createTestServer(kind, {}, 2);
      for (const killed of [7, 12, 3, 12, 25, 40]) await ingestText(s, wireReport(killed, 4).text);
    });
    afterAll(async () => s.close());

    /** The page from the threads, then the same URL written on the main thread. */
    async function both(url: string, role: 'viewer' | 'analyst' = 'viewer') {
      const threaded = await s.app.inject({ method: 'GET', url, headers: s.as(role) });
      const pages = s.pages;
      s.pages = null;
      try {
        const main = await s.app.inject({ method: 'GET', url: `${url}&main=1`, headers: s.as(role) });
        return { threaded, main };
      } finally {
        s.pages = pages;
      }
    }

    it('writes the bytes the main thread writes, page after page, in every order', async () => {
      for (const [sort, order] of [
        ['date', 'asc'],
        ['deaths', 'desc'],
        ['id', 'desc'],
      ] as const) {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url = `/api/incidents?sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
          const { threaded, main } = await both(url);
          expect(threaded.statusCode).toBe(200);
          expect(threaded.headers['content-type']).toBe(main.headers['content-type']);
          expect(threaded.body).toBe(main.body);
          cursor = json<Page>(threaded).next_cursor;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(3);
      }
      const { threaded, main } = await both('/api/incidents?min_deaths=10&grade=weak&limit=50');
      expect(json<Page>(threaded).items.map((i) => i.deaths.best)).toEqual([12, 12, 25, 40]);
      expect(threaded.body).toBe(main.body);
    });

    it("writes the map's points and grid as the main thread does", async () => {
      for (const url of [
        '/api/incidents/points?limit=4',
        '/api/incidents/points?limit=2&bbox=60,29,75,39',
        '/api/incidents/grid?zoom=3',
        '/api/incidents/grid?zoom=9&bbox=68,36,69.5,37&min_deaths=10',
      ]) {
        const { threaded, main } = await both(url);
        expect([url, threaded.statusCode]).toEqual([url, 200]);
        expect(threaded.headers['content-type']).toBe(main.headers['content-type']);
        expect(threaded.body).toBe(main.body);
      }
      const grid = json<{ total: number; mapped: number; cells: unknown[] }>(
        (await both('/api/incidents/grid?zoom=3')).threaded,
      );
      expect([grid.total, grid.mapped]).toEqual([6, 6]);
      expect(grid.cells.length).toBeGreaterThan(0);
      const points = json<{ rows: unknown[]; truncated: boolean }>(
        (await both('/api/incidents/points?limit=4')).threaded,
      );
      expect([points.rows.length, points.truncated]).toEqual([4, true]);
    });

    it('shows a write at once, and redacts a sensitive note for a viewer but not for an analyst', async () => {
      const before = json<Page>((await both('/api/incidents?limit=1')).threaded).items[0] as ReviewedIncident;
      const noted = await s.app.inject({
        method: 'POST',
        url: `/api/incidents/${before.id}/note`,
        headers: s.as('analyst'),
        payload: { note: 'witness: Gul Ahmad, shopkeeper', note_sensitive: true },
      });
      expect(noted.statusCode).toBe(200);
      const viewer = await both('/api/incidents?limit=1', 'viewer');
      expect(json<Page>(viewer.threaded).items[0]?.review?.note).toBe('[redacted]');
      expect(viewer.threaded.body).toBe(viewer.main.body);
      const analyst = await both('/api/incidents?limit=1', 'analyst');
      expect(json<Page>(analyst.threaded).items[0]?.review?.note).toBe('witness: Gul Ahmad, shopkeeper');
      expect(analyst.threaded.body).toBe(analyst.main.body);
    });

    it.runIf(kind === 'postgres')('keeps at most two connections to the database on each page thread', async () => {
      const database = new URL(s.t.url).pathname.slice(1);
      const asked = Array.from({ length: 24 }, (_, n) =>
        s.app.inject({ method: 'GET', url: `/api/incidents?limit=3&burst=${n}`, headers: s.as('viewer') }),
      );
      expect((await Promise.all(asked)).map((r) => r.statusCode)).toEqual(Array(24).fill(200));
      const open = await s.t.store.db
        .selectFrom(sql<{ datname: string }>`pg_stat_activity`.as('a'))
        .select(sql<number>`count(*)::int`.as('n'))
        .where('a.datname', '=', database)
        .executeTakeFirstOrThrow();
      // The main thread's own pool (10 at most), and two for each of the two page threads.
      expect(open.n).toBeLessThanOrEqual(10 + 2 * 2);
    });

    it("reports each thread's heap", async () => {
      const heaps = (await s.pages?.heaps(false)) ?? [];
      expect(new Set(heaps.map((h) => h.thread)).size).toBe(2);
      for (const h of heaps) {
        expect(h.used).toBeGreaterThan(1_000_000);
        expect(h.total).toBeGreaterThanOrEqual(h.used);
      }
    });

    it('answers a cursor this server did not issue with 400, before any thread is asked', async () => {
      const r = await s.app.inject({
        method: 'GET',
        url: '/api/incidents?cursor=bm90LWEtY3Vyc29y',
        headers: s.as('viewer'),
      });
      expect(r.statusCode).toBe(400);
    });
  });
}

describe('page threads that cannot open the store', () => {
  it('fail what they held with 503, say why once, and leave the pages to the main thread', async () => {
    const s = await createTestServer('sqlite');
    try {
      await ingestText(s, wireReport(9, 2).text);
      const stops: string[] = [];
      const resolve = await loadResolveData(s.t.store);
      const stopped = new Promise<void>((done) => {
        s.pages = createPageThreads(1, { db: '/nonexistent/dir/tally.db', resolve }, 10, (error) => {
          stops.push(error.message);
          done();
        });
      });
      const first = await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') });
      await stopped;
      expect(first.statusCode).toBe(503);
      expect(json<{ message: string }>(first).message).toContain('a thread writing incident pages stopped');
      expect(stops).toHaveLength(1);
      const next = await s.app.inject({ method: 'GET', url: '/api/incidents?again=1', headers: s.as('viewer') });
      expect(next.statusCode).toBe(200);
      expect(json<Page>(next).items.map((i) => i.deaths.best)).toEqual([9]);
    } finally {
      await s.close();
    }
  });
});

describe('closing page threads', () => {
  it('returns when a thread has ended already, and when the threads close their stores', async () => {
    const s = await createTestServer('sqlite');
    try {
      const resolve = await loadResolveData(s.t.store);
      let stopped = () => {};
      const ended = new Promise<void>((done) => {
        stopped = done;
      });
      const broken = createPageThreads(1, { db: '/nonexistent/dir/tally.db', resolve }, 10, () => stopped());
      await ended;
      // Give the thread time to be gone, not only to have said so.
      await new Promise((done) => setTimeout(done, 200));
      const started = Date.now();
      await broken.close();
      const working = createPageThreads(1, { db: s.t.url, resolve }, 10);
      await working.write({
        kind: 'incidents',
        filter: {},
        page: { sort: 'id', order: 'asc', limit: 1 },
        sensitive: false,
      });
      await working.close();
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await s.close();
    }
  });
});
