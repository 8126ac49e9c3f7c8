import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, STORE_KINDS } from '../../test/support/stores.js';
import { readTotals } from './incident-totals.js';
import { migrationProvider } from './migrations/index.js';
import { migrateStore, openStore, type Store } from './open-store.js';

const NOW = '2026-01-01T00:00:00Z';

function incident(day: string, best: number) {
  return {
    date_start: day,
    date_end: day,
    date_precision: 'day',
    admin1: 'Kunduz',
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Remote explosive/landmine/IED',
    deaths_low: best,
    deaths_best: best,
    deaths_high: best,
    place_approximate: 0,
    summary: 'test',
    dataset: 'tally',
    created_at: NOW,
  };
}

for (const kind of STORE_KINDS) {
  describe(`migration 0008 on ${kind}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    afterEach(async () => {
      await store.close();
      await drop();
    });

    it('moves reviews written before it onto the incident rows and keeps the extraction', async () => {
      const db = await createEmptyDatabase(kind);
      drop = db.drop;
      store = await openStore(db.url, { migrate: false });
      const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
      expect((await migrator.migrateTo('0007-incident-totals')).error).toBeUndefined();
      const ids = (
        await store.db
          .insertInto('incidents')
          .values([incident('2023-05-04', 12), incident('2023-05-10', 7), incident('2023-06-01', 3)])
          .returning('id')
          .execute()
      ).map((r) => r.id);
      const [corrected, rejected] = ids as [number, number];
      const audit = await store.db
        .insertInto('audit_log')
        .values({
          at: NOW,
          user_id: null,
          user_name: 'ana',
          action: 'incident.correct',
          entity_type: 'incident',
          entity_id: corrected,
          before_json: '{}',
          after_json: '{}',
          reason: null,
          reverts: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const review = (id: number, status: string, overrides: number, best: number) => ({
        ...incident('2023-05-04', best),
        incident_id: id,
        status,
        overrides,
        merged_into: null,
        event_type: overrides ? 'Battles' : 'Explosions/Remote violence',
        sub_event_type: overrides ? 'Armed clash' : 'Remote explosive/landmine/IED',
        side_a: 'Taliban',
        side_a_id: 'taliban',
        side_b: null,
        side_b_id: null,
        note: null,
        note_sensitive: 0,
        audit_id: audit.id,
      });
      const { summary: _s, dataset: _d, ...first } = review(corrected, 'corrected', 1, 40);
      const { summary: _s2, dataset: _d2, ...second } = review(rejected, 'rejected', 0, 7);
      await store.db.insertInto('incident_reviews').values([first, second]).execute();

      await migrateStore(store);
      const rows = await store.db.selectFrom('incidents').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.status, r.corrected, r.event_type, r.deaths_best, r.side_a_id])).toEqual([
        ['corrected', 1, 'Battles', 40, 'taliban'],
        ['rejected', 0, 'Explosions/Remote violence', 7, null],
        ['unreviewed', 0, 'Explosions/Remote violence', 3, null],
      ]);
      const kept = await store.db.selectFrom('incident_extractions').selectAll().orderBy('incident_id').execute();
      expect(kept.map((k) => [k.incident_id, k.event_type, k.deaths_best])).toEqual([
        [corrected, 'Explosions/Remote violence', 12],
        [rejected, 'Explosions/Remote violence', 7],
      ]);
      expect(await readTotals(store, { by: ['event_type'] })).toMatchObject([
        { event_type: 'Battles', incidents: 1, deaths_best: 40 },
        { event_type: 'Explosions/Remote violence', incidents: 1, deaths_best: 3 },
      ]);
    });
  });
}
