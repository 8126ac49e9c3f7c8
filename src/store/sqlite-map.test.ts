import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './open-store.js';

/** The notes a store's connection sees now. */
async function notes(store: Store): Promise<{ n: number; last: string | null }> {
  const { rows } = await sql<{
    n: number;
    last: string | null;
  }>`select count(*) as n, max(text) as last from notes`.execute(store.db);
  return rows[0] as { n: number; last: string | null };
}

describe('a SQLite store read through a memory map', () => {
  let dir: string;
  let path: string;
  let writer: BetterSqlite3.Database;
  let reader: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tally-map-'));
    path = join(dir, 'store.db');
    // The server's side: migrated, then mapped (the map is opened before anything is read).
    reader = await openStore(path, { mapMb: 8 });
    // Another process's writer, as an ingest beside a server is.
    writer = new BetterSqlite3(path);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table notes (id integer primary key, text text not null)');
  });
  afterEach(async () => {
    await reader.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (from: number, count: number) =>
    writer.transaction(() => {
      const insert = writer.prepare('insert into notes (text) values (?)');
      for (let i = from; i < from + count; i++) insert.run(`note ${String(i).padStart(6, '0')} ${'x'.repeat(400)}`);
    })();

  it('maps as many bytes as it was asked for, and a store opened without the option none', async () => {
    const mapped = await sql<{ mmap_size: number }>`pragma mmap_size`.execute(reader.db);
    expect(mapped.rows).toEqual([{ mmap_size: 8 * 1024 * 1024 }]);
    const plain = await openStore(path, { migrate: false });
    try {
      expect((await sql<{ mmap_size: number }>`pragma mmap_size`.execute(plain.db)).rows).toEqual([{ mmap_size: 0 }]);
    } finally {
      await plain.close();
    }
  });

  it("sees another writer's rows in the log, after they are copied into the file, and after the file shrinks", async () => {
    write(0, 3_000);
    expect(await notes(reader)).toMatchObject({ n: 3_000, last: expect.stringMatching(/^note 002999 /) });
    // Into the store file, beyond the map's 8 MB: the reader reads the rest as it did before.
    writer.pragma('wal_checkpoint(TRUNCATE)');
    write(3_000, 20_000);
    writer.pragma('wal_checkpoint(TRUNCATE)');
    const grown = statSync(path).size;
    expect(grown).toBeGreaterThan(8 * 1024 * 1024);
    expect(await notes(reader)).toMatchObject({ n: 23_000, last: expect.stringMatching(/^note 022999 /) });
    // A file that shrinks under the map (VACUUM) is read again at its new length, not past its end.
    writer.exec('delete from notes where id > 100');
    writer.exec('vacuum');
    writer.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(path).size).toBeLessThan(grown / 10);
    expect(await notes(reader)).toMatchObject({ n: 100, last: expect.stringMatching(/^note 000099 /) });
    write(100, 50);
    expect(await notes(reader)).toMatchObject({ n: 150, last: expect.stringMatching(/^note 000149 /) });
  });
});
