import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gedRows, loadDistricts, seeded } from '../bench/ged-rows.js';
import { loadResolvers } from '../src/app/analyse-document.js';
import type { DeathsAggregate, TimelineAggregate } from '../src/core/aggregate.js';
import { importDataset } from '../src/interop/import-dataset.js';
import { createTestServer, ingestText, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

type Point = [
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string,
  string,
  string | null,
];
type GridCell = [
  number,
  number,
  number,
  number | null,
  number | null,
  string | null,
  string | null,
  string | null,
  number,
  number,
  number,
  number,
];
interface Grid {
  zoom: number;
  cells: GridCell[];
  total: number;
  mapped: number;
  extent: [number, number, number, number] | null;
}

// The endpoints the page's map, table and timeline read: /api/incidents/grid gathers the incidents
// the points route lists one by one, and /api/aggregates/timeline says what /api/aggregates/deaths says.
for (const kind of STORE_KINDS) {
  describe(`map, table and timeline endpoints on ${kind}`, () => {
    let s: TestServer;
    let points: Point[];
    const get = async <T>(url: string) => {
      const r = await s.app.inject({ method: 'GET', url, headers: s.as('viewer') });
      expect([url, r.statusCode, r.statusCode === 200 ? '' : r.body]).toEqual([url, 200, '']);
      return json<T>(r);
    };

    beforeAll(async () => {
      s = await createTestServer(kind);
      const random = seeded(7);
      const districts = loadDistricts(join(import.meta.dirname, '..', 'data', 'gazetteer-af.json'), random);
      await importDataset(s.t.store, Readable.from(gedRows(300, districts, random)), {
        file: 'map.csv',
        datasetVersion: '23.1',
        resolvers: await loadResolvers(s.t.store),
        now: new Date().toISOString(),
      });
      for (const killed of [4, 9]) await ingestText(s, wireReport(killed, 1).text);
      points = (await get<{ rows: Point[] }>('/api/incidents/points')).rows;
    });
    afterAll(async () => s.close());

    it('gathers every mapped incident into exactly one cell, whatever the zoom and filter', async () => {
      expect(points.length).toBe(302);
      for (const filter of ['', '&type=Battles', '&from=2000-01-01&to=2009-12-31']) {
        const matching = (await get<{ rows: Point[] }>(`/api/incidents/points?${filter}`)).rows;
        const mapped = matching.filter((p) => p[1] !== null && p[2] !== null);
        for (const zoom of [3, 6.5, 9, 13]) {
          const grid = await get<Grid>(`/api/incidents/grid?zoom=${zoom}${filter}`);
          expect(grid.zoom).toBe(Math.floor(zoom));
          expect([grid.total, grid.mapped]).toEqual([matching.length, mapped.length]);
          expect(grid.cells.reduce((n, c) => n + c[2], 0)).toBe(mapped.length);
          if (zoom === 13) expect(grid.cells.filter((c) => c[2] === 1).length).toBeGreaterThan(10);
          const bests = mapped.map((p) => p[4]).filter((b): b is number => b !== null);
          expect(grid.cells.reduce((n, c) => n + (c[3] ?? 0), 0)).toBe(bests.reduce((a, b) => a + b, 0));
          for (const [lon, lat, count, best, id, type, date, , w, south, e, n] of grid.cells) {
            expect(lon).toBeGreaterThanOrEqual(w - 1e-5);
            expect(lon).toBeLessThanOrEqual(e + 1e-5);
            expect(lat).toBeGreaterThanOrEqual(south - 1e-5);
            expect(lat).toBeLessThanOrEqual(n + 1e-5);
            if (count !== 1) {
              expect([id, date]).toEqual([null, null]);
              continue;
            }
            const p = mapped.find((x) => x[0] === id);
            expect(p).toBeDefined();
            expect([best, type, date]).toEqual([p?.[4], p?.[6], p?.[7]]);
            expect(Math.abs(lon - (p?.[1] ?? 0))).toBeLessThan(1e-4);
          }
        }
      }
    });

    it('keeps to a box, and says where the whole match lies', async () => {
      const grid = await get<Grid>('/api/incidents/grid?zoom=8&bbox=68,34,71,37');
      const inside = points.filter(
        (p) => p[1] !== null && p[2] !== null && p[1] >= 68 && p[1] <= 71 && p[2] >= 34 && p[2] <= 37,
      );
      expect(grid.cells.reduce((n, c) => n + c[2], 0)).toBe(inside.length);
      expect(grid.total).toBe(points.length);
      const lons = points.flatMap((p) => (p[1] === null ? [] : [p[1]]));
      expect(grid.extent?.[0]).toBeCloseTo(Math.min(...lons), 4);
      expect(grid.extent?.[2]).toBeCloseTo(Math.max(...lons), 4);
      const boxed = (await get<{ rows: Point[] }>('/api/incidents/points?bbox=68,34,71,37')).rows;
      expect(boxed.map((p) => p[0]).sort()).toEqual(inside.map((p) => p[0]).sort());
      for (const bad of ['1,2,3', '71,34,68,37', '0,0,0,1e3', 'a,b,c,d', '-181,0,0,0']) {
        const r = await s.app.inject({
          method: 'GET',
          url: `/api/incidents/grid?zoom=4&bbox=${bad}`,
          headers: s.as('viewer'),
        });
        expect([bad, r.statusCode]).toEqual([bad, 400]);
        expect(json<{ message: string }>(r).message).toContain('querystring.bbox');
      }
    });

    it('pages the points newest first from a row, without gaps or repeats', async () => {
      const seen: Point[] = [];
      let after = '';
      for (let i = 0; i < 100; i++) {
        const page = await get<{ rows: Point[]; truncated: boolean }>(`/api/incidents/points?limit=37${after}`);
        seen.push(...page.rows);
        const last = page.rows.at(-1);
        if (!page.truncated || !last) break;
        after = `&before_date=${last[7]}&before_id=${last[0]}`;
      }
      expect(seen.map((p) => p[0])).toEqual(points.map((p) => p[0]));
    });

    it('gives the timeline in one request, equal to the aggregates it replaces', async () => {
      for (const filter of ['', '&type=Battles', '&from=2005-01-01&to=2012-06-30', '&place=Helmand']) {
        const timeline = await get<TimelineAggregate>(`/api/aggregates/timeline?split=type${filter}`);
        const months = await get<DeathsAggregate>(`/api/aggregates/deaths?by=month${filter}`);
        expect(timeline.months).toEqual(months.rows.filter((r) => r.key !== null));
        const types = await get<DeathsAggregate>(`/api/aggregates/deaths?by=type${filter}`);
        expect(timeline.keys.sort()).toEqual(
          types.rows
            .filter((r) => (r.best ?? 0) > 0)
            .map((r) => r.key)
            .sort(),
        );
        for (const key of timeline.keys) {
          const one = await get<DeathsAggregate>(
            `/api/aggregates/deaths?by=month${filter.replace(/&type=[^&]*/, '')}&type=${encodeURIComponent(key)}`,
          );
          const expected = one.rows.filter((r) => r.key !== null).map((r) => [r.key, r.best ?? 0]);
          const got = timeline.series.filter((r) => r.key === key).map((r) => [r.month, r.best]);
          expect(got.sort()).toEqual(expected.sort());
        }
      }
      const actors = await get<TimelineAggregate>('/api/aggregates/timeline?split=actor&top=3');
      const byActor = await get<DeathsAggregate>('/api/aggregates/deaths?by=actor');
      const top = byActor.rows
        .filter((r) => r.key !== null && (r.best ?? 0) > 0)
        .sort((a, b) => (b.best ?? 0) - (a.best ?? 0))
        .slice(0, 3);
      expect(actors.keys).toEqual(top.map((r) => r.key));
      for (const r of top) {
        expect(actors.series.filter((x) => x.key === r.key).reduce((n, x) => n + x.best, 0)).toBe(r.best);
      }
    });

    it('answers a grid asked again with the same bytes, and shows a new incident at once', async () => {
      const url = '/api/incidents/grid?zoom=5';
      const ask = () => s.app.inject({ method: 'GET', url, headers: s.as('viewer') });
      const first = await ask();
      const again = await ask();
      expect(again.body).toBe(first.body);
      await ingestText(s, wireReport(31, 2).text);
      const after = json<Grid>(await ask());
      expect(after.total).toBe(json<Grid>(first).total + 1);
      expect(after.cells.reduce((n, c) => n + (c[3] ?? 0), 0)).toBe(
        json<Grid>(first).cells.reduce((n, c) => n + (c[3] ?? 0), 0) + 31,
      );
    });
  });
}
