import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../test/support/stores.js';
import { inTransaction, TRANSACTION_ATTEMPTS } from './transactions.js';

describe('transactions PostgreSQL aborts to break a deadlock', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('postgres');
    await sql`create table probe (id integer primary key, n integer not null)`.execute(t.store.db);
    await sql`insert into probe values (1, 0), (2, 0)`.execute(t.store.db);
  });
  afterAll(async () => t.cleanup());

  it('run again, whole, when two writers take the same rows in opposite orders', async () => {
    let arrived = 0;
    let release = () => {};
    const bothWrote = new Promise<void>((resolve) => {
      release = resolve;
    });
    const retries: string[] = [];
    const attempts = { a: 0, b: 0 };
    const writer = (name: 'a' | 'b', first: number, second: number) =>
      inTransaction(
        t.store,
        async (trx) => {
          attempts[name] += 1;
          await sql`update probe set n = n + 1 where id = ${first}`.execute(trx);
          if (attempts[name] === 1) {
            // Each holds its first row before either asks for its second: one must be aborted.
            arrived += 1;
            if (arrived === 2) release();
            await bothWrote;
          }
          await sql`update probe set n = n + 1 where id = ${second}`.execute(trx);
        },
        () => retries.push(name),
      );
    await Promise.all([writer('a', 1, 2), writer('b', 2, 1)]);
    expect(retries).toHaveLength(1);
    const rows = await sql<{ id: number; n: number }>`select id, n from probe order by id`.execute(t.store.db);
    // Each writer's two updates counted once: the aborted attempt left nothing behind.
    expect(rows.rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  }, 20_000);

  it('throw any other error at once, and give up after the last attempt', async () => {
    let runs = 0;
    await expect(
      inTransaction(t.store, async (trx) => {
        runs += 1;
        await sql`insert into probe values (1, 0)`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(runs).toBe(1);
    runs = 0;
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await expect(
      inTransaction(t.store, async () => {
        runs += 1;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
  });
});
