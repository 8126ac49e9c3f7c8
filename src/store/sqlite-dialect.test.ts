import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { NEW_STORE_PAGE_SIZE } from './sqlite-dialect.js';

/** A setting of the store's own connection, as SQLite reports it. */
async function setting(store: Awaited<ReturnType<typeof openStore>>, name: string): Promise<number> {
  const { rows } = await sql.raw<Record<string, number>>(`pragma ${name}`).execute(store.db);
  return Object.values(rows[0] ?? {})[0] as number;
}

describe('the page size of a SQLite store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-pages-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is 16 KB for a new store, kept when it opens again, with the log copied every 32 MB', async () => {
    const path = join(dir, 'new.db');
    const store = await openStore(path);
    expect(await setting(store, 'page_size')).toBe(NEW_STORE_PAGE_SIZE);
    expect(await setting(store, 'wal_autocheckpoint')).toBe(2048);
    await store.close();
    const again = await openStore(path);
    expect(await setting(again, 'page_size')).toBe(NEW_STORE_PAGE_SIZE);
    await again.close();
  });

  it('stays 4 KB for a store made before, which opens and migrates as it was', async () => {
    const path = join(dir, 'old.db');
    const old = new BetterSqlite3(path);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('create table kept (note text)');
    old.prepare('insert into kept values (?)').run('written before');
    old.close();
    const store = await openStore(path);
    expect(await setting(store, 'page_size')).toBe(4096);
    expect(await setting(store, 'wal_autocheckpoint')).toBe(8192);
    const { rows } = await sql<{ note: string }>`select note from kept`.execute(store.db);
    expect(rows).toEqual([{ note: 'written before' }]);
    // The store's own tables were added beside it.
    const incidents = await store.db.selectFrom('incidents').select('id').execute();
    expect(incidents).toEqual([]);
    await store.close();
  });
});
