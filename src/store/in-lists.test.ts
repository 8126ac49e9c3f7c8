import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type InListPlan, paddedLength, planInLists, planNumberedInLists } from './in-lists.js';
import { createSqliteDialect } from './sqlite-dialect.js';

/** The plan runs the text as given, with its parameters as given. */
function expectLeftAlone(plan: (text: string) => InListPlan, text: string): void {
  const planned = plan(text);
  expect(planned.text).toBe(text);
  expect(planned.pad).toBeUndefined();
}

describe('IN lists padded to a few lengths', () => {
  it('pads to the next power of two, then to multiples of 512', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 31, 33, 500, 512, 513, 1100].map(paddedLength)).toEqual([
      1, 2, 4, 4, 8, 8, 16, 32, 64, 512, 512, 1024, 1536,
    ]);
  });

  it('repeats the last value of each list and keeps every other parameter in its place', () => {
    const text = 'select * from t where a = ? and id in (?, ?, ?) and b not in (?, ?, ?, ?, ?) and c > ? limit ?';
    const plan = planInLists(text);
    expect(plan.text).toBe(
      'select * from t where a = ? and id in (?, ?, ?, ?) and b not in (?, ?, ?, ?, ?, ?, ?, ?) and c > ? limit ?',
    );
    expect(plan.pad?.(['a', 1, 2, 3, 'p', 'q', 'r', 's', 't', 'c', 10])).toEqual([
      'a',
      1,
      2,
      3,
      3,
      'p',
      'q',
      'r',
      's',
      't',
      't',
      't',
      't',
      'c',
      10,
    ]);
  });

  it('leaves alone a text whose lists are already of a kept length, and one with a quoted literal', () => {
    for (const text of [
      'select * from t where id in (?, ?) and a in (?, ?, ?, ?)',
      'select * from t where a = ?',
      "select * from t where a = 'why?' and id in (?, ?, ?)",
    ]) {
      expectLeftAlone(planInLists, text);
    }
  });
});

describe("PostgreSQL's numbered IN lists padded", () => {
  it('numbers the added placeholders and those after them anew, and repeats the last value of each list', () => {
    const plan = planNumberedInLists('select * from t where a = $1 and id in ($2, $3, $4) and b > $5 limit $6');
    expect(plan.text).toBe('select * from t where a = $1 and id in ($2, $3, $4, $5) and b > $6 limit $7');
    expect(plan.pad?.(['a', 1, 2, 3, 'b', 10])).toEqual(['a', 1, 2, 3, 3, 'b', 10]);
  });

  it('leaves alone placeholders out of order, a JSON ? operator and a quoted literal', () => {
    for (const text of [
      'select * from t where id in ($2, $3, $4) and a = $1',
      'select * from t where doc ? $1 and id in ($2, $3, $4)',
      "select * from t where a = 'x' and id in ($1, $2, $3)",
      'select * from t where id in ($1, $2)',
    ]) {
      expectLeftAlone(planNumberedInLists, text);
    }
  });
});

interface Db {
  items: { id: number; kind: string; n: number };
}

describe('IN lists on a SQLite store', () => {
  let dir: string;
  let db: Kysely<Db>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tally-in-lists-'));
    db = new Kysely<Db>({ dialect: createSqliteDialect(join(dir, 'in.db')).kysely });
    await sql`create table items (id integer primary key, kind text, n integer)`.execute(db);
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, kind: i % 3 === 0 ? 'x' : 'y', n: i % 7 }));
    await db.insertInto('items').values(rows).execute();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('selects the same rows at every list length, with parameters before and after the lists', async () => {
    for (let length = 1; length <= 70; length++) {
      const ids = Array.from({ length }, (_, i) => 1 + ((i * 37) % 200));
      const skip = Array.from({ length: (length % 5) + 1 }, (_, i) => i);
      const rows = await db
        .selectFrom('items')
        .select('id')
        .where('kind', '=', 'x')
        .where('id', 'in', ids)
        .where('n', 'not in', skip)
        .where('id', '<', 190)
        .orderBy('id')
        .limit(40)
        .execute();
      const expected = [...new Set(ids)]
        .filter((id) => (id - 1) % 3 === 0 && !skip.includes((id - 1) % 7) && id < 190)
        .sort((a, b) => a - b)
        .slice(0, 40);
      expect(rows.map((r) => r.id)).toEqual(expected);
    }
  });

  it('prepares one statement for the lists of lengths 5 to 8', async () => {
    const prepare = vi.spyOn(BetterSqlite3.prototype, 'prepare');
    for (let length = 5; length <= 8; length++) {
      const ids = Array.from({ length }, (_, i) => i + 1);
      const rows = await db.selectFrom('items').select('id').where('id', 'in', ids).execute();
      expect(rows).toHaveLength(length);
    }
    expect(prepare.mock.calls.map((call) => call[0])).toEqual([
      'select "id" from "items" where "id" in (?, ?, ?, ?, ?, ?, ?, ?)',
    ]);
  });
});
