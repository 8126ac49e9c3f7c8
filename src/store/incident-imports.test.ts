import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import type { ImportedIncident } from './import-row.js';
import { saveImportedIncidents } from './incident-imports.js';
import { loadMembers } from './incident-membership.js';
import { readTotals } from './incident-totals.js';

const NOW = '2026-01-01T00:00:00.000Z';
const PROVINCES = ['Kunduz', 'Donetsk', 'North Darfur'];

/** A coded row as a dataset would give it; `n` varies the month, province, type and deaths. */
function row(n: number, best: number | null, dataset = 'ucdp-ged 24.1'): ImportedIncident {
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = `2019-${month}-0${(n % 9) + 1}`;
  return {
    dataset,
    dataset_id: `r${n}`,
    date: { start: day, end: day, precision: 'day' },
    place: {
      name: `place ${n}`,
      gazetteer_id: null,
      lat: 30 + n / 100,
      lon: 40 + n / 100,
      admin1: PROVINCES[n % PROVINCES.length] as string,
      admin2: null,
      country: null,
      where_prec: 1,
      approximate: false,
    },
    event_type: n % 2 === 0 ? 'Battles' : 'Violence against civilians',
    sub_event_type: 'Armed clash',
    violence_type: n % 2 === 0 ? 1 : 3,
    side_a: 'Side A',
    side_b: 'Side B',
    actors: [
      { actor_id: null, name: 'Side A', inter: 1, state: true, side: 'a' },
      { actor_id: null, name: 'Side B', inter: 2, state: false, side: 'b' },
    ],
    deaths: { low: best, best, high: best === null ? null : best + 1 },
    deaths_by: { side_a: null, side_b: null, civilians: null, unknown: best },
    claims:
      best === null
        ? []
        : [
            {
              figure_id: null,
              document_id: null,
              kind: 'killed',
              low: best,
              high: best,
              qualifier: 'exact',
              vague: null,
              category: 'unknown',
              claimant: dataset,
              source: 'a wire report',
              evidence: { start: 0, end: 6, text: `best ${best}` },
              sum_group: null,
            },
          ],
    summary: `row ${n}`,
  };
}

for (const kind of STORE_KINDS) {
  describe(`bulk import of coded incidents on ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await createTestStore(kind);
    });
    afterEach(async () => t.cleanup());

    /** The totals as a full GROUP BY over the incidents would give them. */
    async function scanned() {
      const rows = await t.store.db
        .selectFrom('incidents')
        .select([
          sql<string>`substr(date_start, 1, 7)`.as('month'),
          sql<number>`count(*)`.as('incidents'),
          sql<number>`count(deaths_best)`.as('with_best'),
          sql<number>`coalesce(sum(deaths_best), 0)`.as('deaths_best'),
          sql<number>`coalesce(sum(deaths_high), 0)`.as('deaths_high'),
        ])
        .groupBy(sql`substr(date_start, 1, 7)`)
        .orderBy(sql`substr(date_start, 1, 7)`)
        .execute();
      return rows.map((r) => ({
        month: r.month,
        incidents: Number(r.incidents),
        with_best: Number(r.with_best),
        deaths_best: Number(r.deaths_best),
        deaths_high: Number(r.deaths_high),
      }));
    }
    const totals = async () =>
      (await readTotals(t.store, { by: ['month'] })).map(
        ({ month, incidents, with_best, deaths_best, deaths_high }) => ({
          month,
          incidents,
          with_best,
          deaths_best,
          deaths_high,
        }),
      );

    it('keeps the totals equal to a full scan across batches, re-imports and incidents added one by one', async () => {
      const first = Array.from({ length: 300 }, (_, n) => row(n, n % 7 === 0 ? null : n % 11));
      expect(await saveImportedIncidents(t.store, first, NOW)).toEqual({ inserted: 300, updated: 0 });
      // An incident stored the ordinary way between two bulk batches is counted by its trigger.
      await t.store.db
        .insertInto('incidents')
        .values({
          date_start: '2019-03-15',
          date_end: '2019-03-15',
          date_precision: 'day',
          admin1: 'Kunduz',
          event_type: 'Battles',
          sub_event_type: 'Armed clash',
          deaths_best: 5,
          place_approximate: 0,
          summary: 'extracted',
          dataset: 'tally',
          created_at: NOW,
        })
        .execute();
      // A corrected release: the first 100 change their deaths, 50 are new.
      const second = Array.from({ length: 150 }, (_, n) => (n < 100 ? row(n, 40 + n) : row(300 + n, 2)));
      expect(await saveImportedIncidents(t.store, second, NOW)).toEqual({ inserted: 50, updated: 100 });
      expect(await totals()).toEqual(await scanned());
      const count = await t.store.db
        .selectFrom('incidents')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(351);
    });

    it('gives every new incident its own id with its sides and claims beside it', async () => {
      await saveImportedIncidents(t.store, [row(1, 3), row(2, 8), row(3, null)], NOW);
      await saveImportedIncidents(t.store, [row(4, 6)], NOW);
      const incidents = await t.store.db
        .selectFrom('incidents')
        .select(['id', 'dataset_id', 'deaths_best'])
        .orderBy('id')
        .execute();
      expect(incidents.map((i) => i.dataset_id)).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(new Set(incidents.map((i) => i.id)).size).toBe(4);
      for (const incident of incidents) {
        const actors = await t.store.db
          .selectFrom('incident_actors')
          .select(['name', 'side'])
          .where('incident_id', '=', incident.id)
          .orderBy('side')
          .execute();
        expect(actors).toEqual([
          { name: 'Side A', side: 'a' },
          { name: 'Side B', side: 'b' },
        ]);
        const claims = (await loadMembers(t.store.db, [incident.id])).get(incident.id)?.claims ?? [];
        expect(claims.map((c) => ({ high: c.high }))).toEqual(
          incident.deaths_best === null ? [] : [{ high: incident.deaths_best }],
        );
      }
    });

    it('leaves nothing behind when a batch fails halfway', async () => {
      await saveImportedIncidents(t.store, [row(1, 3)], NOW);
      const before = await totals();
      const broken = { ...row(2, 5), event_type: null } as unknown as ImportedIncident;
      await expect(saveImportedIncidents(t.store, [row(3, 4), broken], NOW)).rejects.toThrow();
      expect(await totals()).toEqual(before);
      // The next batch's totals are counted as usual: no bulk mark outlived the failed transaction.
      await saveImportedIncidents(t.store, [row(4, 6)], NOW);
      expect(await totals()).toEqual(await scanned());
    });
  });
}
