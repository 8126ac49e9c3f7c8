import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { readTotals } from './incident-totals.js';

function incident(date: string, admin1: string | null, type: string, best: number | null) {
  return {
    date_start: date,
    date_end: date,
    date_precision: 'day',
    admin1,
    event_type: type,
    sub_event_type: 'Armed clash',
    deaths_low: best === null ? null : best - 1,
    deaths_best: best,
    deaths_high: best === null ? null : best + 2,
    place_approximate: 0,
    summary: 'test',
    dataset: 'tally',
    created_at: '2026-01-01T00:00:00Z',
  };
}

for (const kind of STORE_KINDS) {
  describe(`incident totals on ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await createTestStore(kind);
    });
    afterEach(async () => t.cleanup());

    async function scanned(by: 'month' | 'event_type') {
      const col = by === 'month' ? sql<string>`substr(date_start, 1, 7)` : sql<string>`event_type`;
      const rows = await t.store.db
        .selectFrom('incidents')
        .select([
          col.as('key'),
          sql<number>`count(*)`.as('incidents'),
          sql<number>`count(deaths_best)`.as('with_best'),
          sql<number>`coalesce(sum(deaths_best), 0)`.as('deaths_best'),
          sql<number>`coalesce(sum(deaths_low), 0)`.as('deaths_low'),
        ])
        .groupBy(col)
        .orderBy(col)
        .execute();
      return rows.map((r) => ({
        key: r.key,
        incidents: Number(r.incidents),
        with_best: Number(r.with_best),
        deaths_best: Number(r.deaths_best),
        deaths_low: Number(r.deaths_low),
      }));
    }

    it('leaves out rejected, merged-away and withdrawn incidents, and counts them again when they stand', async () => {
      const db = t.store.db;
      await db
        .insertInto('incidents')
        .values([incident('2021-05-14', 'Jowzjan', 'Battles', 10), incident('2021-05-20', 'Jowzjan', 'Battles', 4)])
        .execute();
      const total = async () => (await readTotals(t.store, { by: [] }))[0] ?? { incidents: 0, deaths_best: 0 };
      for (const status of ['rejected', 'merged', 'void']) {
        await db.updateTable('incidents').set({ status }).where('deaths_best', '=', 10).execute();
        expect(await total()).toMatchObject({ incidents: 1, deaths_best: 4 });
      }
      await db.updateTable('incidents').set({ status: 'accepted' }).where('deaths_best', '=', 10).execute();
      expect(await total()).toMatchObject({ incidents: 2, deaths_best: 14 });
    });

    it('stays equal to a full scan through inserts, updates of estimates and places, and deletes', async () => {
      const db = t.store.db;
      await db
        .insertInto('incidents')
        .values([
          incident('2021-05-14', 'Jowzjan', 'Battles', 10),
          incident('2021-05-20', 'Jowzjan', 'Battles', null),
          incident('2021-06-01', 'Kunduz', 'Violence against civilians', 4),
          incident('2021-06-02', null, 'Battles', 7),
        ])
        .execute();
      await db
        .updateTable('incidents')
        .set({ deaths_best: 12, deaths_low: 9 })
        .where('date_start', '=', '2021-05-14')
        .execute();
      await db
        .updateTable('incidents')
        .set({ admin1: 'Balkh', date_start: '2021-07-01' })
        .where('date_start', '=', '2021-06-01')
        .execute();
      await db.deleteFrom('incidents').where('date_start', '=', '2021-06-02').execute();

      const byMonth = await readTotals(t.store, { by: ['month'] });
      expect(
        byMonth.map((r) => ({
          key: r.month,
          incidents: r.incidents,
          with_best: r.with_best,
          deaths_best: r.deaths_best,
          deaths_low: r.deaths_low,
        })),
      ).toEqual(await scanned('month'));
      const byType = await readTotals(t.store, { by: ['event_type'] });
      expect(
        byType.map((r) => ({
          key: r.event_type,
          incidents: r.incidents,
          with_best: r.with_best,
          deaths_best: r.deaths_best,
          deaths_low: r.deaths_low,
        })),
      ).toEqual(await scanned('event_type'));
      expect(await readTotals(t.store, { by: ['month'], admin1: ['Jowzjan'] })).toEqual([
        {
          month: '2021-05',
          incidents: 2,
          with_best: 1,
          with_low: 1,
          with_high: 1,
          deaths_low: 9,
          deaths_best: 12,
          deaths_high: 12,
        },
      ]);
    });
  });
}
