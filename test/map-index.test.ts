import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../bench/ged-rows.js';
import { compareCodePoints, createMapIndex } from '../src/serve/map-index.js';
import { type Bbox, readGrid } from '../src/serve/map-queries.js';
import type { ReviewedIncidentFilter } from '../src/store/reviewed-incidents.js';
import { createTestStore, incidentRow, STORE_KINDS, type StoreKind, type TestStore } from './support/stores.js';

// A map index must gather the grid SQL gathers: the same cells, counts, sums, means, names, bounds
// and totals, for every filter it reads, and step aside for those it does not and once the store
// has changed.

const PLACES = ['Kunduz', 'Čimtāl', 'Ōbē', null, 'Zaranj', 'abc', '\u{1D504}rbil', '\uE000 private', 'Ab Kamari'];
const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots'];
const STATUSES = ['unreviewed', 'accepted', 'corrected', 'rejected', 'merged', 'void'];
const DATASETS = ['tally', 'ucdp-ged 23.1', 'acled'];
const PROVINCES = ['Kunduz', 'Helmand', 'Nimroz', null];

/** Incidents with every column the grid reads varied, nulls and names out of the BMP among them. */
function incidents(count: number) {
  const random = seeded(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, n) => {
    const start = new Date(Date.UTC(2001 + Math.floor(random() * 20), Math.floor(random() * 12), 1 + (n % 28)));
    const end = new Date(start.getTime() + Math.floor(random() * 40) * 86_400_000);
    const unmapped = random() < 0.08;
    // Most coordinates are exact in binary, as sums in any order then are; some are not.
    const coordinate = (base: number, spread: number) =>
      random() < 0.7
        ? base + Math.floor(random() * spread * 64) / 64
        : base + Math.round(random() * spread * 1e5) / 1e5;
    return incidentRow({
      date_start: start.toISOString().slice(0, 10),
      date_end: end.toISOString().slice(0, 10),
      lon: unmapped ? null : coordinate(60, 12),
      lat: unmapped ? (random() < 0.5 ? null : 33.5) : coordinate(29, 9),
      admin1: pick(PROVINCES),
      admin2: random() < 0.5 ? null : pick(['Imam Sahib', 'Nad Ali', 'Zaranj']),
      gazetteer_id: random() < 0.5 ? null : pick(['g1', 'g2', 'g3']),
      place_name: pick(PLACES),
      event_type: pick(TYPES),
      dataset: pick(DATASETS),
      status: pick(STATUSES),
      deaths_best: random() < 0.2 ? null : Math.floor(random() * 30),
    });
  });
}

const FILTERS: ReviewedIncidentFilter[] = [
  {},
  { status: 'all' },
  { status: 'rejected' },
  { status: 'accepted', eventType: 'Battles' },
  { from: '2008-02-14', to: '2015-07-01' },
  { from: '2030-01-01' },
  { to: '2001-01-01' },
  { place: { admin1: 'Kunduz' } },
  { place: { admin1: 'Kunduz', admin2: 'Imam Sahib' } },
  { place: { gazetteer_id: 'g2' } },
  { place: { admin1: 'Nowhere' } },
  { minDeaths: 12 },
  { minDeaths: 0 },
  { dataset: 'acled', eventType: 'Riots' },
];
const ZOOMS = [0, 3, 5.5, 8, 12, 20];
// No box; one around the incidents (its cells found by position at zooms up to 8, through Maps
// beyond); one across both zero meridians; and one whose west is east of its east, which holds nothing.
const BOXES: (Bbox | undefined)[] = [
  undefined,
  { w: 62, s: 30, e: 66.5, n: 34 },
  { w: -10, s: -10, e: 10, n: 10 },
  { w: 66.5, s: 30, e: 62, n: 34 },
];

/** Every filter, zoom and box gathered from what the index holds and in SQL, alike; the cells compared. */
async function expectSameAsSql(store: TestStore['store'], index: ReturnType<typeof createMapIndex>): Promise<number> {
  let mapped = 0;
  for (const filter of FILTERS) {
    for (const zoom of ZOOMS) {
      for (const bbox of BOXES) {
        const params = { zoom, bbox };
        const sql = await readGrid(store.db, filter, params);
        expect([filter, params, index.gridHeld(filter, params)]).toEqual([filter, params, sql]);
        mapped += sql.cells.length;
      }
    }
  }
  return mapped;
}

