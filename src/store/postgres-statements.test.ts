import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestStore, incidentRow, type TestStore } from '../../test/support/stores.js';
import { openStore } from './open-store.js';
import { readPrepareSetting, StatementNames } from './postgres-statements.js';

describe('statement names', () => {
  it('names a text the second time it runs, and keeps that name', () => {
    const names = new StatementNames();
    expect(names.nameOf('select $1')).toBeUndefined();
    const name = names.nameOf('select $1');
    expect(name).toMatch(/^tally_\d+$/);
    expect(names.nameOf('select $1')).toBe(name);
    expect(names.nameOf('select $2')).toBeUndefined();
    expect(names.nameOf('select $2')).not.toBe(name);
    expect(names.size).toBe(2);
  });

  it('stops naming new texts once it holds its most, and keeps the names it gave', () => {
    const names = new StatementNames();
    const first = [names.nameOf('select 0'), names.nameOf('select 0')][1];
    for (let i = 1; names.size < 1000; i++) {
      names.nameOf(`select ${i}`);
      if (names.nameOf(`select ${i}`) === undefined) break;
    }
    const most = names.size;
    expect(most).toBeGreaterThan(50);
    expect(most).toBeLessThan(1000);
    names.nameOf('select -1');
    expect(names.nameOf('select -1')).toBeUndefined();
    expect(names.size).toBe(most);
    expect(names.nameOf('select 0')).toBe(first);
  });
});

describe('prepared statements on PostgreSQL', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore('postgres');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('prepares a query run again with other values, once per connection, and answers each run for its own values', async () => {
    const { db } = t.store;
    await db
      .insertInto('incidents')
      .values([incidentRow({ admin1: 'Kunduz' }), incidentRow({ admin1: 'Balkh' }), incidentRow({ admin1: 'Balkh' })])
      .execute();
    const count = (admin1: string) =>
      db
        .selectFrom('incidents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('admin1', '=', admin1)
        .executeTakeFirstOrThrow();
    // One transaction holds one connection, whose prepared statements the server lists.
    const { counts, prepared } = await db.transaction().execute(async (trx) => {
      const inTrx = (admin1: string) =>
        trx
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('admin1', '=', admin1)
          .executeTakeFirstOrThrow();
      const counts = [];
      for (const admin1 of ['Kunduz', 'Balkh', 'Kunduz', 'Herat', 'Balkh', 'Balkh', 'Kunduz']) {
        counts.push((await inTrx(admin1)).n);
      }
      const { rows } = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(trx);
      return { counts, prepared: rows };
    });
    expect(counts).toEqual([1, 2, 1, 0, 2, 2, 1]);
    const counting = prepared.filter((p) => p.statement.includes('count(*)') && p.statement.includes('"admin1" = $1'));
    expect(counting).toHaveLength(1);
    expect(counting[0]?.name).toMatch(/^tally_\d+$/);
    // Outside the transaction, on any connection of the pool, the named statement answers too.
    expect((await count('Balkh')).n).toBe(2);
    expect((await count('Herat')).n).toBe(0);
  });

  it('names one statement for IN lists of 5 to 8 values, each run answering for its own list', async () => {
    const { db } = t.store;
    const ids = (
      await db
        .insertInto('incidents')
        .values(Array.from({ length: 10 }, () => incidentRow({ admin1: 'Kunduz' })))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const { counts, prepared } = await db.transaction().execute(async (trx) => {
      const counts: number[] = [];
      for (let run = 0; run < 2; run++) {
        for (let length = 5; length <= 8; length++) {
          const row = await trx
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', 'in', ids.slice(0, length))
            .executeTakeFirstOrThrow();
          counts.push(Number(row.n));
        }
      }
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      return { counts, prepared: rows };
    });
    expect(counts).toEqual([5, 6, 7, 8, 5, 6, 7, 8]);
    const listing = prepared.filter((p) => p.statement.includes('"id" in ('));
    expect(listing.map((p) => p.statement)).toEqual([
      'select count(*) as "n" from "incidents" where "id" in ($1, $2, $3, $4, $5, $6, $7, $8)',
    ]);
  });

  it('leaves a statement that failed to prepare usable on its connection once it is fixed', async () => {
    const { db } = t.store;
    const bad = sql`select no_such_column from incidents where id = ${1}`;
    for (let i = 0; i < 3; i++) await expect(bad.execute(db)).rejects.toThrow(/no_such_column/);
    await db
      .insertInto('incidents')
      .values(incidentRow({ admin1: 'Kunduz' }))
      .execute();
    for (let i = 0; i < 3; i++) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from incidents where admin1 = ${'Kunduz'}`.execute(
        db,
      );
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('runs a statement again after a column was added to its table, while the process kept running', async () => {
    const { db } = t.store;
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    await sql`insert into notes values (1, 'a'), (2, 'b')`.execute(db);
    const read = (id: number) => sql<Record<string, unknown>>`select * from notes where id = ${id}`.execute(db);
    // Run on every connection the pool has open, so each has the statement prepared.
    for (let i = 0; i < 3; i++) await Promise.all([read(1), read(2), read(1)]);
    // Another process migrates the table.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('alter table notes add column tag text');
      await other.query(`update notes set tag = 'x' where id = 2`);
    } finally {
      await other.end();
    }
    for (let i = 0; i < 3; i++) {
      const rows = (await Promise.all([read(2), read(1), read(2)])).map((r) => r.rows[0]);
      expect(rows).toEqual([
        { id: 2, body: 'b', tag: 'x' },
        { id: 1, body: 'a', tag: null },
        { id: 2, body: 'b', tag: 'x' },
      ]);
    }
  });
});

describe('the store URL’s prepare parameter', () => {
  it('is taken off the URL, true unless it says false, and refused when it says neither', () => {
    expect(readPrepareSetting('postgres://u@h:5432/tally')).toEqual({
      url: 'postgres://u@h:5432/tally',
      prepare: true,
    });
    expect(readPrepareSetting('postgres://u@h:5432/tally?prepare=false&sslmode=disable')).toEqual({
      url: 'postgres://u@h:5432/tally?sslmode=disable',
      prepare: false,
    });
    expect(readPrepareSetting('postgres://u@h/tally?prepare=ON').prepare).toBe(true);
    expect(() => readPrepareSetting('postgres://u@h/tally?prepare=sometimes')).toThrow(
      /prepare parameter must be true or false, got "sometimes"/,
    );
  });

  it('with prepare=false, runs every statement unnamed', async () => {
    const empty = await createEmptyDatabase('postgres');
    const store = await openStore(`${empty.url}?prepare=false`);
    try {
      const prepared = await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 4; i++) await trx.selectFrom('incidents').select('id').where('id', '=', i).execute();
        return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx)).rows;
      });
      expect(prepared).toEqual([]);
    } finally {
      await store.close();
      await empty.drop();
    }
  });
});
