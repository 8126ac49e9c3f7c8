import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointAside } from './sqlite-checkpoint.js';

const ROWS = 5_000;

describe('checkpointAside on SQLite', () => {
  let dir: string;
  let path: string;
  let db: BetterSqlite3.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-checkpoint-'));
    path = join(dir, 'store.db');
    db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 100');
    db.exec('create table notes (id integer primary key, text text not null)');
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Far more than 100 pages: a commit with the connection's own setting would copy them itself.
  const load = async () => {
    db.transaction(() => {
      const insert = db.prepare('insert into notes (text) values (?)');
      for (let i = 0; i < ROWS; i++) insert.run(`note ${i} `.repeat(20));
    })();
    return 'loaded';
  };

  /** The rows in the store file alone, without its log: what a checkpoint has copied there. */
  const rowsInStoreFile = () => {
    const copy = join(dir, 'copy.db');
    copyFileSync(path, copy);
    const other = new BetterSqlite3(copy, { readonly: true });
    try {
      return (other.prepare('select count(*) as n from notes').get() as { n: number }).n;
    } finally {
      other.close();
    }
  };

  it('copies the load into the store file on another thread while `after` runs', async () => {
    const seen: number[] = [];
    const result = await checkpointAside(db, path, load, async () => {
      seen.push(db.pragma('wal_autocheckpoint', { simple: true }) as number);
    });
    expect(result).toBe('loaded');
    // The load's commit left its pages in the log; the helper thread copied them.
    expect(seen).toEqual([0]);
    expect(rowsInStoreFile()).toBe(ROWS);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
  });

  it('leaves the pages in the log when nothing copies them (the control)', async () => {
    db.pragma('wal_autocheckpoint = 0');
    await load();
    expect(rowsInStoreFile()).toBe(0);
    expect((db.prepare('select count(*) as n from notes').get() as { n: number }).n).toBe(ROWS);
  });

  it('puts the setting back and starts no copy when the load fails', async () => {
    let ran = false;
    const failing = async () => {
      throw new Error('refused by test');
    };
    await expect(
      checkpointAside(db, path, failing, async () => {
        ran = true;
      }),
    ).rejects.toThrow('refused by test');
    expect(ran).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
  });

  it('runs the two in turn on a store without a log', async () => {
    const memory = new BetterSqlite3(':memory:');
    const order: string[] = [];
    try {
      await checkpointAside(
        memory,
        ':memory:',
        async () => order.push('load'),
        async () => {
          order.push('after');
        },
      );
    } finally {
      memory.close();
    }
    expect(order).toEqual(['load', 'after']);
  });
});