/** A store of `kind` holding 600 varied incidents for the suite's tests, removed after them. */
function storeWithIncidents(kind: StoreKind): () => TestStore {
  let t: TestStore | undefined;
  beforeAll(async () => {
    t = await createTestStore(kind);
    await t.store.db.insertInto('incidents').values(incidents(600)).execute();
  });
  afterAll(async () => t?.cleanup());
  return () => t as TestStore;
}

/** A map index of `store` once its first build, started by a grid at `zoom`, is done. */
async function builtIndex(store: TestStore['store'], zoom: number): Promise<ReturnType<typeof createMapIndex>> {
  const index = createMapIndex(store);
  await index.grid({}, { zoom });
  await index.settled();
  return index;
}

for (const kind of STORE_KINDS) {
  describe(`map index (${kind})`, () => {
    const stored = storeWithIncidents(kind);
    let t: TestStore;
    beforeAll(() => {
      t = stored();
    });

    it('gathers the grid SQL gathers, for every filter, zoom and box', async () => {
      const index = await builtIndex(t.store, 3);
      expect(index.held()?.size).toBe(600);
      // The cases hold cells to compare, not only empty answers.
      expect(await expectSameAsSql(t.store, index)).toBeGreaterThan(1000);
      expect(index.held()?.size).toBe(600);
    });

    it('reads filters on other tables in SQL', async () => {
      const index = await builtIndex(t.store, 4);
      expect(index.gridHeld({ actor: 'Taliban' }, { zoom: 4 })).toBeNull();
      expect(index.gridHeld({ document: 1 }, { zoom: 4 })).toBeNull();
      expect(await index.grid({ actor: 'Taliban' }, { zoom: 4 })).toEqual(
        await readGrid(t.store.db, { actor: 'Taliban' }, { zoom: 4 }),
      );
    });

    // PostgreSQL keeps no log of changed incidents: after a write, grids are read in SQL until a new
    // build. (Its stamps move with any other database's writes, so only the answers are compared.)
    it.runIf(kind === 'postgres')('steps aside for a store changed since it was built', async () => {
      const index = await builtIndex(t.store, 4);
      expect(index.held()?.size).toBe(600);
      const [added] = await t.store.db
        .insertInto('incidents')
        .values(incidentRow({ lon: 100.5, lat: 10.25, place_name: 'Far away', deaths_best: 3 }))
        .returning('id')
        .execute();
      const wide = { zoom: 2, bbox: { w: 99, s: 9, e: 102, n: 11 } };
      try {
        const first = await index.grid({}, wide);
        expect(first.cells.map((c) => [c[2], c[4], c[7]])).toEqual([[1, added?.id, 'Far away']]);
      } finally {
        await t.store.db
          .deleteFrom('incidents')
          .where('id', '=', added?.id as number)
          .execute();
      }
      expect((await index.grid({}, wide)).cells).toEqual([]);
    });
  });
}

