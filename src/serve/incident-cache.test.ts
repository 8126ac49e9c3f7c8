import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { openStore } from '../store/open-store.js';
import { createIncidentCache } from './incident-cache.js';

for (const kind of STORE_KINDS) {
  describe(`the graded incidents kept between requests, on ${kind}`, () => {
    let t: TestStore;
    let ids: number[];
    beforeAll(async () => {
      t = await createTestStore(kind);
      const rows = await t.store.db
        .insertInto('incidents')
        .values(
          ['first', 'second', 'third'].map((summary, i) => ({
            date_start: `2019-01-0${i + 1}`,
            date_end: `2019-01-0${i + 1}`,
            date_precision: 'day',
            admin1: 'Helmand',
            event_type: 'Battles',
            sub_event_type: 'Armed clash',
            place_approximate: 0,
            summary,
            dataset: 'tally',
            created_at: '2026-01-01T00:00:00Z',
          })),
        )
        .returning('id')
        .execute();
      ids = rows.map((r) => r.id);
    });
    afterAll(async () => t.cleanup());

    const summaries = async (cache: ReturnType<typeof createIncidentCache>) =>
      (await (await cache.open()).load(ids)).map((i) => i.summary);

    it('reads and grades an incident once while nothing is written, in the order asked', async () => {
      const cache = createIncidentCache(t.store, null);
      const first = await (await cache.open()).load([ids[2] as number, ids[0] as number]);
      const again = await (await cache.open()).load([ids[0] as number, ids[2] as number]);
      expect(first.map((i) => i.summary)).toEqual(['third', 'first']);
      expect(first[0]?.grade.grade).toBeDefined();
      expect(again[0]).toBe(first[1]);
      expect(again[1]).toBe(first[0]);
      expect(await (await cache.open()).load([999_999])).toEqual([]);
    });

    it('reads again after a write on its own connection, and after a commit by another', async () => {
      const cache = createIncidentCache(t.store, null);
      expect(await summaries(cache)).toEqual(['first', 'second', 'third']);
      await t.store.db
        .updateTable('incidents')
        .set({ summary: 'first, corrected' })
        .where('id', '=', ids[0] as number)
        .execute();
      expect(await summaries(cache)).toEqual(['first, corrected', 'second', 'third']);

      // Another process on the same store: `tally ingest` beside `tally serve`.
      const other = await openStore(t.url, { migrate: false });
      try {
        await other.db
          .updateTable('incidents')
          .set({ summary: 'second, corrected' })
          .where('id', '=', ids[1] as number)
          .execute();
      } finally {
        await other.close();
      }
      expect(await summaries(cache)).toEqual(['first, corrected', 'second, corrected', 'third']);
    });

    it('keeps nothing read under a stamp that is no longer current', async () => {
      const cache = createIncidentCache(t.store, null);
      const stale = await cache.open();
      await t.store.db
        .updateTable('incidents')
        .set({ summary: 'third, corrected' })
        .where('id', '=', ids[2] as number)
        .execute();
      const current = await cache.open();
      const [late] = await stale.load([ids[2] as number]);
      const [kept] = await current.load([ids[2] as number]);
      expect(kept?.summary).toBe('third, corrected');
      expect((await (await cache.open()).load([ids[2] as number]))[0]).toBe(kept);
      expect(kept).not.toBe(late);
    });

    it('drops the least recently used incident beyond its capacity', async () => {
      const cache = createIncidentCache(t.store, null, 2);
      const [a, b] = await (await cache.open()).load([ids[0] as number, ids[1] as number]);
      await (await cache.open()).load([ids[0] as number]);
      await (await cache.open()).load([ids[2] as number]);
      const [a2, b2] = await (await cache.open()).load([ids[0] as number, ids[1] as number]);
      expect(a2).toBe(a);
      expect(b2).not.toBe(b);
      expect(b2?.summary).toBe(b?.summary);
    });
  });
}
