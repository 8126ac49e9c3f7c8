import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { readTotals, type TotalsQuery } from './incident-totals.js';
import { readTotalsHeld } from './totals-memory.js';

const QUESTIONS: TotalsQuery[] = [
  { by: ['month'] },
  { by: ['month'], admin1: ['Helmand'] },
  { by: ['month'], admin1: ['Helmand', 'Kandahar', 'Helmand'], eventType: 'Battles' },
  { by: ['admin1'], from: '2019-03', to: '2019-09' },
  { by: ['event_type', 'month'], dataset: 'ged' },
  { by: [], admin1: ['nowhere'] },
];

for (const kind of STORE_KINDS) {
  describe(`the totals held in memory, on ${kind}`, () => {
    let t: TestStore;
    const ask = async (held: boolean) => {
      const answers = [];
      for (const q of QUESTIONS) answers.push(await (held ? readTotalsHeld(t.store, q) : readTotals(t.store, q)));
      return answers;
    };
    beforeAll(async () => {
      t = await createTestStore(kind);
      const provinces = ['Helmand', 'Kandahar', null];
      const types = ['Battles', 'Riots', 'Protests'];
      await t.store.db
        .insertInto('incidents')
        .values(
          Array.from({ length: 300 }, (_, n) => ({
            date_start: `2019-${String((n % 12) + 1).padStart(2, '0')}-0${(n % 9) + 1}`,
            date_end: `2019-${String((n % 12) + 1).padStart(2, '0')}-0${(n % 9) + 1}`,
            date_precision: 'day',
            admin1: provinces[n % 3] ?? null,
            event_type: types[n % 5 === 0 ? 2 : n % 2] ?? 'Battles',
            sub_event_type: 'Armed clash',
            place_approximate: 0,
            deaths_low: n % 4 === 0 ? null : n % 6,
            deaths_best: n % 4 === 0 ? null : n % 7,
            deaths_high: n % 4 === 0 ? null : n % 9,
            summary: 'test',
            dataset: n % 4 === 1 ? 'ged' : 'tally',
            created_at: '2026-01-01T00:00:00Z',
          })),
        )
        .execute();
    });
    afterAll(async () => t.cleanup());

    it('answer as the table does, first from SQL, then from memory, and again after each write', async () => {
      const expected = await ask(false);
      expect(expected[1]?.length).toBeGreaterThan(0);
      // First from the store, then the table is read whole, then from memory.
      for (let round = 0; round < 3; round++) expect(await ask(true)).toEqual(expected);

      await t.store.db.updateTable('incidents').set({ deaths_best: 1000 }).where('admin1', '=', 'Helmand').execute();
      await t.store.db
        .deleteFrom('incidents')
        .where('event_type', '=', 'Battles')
        .where('admin1', '=', 'Kandahar')
        .execute();
      const after = await ask(false);
      expect(after).not.toEqual(expected);
      for (let round = 0; round < 3; round++) expect(await ask(true)).toEqual(after);
    });
  });
}
