import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeathsAggregate } from '../src/core/aggregate.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { createTestServer, ingestText, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

type Page = { items: ReviewedIncident[]; next_cursor: string | null };

/** A report with only injured: its incident has no death estimate at all (null, not zero). */
function injuredOnly(): string {
  return wireReport().text.replace(
    /At least \d+ civilians were killed and (\d+) others injured/,
    '$1 people were injured',
  );
}

for (const kind of STORE_KINDS) {
  describe(`incident queries and aggregates on ${kind}`, () => {
    let s: TestServer;
    let all: ReviewedIncident[];
    const get = async <T>(url: string) => {
      const r = await s.app.inject({ method: 'GET', url, headers: s.as('viewer') });
      expect([url, r.statusCode]).toEqual([url, 200]);
      return json<T>(r);
    };

    beforeAll(async () => {
      s = await createTestServer(kind);
      for (const killed of [7, 12, 3, 12, 25]) await ingestText(s, wireReport(killed, 4).text);
      await ingestText(s, injuredOnly());
      all = (await get<Page>('/api/incidents?limit=500')).items;
      // One correction, so the effective values differ from the extracted ones.
      const target = all[1] as ReviewedIncident;
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/incidents/${target.id}/correct`,
        headers: s.as('analyst'),
        payload: {
          reason: 'claimed by',
          side_a: { name: 'Taliban', actor_id: 'taliban' },
          deaths: { low: 10, best: 11, high: 30 },
        },
      });
      expect(r.statusCode).toBe(200);
      all = (await get<Page>('/api/incidents?limit=500')).items;
    });
    afterAll(async () => s.close());

    it('pages through every incident once, in order, with an opaque cursor', async () => {
      expect(all).toHaveLength(6);
      for (const [sort, order] of [
        ['deaths', 'desc'],
        ['date', 'asc'],
        ['id', 'desc'],
      ] as const) {
        const seen: ReviewedIncident[] = [];
        let cursor: string | null = null;
        do {
          const page: Page = await get<Page>(
            `/api/incidents?sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items);
          cursor = page.next_cursor;
        } while (cursor);
        expect(new Set(seen.map((i) => i.id)).size).toBe(all.length);
        const key = (i: ReviewedIncident) =>
          sort === 'deaths' ? (i.deaths.best ?? -1) : sort === 'date' ? i.date.start : i.id;
        const keys = seen.map(key);
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
      }
      const first = await get<Page>('/api/incidents?sort=deaths&order=desc&limit=2');
      expect(first.items.map((i) => i.deaths.best)).toEqual([25, 12]);
      const wrongSort = await s.app.inject({
        method: 'GET',
        url: `/api/incidents?sort=date&limit=2&cursor=${first.next_cursor}`,
        headers: s.as('viewer'),
      });
      expect(wrongSort.statusCode).toBe(400);
      expect(json<{ message: string }>(wrongSort).message).toMatch(/^querystring\.cursor: .*sort=deaths/);
    });

    it('filters on the reviewed values: dates, place, actor, type and minimum deaths', async () => {
      const dates = all.map((i) => i.date.start).sort();
      expect((await get<Page>(`/api/incidents?from=${dates[2]}`)).items).toHaveLength(4);
      expect((await get<Page>(`/api/incidents?to=${dates[1]}`)).items).toHaveLength(2);
      expect((await get<Page>('/api/incidents?place=Kunduz%20province')).items).toHaveLength(6);
      // Plain "Kunduz" is the city, as `tally incidents --place Kunduz` reads it.
      expect((await get<Page>('/api/incidents?place=Kunduz')).items).toHaveLength(0);
      expect((await get<Page>('/api/incidents?place=Khanabad')).items).toHaveLength(6);
      expect((await get<Page>('/api/incidents?place=Herat')).items).toHaveLength(0);
      // The second report said 12; its correction to 11 is what the filter sees.
      expect((await get<Page>('/api/incidents?min_deaths=12')).items.map((i) => i.deaths.best).sort()).toEqual([
        12, 25,
      ]);
      expect((await get<Page>('/api/incidents?actor=taliban')).items.map((i) => i.deaths.best)).toEqual([11]);
      expect((await get<Page>('/api/incidents?type=Battles')).items).toHaveLength(0);
      const unknown = await s.app.inject({
        method: 'GET',
        url: '/api/incidents?place=Nowhereville',
        headers: s.as('viewer'),
      });
      expect(json<{ message: string }>(unknown).message).toBe(
        'querystring.place: no place called "Nowhereville" in the gazetteer',
      );
    });

    it('sums low, best and high separately and counts incidents with a best estimate apart', async () => {
      const byMonth = await get<DeathsAggregate>('/api/aggregates/deaths?by=month');
      const sum = (pick: (i: ReviewedIncident) => number | null) => {
        const values = all.map(pick).filter((v): v is number => v !== null);
        return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
      };
      expect(byMonth.total).toEqual({
        key: null,
        incidents: 6,
        with_best: 5,
        low: sum((i) => i.deaths.low),
        best: sum((i) => i.deaths.best),
        high: sum((i) => i.deaths.high),
      });
      expect(byMonth.total.best).toBe(7 + 11 + 3 + 12 + 25);
      expect(byMonth.rows.reduce((n, r) => n + r.incidents, 0)).toBe(6);
      for (const row of byMonth.rows) {
        const inMonth = all.filter((i) => i.date.start.startsWith(row.key ?? ''));
        expect(row.incidents).toBe(inMonth.length);
        expect(row.with_best).toBe(inMonth.filter((i) => i.deaths.best !== null).length);
      }
      const byPlace = await get<DeathsAggregate>('/api/aggregates/deaths?by=place');
      expect(byPlace.rows).toEqual([{ ...byMonth.total, key: 'Kunduz' }]);
      const byActor = await get<DeathsAggregate>('/api/aggregates/deaths?by=actor');
      // The other bombings name no perpetrator: ACLED's "Unidentified armed group", against civilians.
      expect(byActor.rows.find((r) => r.key === 'Taliban')).toEqual({
        key: 'Taliban',
        incidents: 1,
        with_best: 1,
        low: 10,
        best: 11,
        high: 30,
      });
      expect(byActor.rows.map((r) => r.key).sort()).toEqual(['Civilians', 'Taliban', 'Unidentified armed group']);
      const byType = await get<DeathsAggregate>('/api/aggregates/deaths?by=type&min_deaths=12');
      expect(byType.rows.map((r) => [r.key, r.incidents, r.best])).toEqual([['Explosions/Remote violence', 2, 37]]);
    });

    it('leaves rejected incidents out of lists and sums unless asked for', async () => {
      const victim = all.find((i) => i.deaths.best === 25) as ReviewedIncident;
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/incidents/${victim.id}/reject`,
        headers: s.as('analyst'),
        payload: { reason: 'not in Afghanistan' },
      });
      expect(r.statusCode).toBe(200);
      expect((await get<Page>('/api/incidents?limit=500')).items).toHaveLength(5);
      expect((await get<Page>('/api/incidents?status=rejected')).items.map((i) => i.id)).toEqual([victim.id]);
      expect((await get<Page>('/api/incidents?status=all&limit=500')).items).toHaveLength(6);
      expect((await get<DeathsAggregate>('/api/aggregates/deaths?by=type')).total.best).toBe(7 + 11 + 3 + 12);
    });
  });
}
