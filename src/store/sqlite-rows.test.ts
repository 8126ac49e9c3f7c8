import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsAsObjects } from './sqlite-rows.js';

describe('rows read as lists and built into objects', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-rows-'));
    db = new BetterSqlite3(join(dir, 'rows.db'));
    db.pragma('journal_mode = WAL');
    db.exec(`create table places (id integer primary key, name text, "odd ""name"" here" text, lat real, note blob);
      insert into places values (1, 'Kunduz', 'x', 36.7, null), (2, 'Herāt', null, 34.35, x'00ff');
      create table names (id integer primary key, name text);
      insert into names values (1, 'first'), (2, 'second');`);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the objects better-sqlite3 gives, odd names, repeated names and every kind of value included', () => {
    const queries = [
      'select * from places order by id',
      // The same name twice: the later column wins.
      'select p.*, n.name from places p join names n on n.id = p.id order by p.id',
      'select id, id * 2 as id, lat + 1, name || ? as "with ""quotes"" and spaces" from places order by id',
      'select count(*) as n, 9007199254740993 as big from places',
      'select * from places where id > 5',
    ];
    for (const text of queries) {
      const parameters = text.includes('?') ? ['!'] : [];
      const expected = db.prepare(text).all(...parameters);
      expect(rowsAsObjects(db.prepare(text)).all(parameters)).toEqual(expected);
      expect([...rowsAsObjects(db.prepare(text)).iterate(parameters)]).toEqual(expected);
    }
  });

  it('reads the columns again when another connection adds one', () => {
    const statement = rowsAsObjects(db.prepare('select * from names order by id'));
    expect(statement.all([])).toEqual([
      { id: 1, name: 'first' },
      { id: 2, name: 'second' },
    ]);
    const other = new BetterSqlite3(join(dir, 'rows.db'));
    other.exec(`alter table names add column side text default 'a'`);
    other.close();
    expect(statement.all([])).toEqual([
      { id: 1, name: 'first', side: 'a' },
      { id: 2, name: 'second', side: 'a' },
    ]);
  });

  it('leaves statements that read nothing as they are', () => {
    const insert = db.prepare('insert into names (name) values (?)');
    expect(rowsAsObjects(insert)).toBe(insert);
    expect(rowsAsObjects(insert).run(['third']).changes).toBe(1);
  });
});
