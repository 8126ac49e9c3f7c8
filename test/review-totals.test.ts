import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeathsAggregate } from '../src/core/aggregate.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { storePages, writeExport } from '../src/interop/export-incidents.js';
import { listIncidents } from '../src/store/incident-queries.js';
import { readTotals } from '../src/store/incident-totals.js';
import { createTestServer, ingestText, json, type TestServer, wireReport } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

for (const kind of STORE_KINDS) {
  describe(`totals and readers follow reviews on ${kind}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await createTestServer(kind);
    });
    afterEach(async () => s.close());

    const get = async <T>(url: string) => json<T>(await s.app.inject({ method: 'GET', url, headers: s.as('analyst') }));
    async function post<T>(url: string, payload: unknown): Promise<T> {
      const r = await s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload: payload as string });
      expect([url, r.statusCode, r.statusCode === 200 ? '' : r.body]).toEqual([url, 200, '']);
      return json<T>(r);
    }
    const incident = (id: number) => get<ReviewedIncident>(`/api/incidents/${id}`);

    /** readTotals against a full GROUP BY over the standing incidents as the API reads them. */
    async function expectTotalsExact(): Promise<void> {
      const totals = await readTotals(s.t.store, { by: ['month', 'admin1', 'event_type', 'dataset'] });
      const standing = (await get<{ items: ReviewedIncident[] }>('/api/incidents?limit=500')).items;
      const groups = new Map<string, { incidents: number; with_best: number; best: number; low: number }>();
      for (const i of standing) {
        const key = [i.date.start.slice(0, 7), i.place?.admin1 ?? '', i.event_type, i.dataset].join('|');
        const g = groups.get(key) ?? { incidents: 0, with_best: 0, best: 0, low: 0 };
        g.incidents += 1;
        g.with_best += i.deaths.best === null ? 0 : 1;
        g.best += i.deaths.best ?? 0;
        g.low += i.deaths.low ?? 0;
        groups.set(key, g);
      }
      const expected = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
      expect(
        totals.map((t) => ({ incidents: t.incidents, with_best: t.with_best, best: t.deaths_best, low: t.deaths_low })),
      ).toEqual(expected);
      // The same GROUP BY in SQL over the rows' effective values.
      const scanned = await s.t.store.db
        .selectFrom('incidents')
        .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(deaths_best), 0)`.as('best')])
        .where('status', 'not in', ['rejected', 'merged', 'void'])
        .executeTakeFirstOrThrow();
      const [all] = await readTotals(s.t.store, { by: [] });
      expect([Number(scanned.n), Number(scanned.best)]).toEqual([all?.incidents ?? 0, all?.deaths_best ?? 0]);
    }

    async function exported(): Promise<Record<string, unknown>[]> {
      const chunks: string[] = [];
      const sink = new Writable({
        write(chunk, _enc, done) {
          chunks.push(String(chunk));
          done();
        },
      });
      await writeExport(storePages(s.t.store, {}), sink, { format: 'jsonl' });
      return chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    }

    it('keeps totals, lists, exports and aggregates equal to the reviewed values', async () => {
      const ids: number[] = [];
      for (const killed of [12, 7, 3, 20, 5]) ids.push(...(await ingestText(s, wireReport(killed).text)).incidents);
      const [a, b, c, d, e] = ids as [number, number, number, number, number];
      await expectTotalsExact();

      // A correction of deaths and type: totals move, the extraction stays visible.
      const corrected = await post<{ incident: ReviewedIncident }>(`/api/incidents/${a}/correct`, {
        event_type: 'Battles',
        sub_event_type: 'Armed clash',
        deaths: { low: 30, best: 40, high: 50 },
        reason: 'hospital records',
      });
      expect(corrected.incident.deaths.best).toBe(40);
      expect(corrected.incident.extracted.deaths.best).toBe(12);
      expect(corrected.incident.extracted.event_type).toBe('Explosions/Remote violence');
      await expectTotalsExact();
      const battles = await readTotals(s.t.store, { by: ['event_type'], eventType: 'Battles' });
      expect(battles).toMatchObject([{ incidents: 1, deaths_best: 40 }]);
      expect((await listIncidents(s.t.store, {})).find((i) => i.id === a)?.deaths.best).toBe(40);
      const row = (await exported()).find((i) => i.id === a);
      expect(row).toMatchObject({ event_type: 'Battles', deaths: { low: 30, best: 40, high: 50 } });

      // A figure correction re-estimates the incident quoting it.
      const fig = (await incident(b)).claims.find((cl) => cl.kind === 'killed');
      const figures = await get<{ id: number; evidence: { start: number } }[]>(`/api/figures?kind=killed&status=all`);
      const figure = figures.find((f) => f.evidence.start === fig?.evidence.start && fig?.document_id !== null);
      expect(figure).toBeDefined();
      const byDoc = await get<{ figures: { id: number; kind: string }[] }>(`/api/documents/${fig?.document_id}`);
      const killedFigure = byDoc.figures.find((f) => f.kind === 'killed');
      const figureFix = await post<{ audit_id: number }>(`/api/figures/${killedFigure?.id}/correct`, {
        low: 9,
        high: 9,
        qualifier: 'exact',
        reason: 'morgue count',
      });
      expect((await incident(b)).deaths.best).toBe(9);
      expect((await incident(b)).extracted.deaths.best).toBe(7);
      await expectTotalsExact();

      // A merge: the folded incident counts once, in the target.
      const before = (await readTotals(s.t.store, { by: [] }))[0];
      await post('/api/incidents/merge', { target: c, source: d, reason: 'same attack' });
      const merged = (await readTotals(s.t.store, { by: [] }))[0];
      expect(merged?.incidents).toBe((before?.incidents ?? 0) - 1);
      // Two sources on the same dead are alternatives (methodology, section 4).
      expect((await incident(c)).deaths).toEqual({ low: 3, best: 3, high: 20 });
      expect((await listIncidents(s.t.store, {})).map((i) => i.id)).not.toContain(d);
      await expectTotalsExact();

      // A split: the parts share the claims; nothing counts twice.
      const whole = await incident(c);
      const split = await post<{ created: ReviewedIncident; incident: ReviewedIncident }>(`/api/incidents/${c}/split`, {
        claims: whole.claims.filter((cl) => cl.document_id !== whole.sources[0]?.document_id).map((cl) => cl.id),
        sources: [whole.sources[1]?.id],
        reason: 'two attacks after all',
      });
      expect([split.incident.deaths.best, split.created.deaths.best]).toEqual([3, 20]);
      expect((await readTotals(s.t.store, { by: [] }))[0]?.incidents).toBe(before?.incidents);
      await expectTotalsExact();

      // A rejection leaves every total; its revert brings the incident back.
      const rejected = await post<{ audit_id: number }>(`/api/incidents/${e}/reject`, { reason: 'duplicate wire' });
      expect((await readTotals(s.t.store, { by: [] }))[0]?.incidents).toBe((before?.incidents ?? 0) - 1);
      expect((await exported()).map((i) => i.id)).not.toContain(e);
      await expectTotalsExact();
      await post(`/api/audit/${rejected.audit_id}/revert`, { reason: 'not a duplicate' });
      expect((await readTotals(s.t.store, { by: [] }))[0]?.incidents).toBe(before?.incidents);
      await expectTotalsExact();

      // Reverting the figure correction and the split puts the extraction's numbers back.
      await post(`/api/audit/${figureFix.audit_id}/revert`, { reason: 'wrong morgue' });
      expect((await incident(b)).deaths.best).toBe(7);
      await expectTotalsExact();

      const agg = await get<DeathsAggregate>('/api/aggregates/deaths?by=type');
      const scan = await get<DeathsAggregate>('/api/aggregates/deaths?by=type&from=1900-01-01');
      expect(agg).toEqual(scan);
      const byPlace = await get<DeathsAggregate>('/api/aggregates/deaths?by=place&place=Kunduz%20province');
      expect(byPlace.total).toEqual(agg.total);
    });
  });
}
