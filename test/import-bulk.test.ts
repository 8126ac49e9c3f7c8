import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResolveData, loadResolvers, resolversFrom } from '../src/app/analyse-document.js';
import { InvalidInputError } from '../src/core/errors.js';
import type { ReviewedIncident } from '../src/core/review.js';
import { formatProblem, type ImportProgress, importDataset } from '../src/interop/import-dataset.js';
import { MESSAGE_CHARS } from '../src/interop/import-thread.js';
import type { Resolvers } from '../src/merge/build-incidents.js';
import { loadMembers } from '../src/store/incident-membership.js';
import { TOTAL_COLUMNS } from '../src/store/migrations/0008-effective-incidents.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import type { Store } from '../src/store/open-store.js';
import { copyChunks, copyField } from '../src/store/postgres-bulk.js';
import { generatedGedCsv } from './support/datasets.js';
import { createTestServer, json } from './support/server.js';
import { createTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const NOW = '2026-01-01T00:00:00.000Z';
// More than the 10,000 rows after which an exclusive import rebuilds the indexes at the end.
const ROWS = 12_500;

/** Text a CSV cell may hold and COPY's text format must escape: tabs, line breaks, backslashes. */
const awkward = (n: number) =>
  n % 50 === 0
    ? {
        source_article: `Wire\t${n} "quoted"\\path\r\nsecond line`,
        source_headline: `Headline ${n}\twith a tab\nand a break \\N not null`,
      }
    : {};

const CSV = generatedGedCsv(ROWS, awkward);

async function importCsv(store: Store, resolvers: Resolvers, exclusive: boolean, csv = CSV) {
  return importDataset(store, Readable.from([csv]), {
    file: 'ged-bulk.csv',
    datasetVersion: '24.1',
    resolvers,
    now: NOW,
    exclusive,
  });
}

/** Everything an import stores, without the ids a store hands out. */
async function stored(store: Store) {
  const incidents = await store.db
    .selectFrom('incidents')
    .select(['dataset_id', 'date_start', 'admin1', 'summary', 'deaths_best', 'side_a', 'side_b', 'lat', 'lon'])
    .orderBy('dataset_id')
    .execute();
  // Claims as every reader gets them: an imported incident's are read from what its dataset states.
  const ids = await store.db.selectFrom('incidents').select(['id', 'dataset_id']).execute();
  const members = await loadMembers(
    store.db,
    ids.map((i) => i.id),
  );
  const claims = ids
    .flatMap(({ id, dataset_id }) =>
      (members.get(id)?.claims ?? []).map((c) => ({
        dataset_id,
        category: c.category,
        low: c.low,
        high: c.high,
        source: c.source,
        evidence_text: c.evidence_text,
      })),
    )
    .sort((a, b) => String(a.dataset_id).localeCompare(String(b.dataset_id)) || a.category.localeCompare(b.category));
  const actors = await store.db
    .selectFrom('incident_actors')
    .innerJoin('incidents', 'incidents.id', 'incident_actors.incident_id')
    .select(['incidents.dataset_id', 'side', 'name', 'actor_id', 'inter'])
    .orderBy('incidents.dataset_id')
    .orderBy('side')
    .execute();
  return { incidents, claims, actors };
}

/** The totals, group by group, as a count of the standing incidents gives them. */
async function totalsMatchScan(store: Store): Promise<void> {
  const totals = await store.db
    .selectFrom('incident_totals')
    .select(['month', 'admin1', 'event_type', 'dataset', ...TOTAL_COLUMNS])
    .where('incidents', '!=', 0)
    .orderBy('month')
    .orderBy('admin1')
    .orderBy('event_type')
    .orderBy('dataset')
    .execute();
  const { rows: scan } = await sql<Record<string, unknown>>`
    select substr(date_start, 1, 7) as month, coalesce(admin1, '') as admin1, event_type, dataset,
      count(*) as incidents, count(deaths_best) as with_best, count(deaths_low) as with_low,
      count(deaths_high) as with_high, coalesce(sum(deaths_low), 0) as deaths_low,
      coalesce(sum(deaths_best), 0) as deaths_best, coalesce(sum(deaths_high), 0) as deaths_high
    from incidents where status not in ('rejected', 'merged', 'void')
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(store.db);
  const numbers = (rows: readonly Record<string, unknown>[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])));
  expect(numbers(totals)).toEqual(numbers(scan));
}

/** The store's indexes and foreign keys, which a bulk load may set aside but must put back. */
async function indexNames(store: Store): Promise<string[]> {
  const { rows } =
    store.dialect.name === 'sqlite'
      ? await sql<{ name: string }>`select name || ' ' || coalesce(sql, '') as name from sqlite_master
          where type = 'index' order by name`.execute(store.db)
      : await sql<{ name: string }>`select indexname || ' ' || indexdef as name from pg_indexes
          where schemaname = 'public'
          union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where contype = 'f'
          order by name`.execute(store.db);
  return rows.map((r) => r.name);
}

/**
 * One incident written the way ingest writes them, not through a bulk load: counted in the totals
 * only by the store's own trigger, which an exclusive load sets aside while it runs.
 */
async function insertOnePlainly(store: Store, day: string): Promise<void> {
  const { id } = await store.db
    .insertInto('incidents')
    .values({
      date_start: day,
      date_end: day,
      date_precision: 'day',
      admin1: 'Kunduz',
      place_approximate: 0,
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      deaths_low: 3,
      deaths_best: 4,
      deaths_high: 5,
      summary: 'a clash written after the load',
      dataset: 'extracted',
      created_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // On SQLite the change log's trigger, which a held load also sets aside, is back too.
  if (store.dialect.name !== 'sqlite') return;
  const logged = await sql<{ incident_id: number | null }>`select incident_id from incident_changes
    order by seq desc limit 1`.execute(store.db);
  expect(logged.rows[0]?.incident_id).toBe(id);
}

/** The SQLite settings an index rebuild changes while it runs (none on PostgreSQL). */
async function sortSettings(store: Store): Promise<unknown[]> {
  if (store.dialect.name !== 'sqlite') return [];
  const read = async (name: string) => (await sql.raw(`pragma ${name}`).execute(store.db)).rows;
  const settings = [await read('cache_size'), await read('temp_store'), await read('threads')];
  // A store opens with a 64 MB cache and temporary data in memory: the rebuild changes both.
  expect(settings.slice(0, 2)).toEqual([[{ cache_size: -65536 }], [{ temp_store: 2 }]]);
  return settings;
}

describe('COPY text format', () => {
  it('escapes what would end a field or a row, and writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField(true)).toBe('t');
    expect(copyField('plain text, "quoted"')).toBe('plain text, "quoted"');
    expect(() => copyField(Number.NaN)).toThrow(/NaN/);
  });

  it('writes rows as tab-separated lines, split into chunks of whole rows', () => {
    const rows = [
      [1, 'a\tb', null],
      [2, 'c', false],
      [3, '', 0],
    ];
    const chunks = [...copyChunks(rows, 2)];
    expect(chunks).toEqual(['1\ta\\tb\t\\N\n2\tc\tf\n', '3\t\t0\n']);
  });
});

describe.each(STORE_KINDS)('a large import on %s', (kind) => {
  let batched: TestStore;
  let exclusive: TestStore;
  let resolvers: Resolvers;

  beforeAll(async () => {
    [batched, exclusive] = await Promise.all([createTestStore(kind), createTestStore(kind)]);
    resolvers = await loadResolvers(batched.store);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([batched?.cleanup(), exclusive?.cleanup()]);
  });

  it('stores the same rows, text intact, whether in batches or as one exclusive load', async () => {
    const indexesBefore = await indexNames(exclusive.store);
    const settingsBefore = await sortSettings(exclusive.store);
    expect(await importCsv(batched.store, resolvers, false)).toMatchObject({ imported: ROWS, failed: 0 });
    expect(await importCsv(exclusive.store, resolvers, true)).toMatchObject({ imported: ROWS, failed: 0 });
    const a = await stored(batched.store);
    const b = await stored(exclusive.store);
    expect(b).toEqual(a);
    expect(a.incidents).toHaveLength(ROWS);
    // Two claims per row (deaths_a, deaths_b) and two zero ones (civilians, unknown).
    expect(a.claims).toHaveLength(ROWS * 4);
    const odd = a.incidents.find((i) => i.dataset_id === '900050');
    expect(odd?.summary).toBe('Headline 50\twith a tab\nand a break \\N not null');
    expect(a.claims.find((c) => c.dataset_id === '900050')?.source).toBe('Wire\t50 "quoted"\\path\r\nsecond line');
    // The indexes the load rebuilt are all back, and the totals agree with the rows.
    expect(await indexNames(exclusive.store)).toEqual(indexesBefore);
    // The rebuild sorted on helper threads with a small cache; the connection has its own again.
    expect(await sortSettings(exclusive.store)).toEqual(settingsBefore);
    await totalsMatchScan(exclusive.store);
    await totalsMatchScan(batched.store);
  }, 120_000);

  it.runIf(kind === 'sqlite')(
    'keeps the statistics without value samples, and matching plans by its own indexes either way',
    async () => {
      const { db } = exclusive.store;
      const count = async (table: string) =>
        Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
      // The import analysed the tables: counts per index, no samples.
      expect(await count('sqlite_stat1')).toBeGreaterThan(5);
      expect(await count('sqlite_stat4')).toBe(0);
      // Ingest's matching asks for a province's extracted incidents, as incident-store writes it;
      // an import of another dataset leaves none, and samples made that one value look like the way in.
      const admin1 = (
        await db.selectFrom('incidents').select('admin1').where('admin1', 'is not', null).executeTakeFirst()
      )?.admin1;
      const plan = async () =>
        (
          await sql<{ detail: string }>`explain query plan select id from incidents
            where dataset = 'tally' and admin1 = ${admin1} and long_span = ${0} and date_start > ${'2010-01-01'}`.execute(
            db,
          )
        ).rows
          .map((r) => r.detail)
          .join('; ');
      expect(await plan()).toMatch(/incidents_match_admin/);
      // The matching indexes hold extracted incidents only: the import left them empty.
      const entries = (
        await sql<{ n: number }>`select count(*) as n from incidents indexed by incidents_match_date
          where dataset = 'tally' and long_span >= 0`.execute(db)
      ).rows[0]?.n;
      expect(entries).toBe(0);
      // A store analysed by an earlier version has samples; migration 0019 takes them away.
      await sql`analyze`.execute(db);
      expect(await count('sqlite_stat4')).toBeGreaterThan(0);
      expect(await plan()).toMatch(/incidents_match_admin/);
      const migrator = new Migrator({ db, provider: migrationProvider(exclusive.store.dialect) });
      expect((await migrator.migrateTo('0018-sqlite-date-index')).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await count('sqlite_stat4')).toBe(0);
      expect(await plan()).toMatch(/incidents_match_admin/);
    },
  );

  it('updates in place on a second import, keeping ids', async () => {
    const before = await exclusive.store.db
      .selectFrom('incidents')
      .select(['id', 'dataset_id'])
      .orderBy('id')
      .execute();
    const again = await importCsv(exclusive.store, resolvers, true);
    expect(again).toMatchObject({ imported: ROWS, updated: ROWS, failed: 0 });
    const after = await exclusive.store.db.selectFrom('incidents').select(['id', 'dataset_id']).orderBy('id').execute();
    expect(after).toEqual(before);
    expect(await stored(exclusive.store)).toEqual(await stored(batched.store));
    await totalsMatchScan(exclusive.store);
  }, 120_000);
});

describe.each(STORE_KINDS)('totals around an exclusive import on %s', (kind) => {
  it('counts an exclusive load once at its end, and batch by batch again after it', async () => {
    const t = await createTestStore(kind);
    try {
      const resolvers = await loadResolvers(t.store);
      // Many groups of month, province and type, each written by every batch of the load.
      const spread = (n: number) => {
        const day = `20${10 + (n % 9)}-${String((n % 12) + 1).padStart(2, '0')}-0${(n % 9) + 1}`;
        const province = ['Kunduz province', 'Ghazni province', 'Herat province'][n % 3] as string;
        return { date_start: day, date_end: day, adm_1: province, type_of_violence: (n % 3) + 1 };
      };
      const load = generatedGedCsv(ROWS, spread);
      expect(await importCsv(t.store, resolvers, true, load)).toMatchObject({ imported: ROWS, failed: 0 });
      await totalsMatchScan(t.store);
      // The trigger that counts an incident written on its own is back after the load.
      await insertOnePlainly(t.store, '2013-04-05');
      await totalsMatchScan(t.store);
      // Rows imported after the load, a batch at a time as the server does, are counted too.
      const later = generatedGedCsv(ROWS + 300, spread).split('\n');
      const more = [later[0], ...later.slice(ROWS + 1)].join('\n');
      expect(await importCsv(t.store, resolvers, false, more)).toMatchObject({ imported: 300, failed: 0 });
      await totalsMatchScan(t.store);
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});

describe.each(STORE_KINDS)('an exclusive import that repeats ids on %s', (kind) => {
  it('updates the incident a row of an earlier batch stored, as the later row says', async () => {
    const t = await createTestStore(kind);
    try {
      const resolvers = await loadResolvers(t.store);
      // The first 300 ids again at the end, batches after their first rows, with other deaths.
      const first = generatedGedCsv(ROWS).trimEnd();
      const again = generatedGedCsv(300, (n) => {
        const best = (n % 3) + 100;
        return { deaths_a: n % 3, deaths_b: 100, low: best, best, high: best };
      })
        .trimEnd()
        .split('\n')
        .slice(1);
      const csv = `${[first, ...again].join('\n')}\n`;
      expect(await importCsv(t.store, resolvers, true, csv)).toMatchObject({ imported: ROWS + 300, failed: 0 });
      const rows = await t.store.db.selectFrom('incidents').select(['dataset_id', 'deaths_best']).execute();
      expect(rows).toHaveLength(ROWS);
      const best = new Map(rows.map((r) => [r.dataset_id, r.deaths_best]));
      expect([best.get('900000'), best.get('900299'), best.get('900300')]).toEqual([100, 102, (300 % 7) + (300 % 5)]);
      await totalsMatchScan(t.store);
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});

describe.each(STORE_KINDS)('an exclusive import that fails on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('stores nothing of the file and leaves every index in place', async () => {
    const resolvers = await loadResolvers(t.store);
    const indexesBefore = await indexNames(t.store);
    // A store failure well after the indexes were set aside: the row with this id cannot be written.
    const refuse =
      kind === 'sqlite'
        ? [
            `create trigger refuse_one before insert on incidents when new.dataset_id = '911000'
              begin select raise(abort, 'refused by test'); end`,
          ]
        : [
            `create function refuse_one() returns trigger language plpgsql as $$
              begin raise exception 'refused by test'; end $$`,
            `create trigger refuse_one before insert on incidents for each row
              when (new.dataset_id = '911000') execute function refuse_one()`,
          ];
    for (const statement of refuse) await sql.raw(statement).execute(t.store.db);
    await expect(importCsv(t.store, resolvers, true)).rejects.toThrow(
      /ged-bulk\.csv: storing the rows up to line \d+ failed: refused by test/,
    );
    const count = await t.store.db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    await sql
      .raw(kind === 'sqlite' ? 'drop trigger refuse_one' : 'drop trigger refuse_one on incidents')
      .execute(t.store.db);
    expect(await indexNames(t.store)).toEqual(indexesBefore);
    // The totals trigger the load set aside is back with the rollback.
    await insertOnePlainly(t.store, '2014-02-03');
    await totalsMatchScan(t.store);
    // The store works on: the same file goes in whole.
    expect(await importCsv(t.store, resolvers, true)).toMatchObject({ imported: ROWS, failed: 0 });
    await totalsMatchScan(t.store);
  }, 120_000);
});

describe.each(STORE_KINDS)('a re-import over reviewed incidents on %s', (kind) => {
  it('updates the unreviewed rows in bulk and keeps a rejection over the new values', async () => {
    const s = await createTestServer(kind);
    try {
      const resolvers = await loadResolvers(s.t.store);
      const first = generatedGedCsv(40);
      // The corrected release: every row's deaths change.
      const second = generatedGedCsv(40, (n) => ({
        deaths_a: 10 + n,
        deaths_b: 0,
        best: 10 + n,
        low: 10 + n,
        high: 10 + n,
      }));
      await importCsv(s.t.store, resolvers, kind === 'sqlite', first);
      const rows = await s.t.store.db.selectFrom('incidents').select(['id', 'dataset_id']).orderBy('id').execute();
      const rejected = rows[3]?.id as number;
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/incidents/${rejected}/reject`,
        headers: s.as('analyst'),
        payload: { reason: 'a duplicate of another event' },
      });
      expect(r.statusCode).toBe(200);

      expect(await importCsv(s.t.store, resolvers, kind === 'sqlite', second)).toMatchObject({
        imported: 40,
        updated: 40,
      });
      const after = await s.t.store.db
        .selectFrom('incidents')
        .select(['id', 'dataset_id', 'deaths_best', 'status'])
        .orderBy('id')
        .execute();
      expect(after.map((i) => i.id)).toEqual(rows.map((i) => i.id));
      for (const i of after) {
        expect([i.dataset_id, i.deaths_best]).toEqual([i.dataset_id, 10 + Number(i.dataset_id) - 900000]);
        expect(i.status).toBe(i.id === rejected ? 'rejected' : 'unreviewed');
      }
      // The rejection stands, and the extraction it was made over took the corrected release's numbers.
      const shown = json<ReviewedIncident>(
        await s.app.inject({ method: 'GET', url: `/api/incidents/${rejected}`, headers: s.as('analyst') }),
      );
      expect(shown.review?.status).toBe('rejected');
      expect(shown.extracted.deaths.best).toBe(10 + Number(rows[3]?.dataset_id) - 900000);
      // The totals count the 39 standing incidents with their new deaths, and not the rejected one.
      const standing = after.filter((i) => i.id !== rejected);
      const totals = await s.t.store.db
        .selectFrom('incident_totals')
        .select((eb) => [eb.fn.sum<number>('incidents').as('n'), eb.fn.sum<number>('deaths_best').as('best')])
        .executeTakeFirstOrThrow();
      expect([Number(totals.n), Number(totals.best)]).toEqual([
        standing.length,
        standing.reduce((sum, i) => sum + Number(i.deaths_best), 0),
      ]);
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe('an import read on a worker thread', () => {
  let here: TestStore;
  let there: TestStore;
  let dir: string;
  beforeAll(async () => {
    [here, there] = await Promise.all([createTestStore('sqlite'), createTestStore('sqlite')]);
    dir = mkdtempSync(join(tmpdir(), 'tally-import-worker-'));
  });
  afterAll(async () => {
    await Promise.all([here?.cleanup(), there?.cleanup()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Imports `csv` both ways and returns each way's summary and problems. */
  async function bothWays(csv: string, name: string) {
    const path = join(dir, name);
    writeFileSync(path, csv);
    const resolve = await loadResolveData(there.store);
    const run = async (store: Store, worker: boolean) => {
      const problems: string[] = [];
      // The worker reads the file itself: the stream it is handed stays unread, here empty.
      const summary = await importDataset(store, Readable.from(worker ? [] : [csv]), {
        file: name,
        resolvers: resolversFrom(resolve),
        now: NOW,
        exclusive: true,
        onProblem: (p) => problems.push(formatProblem(p)),
        worker: worker ? { path, resolve } : undefined,
      });
      return { summary, problems };
    };
    return { here: await run(here.store, false), there: await run(there.store, true) };
  }

  it('stores the same rows and reports the same problems at the same lines as this thread', async () => {
    // The rows cross the thread in many messages, one of them a row longer than a message's limit;
    // one month and province hold all three kinds of violence, so the totals the load counts have
    // several groups to tell apart.
    const long = (n: number) => ({
      ...(n === 123 ? { source_headline: 'Ghāzī Khān '.repeat(MESSAGE_CHARS / 8) } : awkward(n)),
      ...(n % 3 === 2 ? { type_of_violence: 3, side_b: 'Civilians' } : {}),
      ...(n % 3 === 1 ? { type_of_violence: 2 } : {}),
    });
    const lines = generatedGedCsv(600, long).split('\n');
    const at = (id: number) => lines.findIndex((l) => l.startsWith(`${id},`));
    // A row with a field too few, and one with a month that does not exist, among the good ones.
    lines[at(900041)] = (lines[at(900041)] ?? '').split(',').slice(1).join(',');
    lines[at(900301)] = (lines[at(900301)] ?? '').replace(/,2015-05-(\d\d),/g, ',2015-13-$1,');
    const { here: a, there: b } = await bothWays(lines.join('\n'), 'ged-worker.csv');
    expect(b).toEqual(a);
    expect(a.summary).toMatchObject({ imported: 600 - 2, failed: 2 });
    expect(a.problems).toHaveLength(2);
    expect(a.problems[0]).toMatch(/^ged-worker\.csv:\d+: expected \d+ fields/);
    expect(a.problems[1]).toMatch(/^ged-worker\.csv:\d+: date_start/);
    expect(await stored(there.store)).toEqual(await stored(here.store));
    await totalsMatchScan(there.store);
  }, 60_000);

  it('reports how far it has read, on either thread: records and bytes, up to the whole file', async () => {
    const lines = generatedGedCsv(900, awkward).split('\n');
    // A row that cannot be read counts as a record read too.
    lines[5] = (lines[5] ?? '').split(',').slice(2).join(',');
    const csv = lines.join('\n');
    const path = join(dir, 'ged-progress.csv');
    writeFileSync(path, csv);
    const resolve = await loadResolveData(there.store);
    const run = async (store: Store, worker: boolean) => {
      const seen: ImportProgress[] = [];
      const summary = await importDataset(store, Readable.from(worker ? [] : [csv]), {
        file: 'ged-progress.csv',
        resolvers: resolversFrom(resolve),
        now: NOW,
        batchSize: 100,
        onProgress: (p) => seen.push(p),
        worker: worker ? { path, resolve } : undefined,
      });
      return { summary, seen };
    };
    for (const [store, worker] of [
      [here.store, false],
      [there.store, true],
    ] as const) {
      const { summary, seen } = await run(store, worker);
      expect(summary).toMatchObject({ imported: 899, failed: 1 });
      expect(seen.length).toBeGreaterThan(1);
      for (const [k, p] of seen.entries()) {
        const before = seen[k - 1] ?? { records: 0, bytes: 0 };
        if (!p.finishing) expect(p.records).toBeGreaterThan(before.records);
        expect(p.bytes).toBeGreaterThanOrEqual(before.bytes);
      }
      // The last report comes once every row is stored, before the commit.
      expect(seen.at(-1)).toEqual({ records: 900, bytes: Buffer.byteLength(csv), finishing: true });
      expect(seen.filter((p) => p.finishing)).toHaveLength(1);
    }
  }, 60_000);

  it('refuses a file that is not a dataset by its header, as this thread does, storing nothing', async () => {
    const before = await there.store.db.selectFrom('incidents').select('id').execute();
    const csv = 'name,when,count\nalpha,2020-01-01,3\n';
    const path = join(dir, 'notes.csv');
    writeFileSync(path, csv);
    const resolve = await loadResolveData(there.store);
    const options = { file: 'notes.csv', resolvers: resolversFrom(resolve), now: NOW, exclusive: true };
    const inThread = importDataset(here.store, Readable.from([csv]), options);
    const inWorker = importDataset(there.store, Readable.from([csv]), { ...options, worker: { path, resolve } });
    const message = await inThread.then(
      () => 'imported',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    expect(message).toMatch(/^InvalidInputError: notes\.csv: /);
    await expect(inWorker).rejects.toThrow(message.replace(/^InvalidInputError: /, ''));
    await expect(inWorker).rejects.toBeInstanceOf(InvalidInputError);
    expect(await there.store.db.selectFrom('incidents').select('id').execute()).toEqual(before);
  }, 60_000);
});

describe('ids reserved for a bulk load on PostgreSQL', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('postgres');
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  const reserve = (count: number) =>
    t.store.db.transaction().execute((trx) => t.store.dialect.reserveIds(trx, 'incidents', count));

  it('are the ids the sequence gives, also when the range is broken as another writer would break it', async () => {
    const first = await reserve(5);
    expect(first.map((id) => id - (first[0] as number))).toEqual([0, 1, 2, 3, 4]);
    // A sequence stepping by two gives what another session's calls between ours would: no range.
    const { rows } = await sql<{ name: string }>`select pg_get_serial_sequence('incidents', 'id') as name`.execute(
      t.store.db,
    );
    await sql.raw(`alter sequence ${rows[0]?.name} increment by 2`).execute(t.store.db);
    const broken = await reserve(4);
    expect(broken.map((id) => id - (broken[0] as number))).toEqual([0, 2, 4, 6]);
    // None taken twice: the ends of the broken range were asked for, then the ids listed anew.
    expect(broken[0]).toBeGreaterThan(first[4] as number);
    const next = await reserve(1);
    expect(next[0]).toBeGreaterThan(broken[3] as number);
  });
});
