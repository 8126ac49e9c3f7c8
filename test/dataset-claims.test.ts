import { Readable } from 'node:stream';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadResolvers } from '../src/app/analyse-document.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { importDataset } from '../src/interop/import-dataset.js';
import { datasetClaimId, incidentOfDatasetClaim } from '../src/store/dataset-claims.js';
import { loadMembers } from '../src/store/incident-membership.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { gedCsv } from './support/datasets.js';
import { createTestServer, json, type TestServer } from './support/server.js';
import { createEmptyDatabase, STORE_KINDS } from './support/stores.js';

const NOW = '2026-02-01T00:00:00.000Z';

/** A coded event with every death category stated, as GED gives them. */
const ROW = {
  id: 770001,
  year: 2017,
  type_of_violence: 1,
  conflict_name: 'Afghanistan: Government',
  side_a: 'Government of Afghanistan',
  side_b: 'Taleban',
  source_article: 'Agency wire 2017-03-02 "Clash near the district centre"; second outlet',
  where_coordinates: 'Nahr-e Saraj district',
  adm_1: 'Helmand province',
  adm_2: 'Nahr-e Saraj district',
  latitude: 31.8,
  longitude: 64.2,
  country: 'Afghanistan',
  date_start: '2017-03-01',
  date_end: '2017-03-01',
  date_prec: 1,
  where_prec: 2,
  deaths_a: 6,
  deaths_b: 11,
  deaths_civilians: 2,
  deaths_unknown: 0,
  best: 19,
  low: 17,
  high: 25,
};

describe('dataset claim ids', () => {
  it('name their incident and keep the dataset order ascending', () => {
    for (const incident of [1, 2, 17, 123_456]) {
      const ids = [0, 1, 2, 3, 15].map((slot) => datasetClaimId(incident, slot));
      expect(ids.every((id) => id < 0)).toBe(true);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(ids.map(incidentOfDatasetClaim)).toEqual(ids.map(() => incident));
    }
    expect(datasetClaimId(1, 15)).toBeLessThan(datasetClaimId(2, 0));
    expect(datasetClaimId(2 ** 27 - 1, 15)).toBeLessThan(0);
    expect(() => datasetClaimId(2 ** 27, 0)).toThrow(/past the ids/);
  });
});

