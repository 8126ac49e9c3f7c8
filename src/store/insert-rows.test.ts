import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { insertRows } from './insert-rows.js';

const place = (id: string, name: string, admin1: string | null) => ({
  id,
  name,
  alt_names: '[]',
  kind: 'town',
  lat: 36.7,
  lon: 68.9,
  approximate: 0,
  admin1,
  admin2: null,
  country: 'AF',
  population: null,
  source: 'test',
  imported_at: '2026-01-01T00:00:00Z',
});

for (const kind of STORE_KINDS) {
  describe(`insertRows on ${kind}`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await createTestStore(kind);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    const stored = () => t.store.db.selectFrom('places').select(['id', 'name', 'admin1']).orderBy('id').execute();

    it('stores each call’s own values when the same shape runs again from its kept SQL', async () => {
      await insertRows(t.store.db, 'places', [place('a', 'Kunduz', 'Kunduz'), place('b', 'Khanabad', null)]);
      await insertRows(t.store.db, 'places', [place('c', 'Imam Sahib', 'Kunduz'), place('d', 'Aliabad', 'Kunduz')]);
      await insertRows(t.store.db, 'places', [place('e', 'Baghlan', 'Baghlan')]);
      expect(await stored()).toEqual([
        { id: 'a', name: 'Kunduz', admin1: 'Kunduz' },
        { id: 'b', name: 'Khanabad', admin1: null },
        { id: 'c', name: 'Imam Sahib', admin1: 'Kunduz' },
        { id: 'd', name: 'Aliabad', admin1: 'Kunduz' },
        { id: 'e', name: 'Baghlan', admin1: 'Baghlan' },
      ]);
    });

    it('takes rows whose columns differ or are left undefined, and nothing for no rows', async () => {
      const { admin1: _, ...noAdmin } = place('a', 'Kunduz', null);
      await insertRows(t.store.db, 'places', [noAdmin, place('b', 'Khanabad', 'Kunduz')]);
      await insertRows(t.store.db, 'places', [{ ...place('c', 'Aliabad', null), admin1: undefined }]);
      await insertRows(t.store.db, 'places', []);
      expect(await stored()).toEqual([
        { id: 'a', name: 'Kunduz', admin1: null },
        { id: 'b', name: 'Khanabad', admin1: 'Kunduz' },
        { id: 'c', name: 'Aliabad', admin1: null },
      ]);
    });
  });
}