describe('map index on SQLite, after writes', () => {
  const stored = storeWithIncidents('sqlite');
  let t: TestStore;
  beforeAll(() => {
    t = stored();
  });

  it('reads the incidents changed since its build from the log, not all of them again', async () => {
    const index = await builtIndex(t.store, 4);
    const built = index.held();
    expect(built).toMatchObject({ size: 600, builds: 1 });

    // An incident at a place and on a day no other has: new texts, which take codes among the old.
    const [added] = await t.store.db
      .insertInto('incidents')
      .values(
        incidentRow({
          lon: 100.5,
          lat: 10.25,
          place_name: 'Far away',
          date_start: '1999-12-31',
          date_end: '1999-12-31',
          deaths_best: 3,
        }),
      )
      .returning('id')
      .execute();
    const wide = { zoom: 2, bbox: { w: 99, s: 9, e: 102, n: 11 } };
    const first = await index.grid({}, wide);
    expect(first.cells.map((c) => [c[2], c[4], c[7]])).toEqual([[1, added?.id, 'Far away']]);
    expect(index.held()).toMatchObject({ size: 601, builds: 1 });
    expect(index.held()?.stamp).not.toBe(built?.stamp);

    // Reviews and merges change rows in place; some rows go.
    const ids = (await t.store.db.selectFrom('incidents').select('id').orderBy('id').execute()).map((r) => r.id);
    await t.store.db.updateTable('incidents').set({ status: 'rejected' }).where('id', 'in', ids.slice(0, 40)).execute();
    await t.store.db
      .updateTable('incidents')
      .set({ lon: 61.25, lat: 30.5, event_type: 'Strategic developments', admin1: 'Farah' })
      .where('id', 'in', ids.slice(40, 60))
      .execute();
    await t.store.db.deleteFrom('incidents').where('id', 'in', ids.slice(60, 75)).execute();
    await t.store.db.insertInto('incidents').values(incidents(5)).execute();
    await index.grid({ place: { admin1: 'Farah' } }, { zoom: 4 });
    expect(index.held()).toMatchObject({ size: 591, builds: 1 });
    expect(await expectSameAsSql(t.store, index)).toBeGreaterThan(1000);
    // The moved incidents that still count (the generator gave some a status that does not).
    const farah = await index.grid({ place: { admin1: 'Farah' } }, { zoom: 0 });
    expect(farah.total).toBeGreaterThan(0);
    expect(farah).toEqual(await readGrid(t.store.db, { place: { admin1: 'Farah' } }, { zoom: 0 }));
  });

  it('is built again after a bulk load, which logs one entry for all its rows', async () => {
    const index = await builtIndex(t.store, 4);
    const before = index.held();
    await t.store.dialect.withBulkTotals(t.store.db, async () => {
      await t.store.db.insertInto('incidents').values(incidents(3)).execute();
    });
    // SQL's answer, the index let go; at rest, built again.
    expect((await index.grid({}, { zoom: 0 })).total).toBe((await readGrid(t.store.db, {}, { zoom: 0 })).total);
    expect(index.held()).toBeNull();
    await index.grid({}, { zoom: 0 });
    await index.settled();
    expect(index.held()).toMatchObject({ size: (before?.size ?? 0) + 3, builds: 2 });
    await expectSameAsSql(t.store, index);
  });
});

describe('map index builds', () => {
  it('are dropped when the store changes while they read it, and not started again until it rests', async () => {
    const t = await createTestStore('sqlite');
    try {
      await t.store.db.insertInto('incidents').values(incidents(300)).execute();
      const index = createMapIndex(t.store, { chunk: 1 });
      // The first request starts a build and waits for it; the build reads one incident at a time,
      // letting the write below in between. Dropped, it leaves that request to SQL, which sees the write.
      const before = await readGrid(t.store.db, {}, { zoom: 3 });
      const asked = index.grid({}, { zoom: 3 });
      // The build has read its stamp and its first incident (queries run to the end between ticks).
      await new Promise((resolve) => setImmediate(resolve));
      await t.store.db
        .insertInto('incidents')
        .values(incidentRow({ lon: 61, lat: 30 }))
        .execute();
      const answer = await asked;
      expect(answer.total).toBe(before.total + 1);
      expect(answer).toEqual(await readGrid(t.store.db, {}, { zoom: 3 }));
      await index.settled();
      expect(index.held()).toBeNull();
      // Written between two requests: no build.
      await index.grid({}, { zoom: 3 });
      await t.store.db
        .insertInto('incidents')
        .values(incidentRow({ lon: 62, lat: 31 }))
        .execute();
      await index.grid({}, { zoom: 3 });
      await index.settled();
      expect(index.held()).toBeNull();
      // At rest between two: built.
      await index.grid({}, { zoom: 3 });
      await index.settled();
      expect(index.held()?.size).toBe(302);
    } finally {
      await t.cleanup();
    }
  });
});

describe('compareCodePoints', () => {
  it('orders text by code point, as SQLite and PostgreSQL\'s "C" collation do', () => {
    const texts = ['b', 'a', '\uE000', '\u{1D504}', 'ab', '', 'Z', '\uFFFF', '\u{10000}', 'é'];
    const byCodePoint = [...texts].sort((x, y) => {
      const a = [...x].map((c) => c.codePointAt(0) as number);
      const b = [...y].map((c) => c.codePointAt(0) as number);
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
      return a.length - b.length;
    });
    expect([...texts].sort(compareCodePoints)).toEqual(byCodePoint);
    expect(byCodePoint.slice(-3)).toEqual(['\uFFFF', '\u{10000}', '\u{1D504}']);
  });
});