for (const kind of STORE_KINDS) {
  describe(`an imported incident's claims on ${kind}`, () => {
    let s: TestServer;
    afterEach(async () => s.close());

    const get = async <T>(url: string) => json<T>(await s.app.inject({ method: 'GET', url, headers: s.as('analyst') }));
    const post = (url: string, payload: unknown) =>
      s.app.inject({ method: 'POST', url, headers: s.as('analyst'), payload: payload as string });

    async function imported(): Promise<ReviewedIncident> {
      s = await createTestServer(kind);
      await importDataset(s.t.store, Readable.from([gedCsv([ROW])]), {
        file: 'ged171.csv',
        resolvers: await loadResolvers(s.t.store),
        now: NOW,
      });
      const list = await get<{ items: ReviewedIncident[] }>('/api/incidents');
      return list.items[0] as ReviewedIncident;
    }

    it('reads the dataset statement back as one claim per number, source and claimant on each', async () => {
      const { id } = await imported();
      const incident = await get<ReviewedIncident>(`/api/incidents/${id}`);
      expect(incident.claims.map((c) => [c.category, c.low, c.high, c.qualifier, c.evidence.text])).toEqual([
        ['side_a', 6, 6, 'exact', 'deaths_a 6'],
        ['side_b', 11, 11, 'exact', 'deaths_b 11'],
        ['civilians', 2, 2, 'exact', 'deaths_civilians 2'],
        ['unknown', 0, 0, 'exact', 'deaths_unknown 0'],
      ]);
      expect(new Set(incident.claims.map((c) => c.claimant))).toEqual(new Set(['ucdp-ged 17.1']));
      expect(new Set(incident.claims.map((c) => c.source))).toEqual(new Set([ROW.source_article]));
      expect(incident.claims.map((c) => c.id)).toEqual([0, 1, 2, 3].map((slot) => datasetClaimId(id, slot)));
      // Stored once: no claim rows for the dataset's numbers.
      const rows = await s.t.store.db.selectFrom('incident_claims').select('id').execute();
      expect(rows).toEqual([]);
    });

    it('splits a dataset claim off into its own incident and puts it back on revert', async () => {
      const before = await imported();
      const sideB = before.claims.find((c) => c.category === 'side_b');
      const split = await post(`/api/incidents/${before.id}/split`, {
        claims: [sideB?.id],
        reason: 'the side B losses were a separate engagement',
      });
      expect(split.statusCode).toBe(200);
      const parts = json<{ audit_id: number; incident: ReviewedIncident; created: ReviewedIncident }>(split);
      expect(parts.created.claims.map((c) => [c.id, c.category, c.high])).toEqual([[sideB?.id, 'side_b', 11]]);
      expect(parts.created.deaths.best).toBe(11);
      expect(parts.incident.claims.map((c) => c.category)).toEqual(['side_a', 'civilians', 'unknown']);

      const revert = await post(`/api/audit/${parts.audit_id}/revert`, { reason: 'one engagement after all' });
      expect(revert.statusCode).toBe(200);
      const back = await get<ReviewedIncident>(`/api/incidents/${before.id}`);
      expect(back.claims.map((c) => c.id)).toEqual(before.claims.map((c) => c.id));
    });

    it('refuses a claim id of 0 and one the incident does not hold', async () => {
      const { id } = await imported();
      expect((await post(`/api/incidents/${id}/split`, { claims: [0], reason: 'no such claim' })).statusCode).toBe(400);
      const foreign = datasetClaimId(id + 1, 0);
      const refused = await post(`/api/incidents/${id}/split`, { claims: [foreign], reason: 'not this incident' });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
    });
  });

  describe(`migration 0016 on ${kind}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    afterEach(async () => {
      await store.close();
      await drop();
    });

    it('moves stored dataset claims into one row per incident, follows their assignments, and back down', async () => {
      const db = await createEmptyDatabase(kind);
      drop = db.drop;
      store = await openStore(db.url, { migrate: false });
      const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
      expect((await migrator.migrateTo('0015-incident-match')).error).toBeUndefined();
      const base = {
        date_start: '2017-03-01',
        date_end: '2017-03-01',
        date_precision: 'day',
        admin1: 'Helmand',
        event_type: 'Battles',
        sub_event_type: 'Armed clash',
        deaths_best: 17,
        place_approximate: 0,
        summary: 'coded event',
        created_at: NOW,
      };
      const [coded, other] = (
        await store.db
          .insertInto('incidents')
          .values([
            { ...base, dataset: 'ucdp-ged 17.1', dataset_id: '1' },
            { ...base, dataset: 'ucdp-ged 17.1', dataset_id: '2' },
          ])
          .returning('id')
          .execute()
      ).map((r) => r.id) as [number, number];
      const claim = (incident: number, category: string, n: number, statement: string) => ({
        incident_id: incident,
        kind: 'killed',
        low: n,
        high: n,
        qualifier: 'exact',
        category,
        claimant: 'ucdp-ged 17.1',
        source: 'Wire "one"; wire two',
        evidence_start: 0,
        evidence_end: statement.length,
        evidence_text: statement,
      });
      const claimIds = (
        await store.db
          .insertInto('incident_claims')
          .values([
            claim(coded, 'side_a', 6, 'deaths_a 6'),
            claim(coded, 'side_b', 11, 'deaths_b 11'),
            claim(other, 'unknown', 4, 'best 4, low 3, high 9'),
          ])
          .returning('id')
          .execute()
      ).map((r) => r.id);
      // An analyst had moved the side B claim to the other incident.
      const audit = await store.db
        .insertInto('audit_log')
        .values({
          at: NOW,
          user_id: null,
          user_name: 'ana',
          action: 'incident.split',
          entity_type: 'incident',
          entity_id: coded,
          before_json: '{}',
          after_json: '{}',
          reason: null,
          reverts: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto('incident_assignments')
        .values({
          item: 'claim',
          item_id: claimIds[1] as number,
          incident_id: other,
          audit_id: audit.id,
          created_at: NOW,
        })
        .execute();
      // What the claims were before: the rows as stored, each with the incident that holds it now.
      const holders = [coded, other, other];
      const expected = (await store.db.selectFrom('incident_claims').selectAll().orderBy('id').execute()).map(
        // A claim of a dataset adds to none told beside it (0022).
        ({ id: _id, ...c }, n) => ({ holder: holders[n], ...c, sum_group: null }),
      );
      expect(expected.map((c) => c.category)).toEqual(['side_a', 'side_b', 'unknown']);

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await store.db.selectFrom('incident_claims').select('id').execute()).toEqual([]);
      const after = await loadMembers(store.db, [coded, other]);
      const afterPlain = [coded, other].flatMap((id) =>
        (after.get(id)?.claims ?? []).map(({ id: _id, ...c }) => ({ holder: id, ...c })),
      );
      // Read back from the one row per incident, in the dataset's order.
      expect(afterPlain).toEqual(expected);
      expect(after.get(other)?.claims.map((c) => c.id)).toEqual([datasetClaimId(coded, 1), datasetClaimId(other, 0)]);

      expect((await migrator.migrateTo('0015-incident-match')).error).toBeUndefined();
      const restored = await store.db
        .selectFrom('incident_claims')
        .select(['incident_id', 'category', 'low', 'high', 'qualifier', 'claimant', 'source', 'evidence_text'])
        .orderBy('id')
        .execute();
      expect(restored).toEqual([
        {
          incident_id: coded,
          category: 'side_a',
          low: 6,
          high: 6,
          qualifier: 'exact',
          claimant: 'ucdp-ged 17.1',
          source: 'Wire "one"; wire two',
          evidence_text: 'deaths_a 6',
        },
        {
          incident_id: coded,
          category: 'side_b',
          low: 11,
          high: 11,
          qualifier: 'exact',
          claimant: 'ucdp-ged 17.1',
          source: 'Wire "one"; wire two',
          evidence_text: 'deaths_b 11',
        },
        {
          incident_id: other,
          category: 'unknown',
          low: 4,
          high: 4,
          qualifier: 'exact',
          claimant: 'ucdp-ged 17.1',
          source: 'Wire "one"; wire two',
          evidence_text: 'best 4, low 3, high 9',
        },
      ]);
    });
  });
}
