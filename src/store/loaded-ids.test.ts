import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, incidentRow, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { LoadedIds } from './loaded-ids.js';

describe.each(STORE_KINDS)('the ids a load has stored, on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('never rules out an id the load stored, and rules out nearly all others', async () => {
    const loaded = new LoadedIds();
    const written = Array.from({ length: 200_000 }, (_, n) => String(n * 7));
    const others = Array.from({ length: 200_000 }, (_, n) => String(n * 7 + 3));
    // Nothing stored yet: nothing may be.
    expect(await loaded.mayBeStored(t.store.db, 'ucdp-ged', written)).toEqual([]);
    loaded.add('ucdp-ged', written);
    expect(await loaded.mayBeStored(t.store.db, 'ucdp-ged', written)).toEqual(written);
    expect((await loaded.mayBeStored(t.store.db, 'ucdp-ged', others)).length).toBeLessThan(200);
    // The same ids of another dataset are not this one's.
    expect((await loaded.mayBeStored(t.store.db, 'acled', written)).length).toBeLessThan(200);
  });

  it('asks about every id of a dataset the store held before the load', async () => {
    await t.store.db
      .insertInto('incidents')
      .values(incidentRow({ summary: 'held before', dataset: 'ucdp-ged 19.1', dataset_id: '1' }))
      .execute();
    const loaded = new LoadedIds();
    expect(await loaded.mayBeStored(t.store.db, 'ucdp-ged 19.1', ['1', '2'])).toEqual(['1', '2']);
    expect(await loaded.mayBeStored(t.store.db, 'ucdp-ged 20.1', ['1', '2'])).toEqual([]);
  });
});
